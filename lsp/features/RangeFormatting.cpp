// RangeFormatting — textDocument/rangeFormatting with compiler/Format's
// layout. The layout of a top-level declaration depends on nothing outside
// it, so the text from the first declaration the range touches to the end
// of the last one is formatted as a file of its own (Format proves the
// result is the same program, token for token) and replaces that text.
// Formatting only that text keeps the request fast in a large document,
// where parsing the whole of it twice, as `cfc fmt` does, takes longer than
// a keystroke may wait.
#include "lsp/features/EditorFeatures.h"

#include "Format/Format.h"

namespace cfc::lsp {

std::vector<TextEdit> formatRange(const ParsedDocument &Doc, Range R) {
  if (!Doc.Ast)
    return {};
  uint32_t Begin = Doc.offsetAt(R.start), End = Doc.offsetAt(R.end);
  std::optional<SourceRange> Touched;
  for (const ast::Decl *D : Doc.Ast->Decls) {
    if (!D || D->range().End < Begin || D->range().Begin > End)
      continue;
    if (!Touched)
      Touched = D->range();
    Touched->End = D->range().End;
  }
  if (!Touched)
    return {};
  llvm::StringRef Original = Doc.text().slice(Touched->Begin, Touched->End);
  // A scratch source manager: the document's own compilation stays as built.
  SourceManager SM;
  DiagnosticEngine Diags;
  FileId File = SM.addBuffer(Original.str(), "range.cfn");
  std::optional<std::string> Formatted = format::formatFile(SM, File, Diags);
  if (!Formatted)
    return {}; // A syntax error in the declarations: left as they are.
  // A file ends with a newline; the declarations' text ends at their `}`.
  if (!Original.endswith("\n") && llvm::StringRef(*Formatted).endswith("\n"))
    Formatted->pop_back();
  if (*Formatted == Original)
    return {};
  return {TextEdit{Doc.range(Doc.Main, *Touched), std::move(*Formatted)}};
}

} // namespace cfc::lsp
