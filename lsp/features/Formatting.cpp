// Formatting — textDocument/formatting: the whole document in cfc fmt's
// canonical layout (compiler/Format), as one edit.
#include "lsp/features/Features.h"

#include "Format/Format.h"

namespace cfc::lsp {

std::vector<TextEdit> formatDocument(const ParsedDocument &Doc) {
  // A scratch source manager: the document's own compilation stays as built.
  SourceManager SM;
  DiagnosticEngine Diags;
  FileId File = SM.addBuffer(Doc.text().str(), "document.cfn");
  std::optional<std::string> Text = format::formatFile(SM, File, Diags);
  if (!Text || *Text == Doc.text())
    return {}; // Syntax errors, or already formatted.
  Range Whole{{0, 0}, Doc.position(Doc.Main, uint32_t(Doc.text().size()))};
  return {TextEdit{Whole, std::move(*Text)}};
}

} // namespace cfc::lsp
