// Commands — what each subcommand does with a Compilation.
#include "Driver/Commands.h"

#include "AST/ASTDumper.h"
#include "Diagnostics/DiagnosticPrinters.h"
#include "Frontend/Compilation.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace cfc::driver {

/// Prints every diagnostic, sorted by place, and returns the exit status.
static int finish(Compilation &C, DiagnosticFormat Format) {
  std::vector<Diagnostic> Diags = C.diagnostics().sorted();
  if (Format == DiagnosticFormat::Json) {
    printJson(Diags, C.sources(), llvm::outs());
  } else {
    bool Colors = llvm::errs().has_colors();
    for (const Diagnostic &D : Diags)
      printText(D, C.sources(), llvm::errs(), Colors);
  }
  return C.diagnostics().hasErrors() ? InputErrors : Success;
}

int runBuild(const BuildOptions &Opts) {
  Compilation C;
  C.addPath(Opts.Path);
  C.parse();
  return finish(C, Opts.Diagnostics);
}

int runCheck(const CheckOptions &Opts) {
  Compilation C;
  for (const std::string &Path : Opts.Paths)
    C.addPath(Path);
  C.parse();
  return finish(C, Opts.Format);
}

int runDumpAst(const std::string &Path) {
  Compilation C;
  C.addPath(Path);
  C.parse();
  for (const auto &File : C.files())
    ast::dump(*File, C.sources(), llvm::outs());
  return finish(C, DiagnosticFormat::Text);
}

} // namespace cfc::driver
