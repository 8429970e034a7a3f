// Highlight — textDocument/documentHighlight: the name under the cursor, its
// declaration and its uses in this document, found by the scope walk
// (Bindings.h) that rename uses, so that they are the same places rename
// would change.
#include "lsp/features/Bindings.h"
#include "lsp/features/EditorFeatures.h"

namespace cfc::lsp {

std::vector<DocumentHighlight> documentHighlights(const ParsedDocument &Doc, Position P) {
  if (!Doc.Ast)
    return {};
  const Bindings &Names = Doc.bindings();
  const NameOccurrence *At = Names.at(Doc.Main, Doc.offsetAt(P));
  if (!At || !At->Target)
    return {};
  std::vector<DocumentHighlight> Result;
  for (const NameOccurrence *O : Names.occurrencesOf(*At->Target))
    if (O->File == Doc.Main)
      Result.push_back({Doc.range(Doc.Main, O->Range), O->R == NameOccurrence::Role::Declaration
                                                          ? DocumentHighlightKind::Write
                                                          : DocumentHighlightKind::Read});
  return Result;
}

} // namespace cfc::lsp
