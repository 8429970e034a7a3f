// FormatFile — formatting one source file safely: parse, lay out, and prove
// by re-lexing and re-parsing that the result is the same program.
//
// The proof: the formatted text must parse without errors, and its tokens
// (kinds and exact text, comments included) must equal the original's, with
// commas left out of both sides: the layout may only drop or add separator
// commas, which objects do not need between lines and lists allow at the end.
// Anything else is a formatter bug, reported as CFC7001 with the file left
// as it was.
#include "Format/Format.h"

#include "Parse/Lexer.h"
#include "Parse/Parser.h"

namespace cfc::format {
namespace {

/// The tokens of Text that carry meaning or comments, as kind and text.
std::vector<std::pair<TokenKind, std::string>> significantTokens(llvm::StringRef Text) {
  std::vector<std::pair<TokenKind, std::string>> Out;
  for (const Token &T : lexTokens(Text)) {
    llvm::StringRef S = Text.slice(T.Range.Begin, T.Range.End);
    if (T.Kind == TokenKind::Punctuation && S == ",")
      continue;
    Out.emplace_back(T.Kind, S.str());
  }
  return Out;
}

/// Why Formatted is not the same program as Original, or empty.
std::string difference(llvm::StringRef Original, SourceManager &SM, FileId File,
                       const std::string &Formatted) {
  FileId Copy = SM.addBuffer(Formatted, (SM.name(File) + " (formatted)").str());
  DiagnosticEngine Scratch;
  parseFile(SM, Copy, Scratch);
  if (Scratch.hasErrors())
    return "the result does not parse";
  if (significantTokens(Original) != significantTokens(Formatted))
    return "the result has different tokens";
  return "";
}

} // namespace

std::optional<std::string> formatFile(SourceManager &SM, FileId File, DiagnosticEngine &Diags,
                                      const FormatOptions &Opts) {
  std::unique_ptr<ast::File> Ast = parseFile(SM, File, Diags);
  if (Diags.hasErrors())
    return std::nullopt;
  llvm::StringRef Original = SM.text(File);
  std::string Formatted = layout(Original, *Ast);
  std::string Why = Opts.BreakVerification ? std::string("verification disabled for a test")
                                           : difference(Original, SM, File, Formatted);
  if (!Why.empty()) {
    Diags.report(File, SourceRange{0, 0}, diag::FormatterChangedProgram, SM.name(File), Why);
    return std::nullopt;
  }
  return Formatted;
}

} // namespace cfc::format
