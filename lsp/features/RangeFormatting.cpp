// RangeFormatting — textDocument/rangeFormatting with compiler/Format's
// layout. The whole document is laid out (the layout of a declaration
// depends on nothing outside it, but `cfc fmt` proves its result on a whole
// file), then only the top-level declarations the range touches are
// replaced by theirs. The formatted text has the same declarations in the
// same order (Format checks the tokens), so the i-th declaration of one is
// the i-th of the other; each is taken with the text since the previous
// declaration (blank lines, comments), so the edits cover the text between
// them too and never overlap.
#include "lsp/features/EditorFeatures.h"

#include "Format/Format.h"
#include "Parse/Parser.h"

namespace cfc::lsp {

namespace {

/// The top-level declarations of F; then what follows the last one, up
/// to the text's end.
std::vector<SourceRange> declarations(const ast::File &F, size_t TextSize) {
  std::vector<SourceRange> Decls;
  for (const ast::Decl *D : F.Decls)
    if (D)
      Decls.push_back(D->range());
  uint32_t Tail = Decls.empty() ? 0 : Decls.back().End;
  Decls.push_back({Tail, static_cast<uint32_t>(TextSize)});
  return Decls;
}

} // namespace

std::vector<TextEdit> formatRange(const ParsedDocument &Doc, Range R) {
  // A scratch source manager: the document's own compilation stays as built.
  SourceManager SM;
  DiagnosticEngine Diags;
  FileId File = SM.addBuffer(Doc.text().str(), "document.cfn");
  std::optional<std::string> Formatted = format::formatFile(SM, File, Diags);
  if (!Formatted || *Formatted == Doc.text())
    return {};
  FileId Copy = SM.addBuffer(*Formatted, "formatted.cfn");
  std::unique_ptr<ast::File> Original = parseFile(SM, File, Diags);
  std::unique_ptr<ast::File> Laid = parseFile(SM, Copy, Diags);
  if (Diags.hasErrors() || !Original || !Laid)
    return {};
  std::vector<SourceRange> Old = declarations(*Original, Doc.text().size());
  std::vector<SourceRange> New = declarations(*Laid, Formatted->size());
  if (Old.size() != New.size())
    return {}; // Cannot happen when Format's proof holds; change nothing then.
  uint32_t Begin = Doc.offsetAt(R.start), End = Doc.offsetAt(R.end);
  std::vector<TextEdit> Edits;
  for (size_t I = 0; I < Old.size(); ++I) {
    // Each chunk is a declaration with the text before it.
    uint32_t OldBegin = I ? Old[I - 1].End : 0, NewBegin = I ? New[I - 1].End : 0;
    if (End < Old[I].Begin || Begin > Old[I].End)
      continue; // The range does not touch the declaration.
    llvm::StringRef Before = Doc.text().slice(OldBegin, Old[I].End);
    llvm::StringRef After = llvm::StringRef(*Formatted).slice(NewBegin, New[I].End);
    if (Before != After)
      Edits.push_back({Doc.range(Doc.Main, {OldBegin, Old[I].End}), After.str()});
  }
  return Edits;
}

} // namespace cfc::lsp
