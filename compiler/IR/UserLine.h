// UserLine — reporting a finding about a resource on the line the user can
// change. A resource a standard-library component made was written in the
// library, which is in no user's repository: a finding there moves to the
// user's instance of the component, each library frame becoming a note.
// Used by every phase after lowering (Rules, Lint, the graph checks).
#pragma once

#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Template.h"

#include <utility>

namespace cfc::ir {

/// Reports Kind about resource R at Where, or at R's instance when Where is
/// inside the library code that made R.
template <typename... Ts>
DiagnosticBuilder reportOnUserLine(DiagnosticEngine &Diags, const Resource &R, const Origin &Where,
                                   diag::Kind Kind, Ts &&...Args) {
  if (!inLibraryFrame(R, Where))
    return Diags.report(Where.File, Where.Range, Kind, std::forward<Ts>(Args)...);
  DiagnosticBuilder B = Diags.report(R.Instance.File, R.Instance.Range, Kind, std::forward<Ts>(Args)...);
  for (size_t I = 0; I < R.Frames.size(); ++I) {
    const Origin &Note = I == 0 ? Where : R.Frames[I].first;
    B.note(Note.File, Note.Range, R.Frames[I].second);
  }
  return B;
}

} // namespace cfc::ir
