// DiagnosticEngine — collects the diagnostics of a compilation. Phases report
// by registered kind; nothing is printed here (see DiagnosticPrinters.h).
#pragma once

#include "Basic/ArenaScope.h"
#include "Diagnostics/Diagnostic.h"

#include "llvm/Support/FormatVariadic.h"

#include <functional>
#include <unordered_map>
#include <utility>

namespace cfc {

class DiagnosticEngine;

/// Returned by DiagnosticEngine::report to attach notes and fix-its.
class DiagnosticBuilder {
public:
  DiagnosticBuilder(DiagnosticEngine &Engine, size_t Index, bool Relocated = false)
      : Engine(&Engine), Index(Index), Relocated(Relocated) {}
  DiagnosticBuilder &note(FileId File, SourceRange Range, std::string Message);
  DiagnosticBuilder &fix(std::string Message, SourceRange Range, std::string Replacement);

private:
  Diagnostic *get();
  DiagnosticEngine *Engine;
  size_t Index; ///< SIZE_MAX when the diagnostic was dropped.
  /// The relocator moved the diagnostic: fix-its written for the original
  /// place would edit the wrong text, so they are dropped.
  bool Relocated;
};

class DiagnosticEngine {
public:
  /// After this many errors in one file the rest are dropped (one CFC0004
  /// says so): binary garbage must not print megabytes of errors.
  static constexpr unsigned MaxErrorsPerFile = 50;

  /// Reports Kind at Range in File with its format filled from Args.
  template <typename... Ts>
  DiagnosticBuilder report(FileId File, SourceRange Range, diag::Kind Kind, Ts &&...Args) {
    std::string Message = llvm::formatv(diag::info(Kind).Format, std::forward<Ts>(Args)...).str();
    return add(File, Range, Kind, std::move(Message));
  }

  /// Moves a diagnostic before it is kept (and before duplicates are
  /// looked for): Sema sets one while it expands components, so a finding
  /// inside the standard library lands on the user's code, the library's
  /// place becoming a note. Returns whether it moved D. Unset: no moves.
  using Relocator = std::function<bool(Diagnostic &D)>;
  void setRelocator(Relocator R) { Relocate = std::move(R); }

  /// Says whether the program acknowledges an error (Frontend/Acknowledgements.h:
  /// `// cfc-disable-next-line CFC2106` above a declaration, for the few
  /// errors about facts cfc cannot see): such an error is kept, as a
  /// warning. Unset: none is.
  using Acknowledger = std::function<bool(const Diagnostic &D)>;
  void setAcknowledger(Acknowledger A) { Acknowledge = std::move(A); }

  /// Adds a diagnostic another engine accepted, as it was (the parse cache
  /// of Frontend/ParseCache.h keeps a file's syntax errors with its AST).
  void replay(const Diagnostic &D);

  const std::vector<Diagnostic> &diagnostics() const { return Diags; }
  unsigned errorCount() const { return Errors; }
  bool hasErrors() const { return Errors != 0; }
  /// Diagnostics sorted by file and position (stable for equal positions),
  /// so output does not depend on the order phases ran in.
  std::vector<Diagnostic> sorted() const;

private:
  friend class DiagnosticBuilder;
  DiagnosticBuilder add(FileId File, SourceRange Range, diag::Kind Kind, std::string Message);

  std::vector<Diagnostic> Diags;
  /// Each diagnostic's place in Diags by a hash of what makes two the same
  /// finding (kind, file, range, message): searching them all for each new
  /// one was quadratic (60,000 warnings of a template took minutes).
  std::unordered_multimap<size_t, size_t> ByFinding;
  static size_t findingHash(const Diagnostic &D);
  /// The arena region the engine was made in (Basic/ArenaScope.h): its
  /// diagnostics are kept there too, not in the region of the work that
  /// reports them (a parse tree's, dropped before the engine is done).
  arena::Region *Home = arena::Current;
  Relocator Relocate;
  Acknowledger Acknowledge;
  std::vector<unsigned> ErrorsPerFile;
  unsigned Errors = 0;
};

} // namespace cfc
