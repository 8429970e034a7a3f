// FuzzParse — the parser (scanner, token checks, ANTLR, AST builder) on
// any bytes, then what reads an AST without lowering it: the AST dump and
// the formatter. Properties beyond "no crash": a file that parses formats
// (CFC7001, the formatter's self-check, must never fire) and formatting is
// idempotent.
#include "FuzzSupport.h"

#include "AST/ASTDumper.h"
#include "Format/Format.h"
#include "Parse/Parser.h"

#include "llvm/Support/raw_ostream.h"

using namespace cfc;

namespace {

/// Formats a file that parsed; checks the two properties of cfc fmt.
void checkFormatting(SourceManager &SM, FileId File) {
  DiagnosticEngine Diags;
  std::optional<std::string> Once = format::formatFile(SM, File, Diags);
  fuzz::printDiagnostics(Diags, SM);
  if (!Once)
    fuzz::propertyFailed("a file without syntax errors could not be formatted");
  FileId Formatted = SM.addBuffer(*Once, "formatted.cfn");
  DiagnosticEngine Again;
  std::optional<std::string> Twice = format::formatFile(SM, Formatted, Again);
  if (!Twice || *Twice != *Once) {
    if (fuzz::verbose())
      llvm::errs() << "--- formatted once:\n" << *Once << "--- twice:\n" << Twice.value_or("(failed)\n");
    fuzz::propertyFailed("formatting is not idempotent");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  SourceManager SM;
  DiagnosticEngine Diags;
  FileId File = SM.addBuffer(fuzz::text(Data, Size), "fuzz.cfn");
  std::unique_ptr<ast::File> Ast = parseFile(SM, File, Diags);
  fuzz::printDiagnostics(Diags, SM);
  if (fuzz::verbose())
    ast::dump(*Ast, SM, llvm::errs());
  else
    ast::dump(*Ast, SM, llvm::nulls());
  if (!Diags.hasErrors())
    checkFormatting(SM, File);
  return 0;
}
