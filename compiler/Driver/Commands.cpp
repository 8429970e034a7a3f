// Commands — what each subcommand does with a Compilation.
#include "Driver/Commands.h"

#include "AST/ASTDumper.h"
#include "Diagnostics/DiagnosticPrinters.h"
#include "Diagnostics/SarifPrinter.h"
#include "Emit/Emitter.h"
#include "Emit/GraphPrinter.h"
#include "Frontend/Compilation.h"
#include "IR/Limits.h"
#include "Lint/Lint.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace cfc::driver {

/// Prints every diagnostic, sorted by place and without the suppressed
/// security findings, and returns the exit status. A SARIF log is filled
/// rather than printed: one log covers every path given to check.
static int finish(Compilation &C, DiagnosticFormat Format, SarifLog *Sarif = nullptr) {
  std::vector<Diagnostic> Diags =
      lint::withoutSuppressed(C.diagnostics().sorted(), C.files(), C.sources());
  if (Format == DiagnosticFormat::Sarif && Sarif) {
    Sarif->add(Diags, C.sources());
  } else if (Format == DiagnosticFormat::Json) {
    printJson(Diags, C.sources(), llvm::outs());
  } else {
    bool Colors = llvm::errs().has_colors();
    for (const Diagnostic &D : Diags)
      printText(D, C.sources(), llvm::errs(), Colors);
  }
  return C.diagnostics().hasErrors() ? InputErrors : Success;
}

/// Reads `--set NAME=VALUE` arguments; false (after saying why) if one is
/// malformed, which is a command-line error.
static bool readBindings(const std::vector<std::string> &Args, LowerOptions &Opts) {
  for (const std::string &Arg : Args) {
    auto [Name, Value] = llvm::StringRef(Arg).split('=');
    if (Name.empty() || Name.size() == Arg.size()) {
      llvm::WithColor::error(llvm::errs(), "cfc")
          << "--set takes NAME=VALUE (for example --set stage=prod); got '" << Arg << "'\n";
      return false;
    }
    Opts.Bindings[Name.str()] = Value.str();
  }
  return true;
}

/// The folder the stack's files are named relative to in Metadata.
static std::string sourceRoot(llvm::StringRef Path) {
  if (llvm::sys::fs::is_directory(Path))
    return Path.rtrim("/").str();
  return llvm::sys::path::parent_path(Path).str();
}

int runBuild(const BuildOptions &Opts) {
  LowerOptions Lower;
  if (!readBindings(Opts.Bindings, Lower))
    return UsageError;
  Lower.SourceRoot = sourceRoot(Opts.Path);
  Compilation C;
  C.parseOptions().KeepParseTreesUntilExit = true; // One command, then exit.
  C.addPath(Opts.Path);
  C.parse();
  if (C.diagnostics().hasErrors())
    return finish(C, Opts.Diagnostics);
  Compilation::Lowered L = C.lower(Lower);
  if (C.diagnostics().hasErrors())
    return finish(C, Opts.Diagnostics);
  std::string Text = Opts.Format == TemplateFormat::Yaml ? emit::emitYaml(L.Template, L.Graph)
                                                         : emit::emitJson(L.Template, L.Graph);
  ir::checkTemplateSize(Text.size(), C.diagnostics());
  if (C.diagnostics().hasErrors())
    return finish(C, Opts.Diagnostics);
  if (Opts.OutputFile.empty() || Opts.OutputFile == "-") {
    llvm::outs() << Text;
  } else {
    std::error_code EC;
    llvm::ToolOutputFile Out(Opts.OutputFile, EC, llvm::sys::fs::OF_None);
    if (EC) {
      C.diagnostics().report(0, {}, diag::CannotReadFile, Opts.OutputFile, EC.message());
      return finish(C, Opts.Diagnostics);
    }
    Out.os() << Text;
    Out.keep();
  }
  return finish(C, Opts.Diagnostics);
}

/// The other scanners' ids of a security rule, as SARIF rule properties.
static nlohmann::ordered_json ruleProperties(diag::Kind Kind) {
  nlohmann::ordered_json Props = nlohmann::ordered_json::object();
  for (const auto &[Tool, Id] : lint::crossToolIds(Kind))
    Props[Tool.str()] = Id.str();
  return Props;
}

int runCheck(const CheckOptions &Opts) {
  // Each path is a stack of its own: a folder, or a single file.
  int Status = Success;
  SarifLog Sarif(CFC_VERSION, ruleProperties);
  for (const std::string &Path : Opts.Paths) {
    Compilation C;
    C.parseOptions().KeepParseTreesUntilExit = true; // One command, then exit.
    C.addPath(Path);
    C.parse();
    if (!C.diagnostics().hasErrors()) {
      LowerOptions Lower;
      Lower.SourceRoot = sourceRoot(Path);
      Compilation::Lowered L = C.lower(Lower);
      // The security rules judge a template that lowered cleanly.
      if (!C.diagnostics().hasErrors())
        lint::checkSecurity(L.Template, C.diagnostics());
    }
    if (finish(C, Opts.Format, &Sarif) != Success)
      Status = InputErrors;
  }
  if (Opts.Format == DiagnosticFormat::Sarif)
    Sarif.print(llvm::outs());
  return Status;
}

int runGraph(const GraphOptions &Opts) {
  LowerOptions Lower;
  Lower.SourceRoot = sourceRoot(Opts.Path);
  Compilation C;
  C.parseOptions().KeepParseTreesUntilExit = true; // One command, then exit.
  C.addPath(Opts.Path);
  C.parse();
  if (C.diagnostics().hasErrors())
    return finish(C, DiagnosticFormat::Text);
  Compilation::Lowered L = C.lower(Lower);
  // The template's size is not checked: the graph is useful even for a
  // stack too large to deploy inline.
  if (!C.diagnostics().hasErrors())
    llvm::outs() << (Opts.Format == GraphFormat::Mermaid ? emit::emitMermaid(L.Template, L.Graph)
                                                         : emit::emitDot(L.Template, L.Graph));
  return finish(C, DiagnosticFormat::Text);
}

int runDumpAst(const std::string &Path) {
  Compilation C;
  C.parseOptions().KeepParseTreesUntilExit = true; // One command, then exit.
  C.addPath(Path);
  C.parse();
  for (const auto &File : C.files())
    ast::dump(*File, C.sources(), llvm::outs());
  return finish(C, DiagnosticFormat::Text);
}

} // namespace cfc::driver
