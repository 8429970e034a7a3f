// Commands — what each subcommand does with a Compilation.
#include "Driver/Commands.h"

#include "Driver/Reporting.h"
#include "Driver/Stacks.h"
#include "Project/ProjectFile.h"

#include "AST/ASTDumper.h"
#include "Basic/ArenaScope.h"
#include "Driver/InOrder.h"
#include "Driver/OneShotArena.h"
#include "Emit/AssetWriter.h"
#include "Emit/Emitter.h"
#include "Emit/GraphPrinter.h"
#include "Frontend/Compilation.h"
#include "IR/Limits.h"
#include "Lint/Lint.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/ToolOutputFile.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace cfc::driver {

CompiledStack compileStack(const std::string &Path, LowerOptions Lower,
                           const std::function<void(Compilation &, LowerOptions &)> &BeforeLowering,
                           bool ReuseParseMemory) {
  CompiledStack S;
  S.C = std::make_unique<Compilation>();
  Compilation &C = *S.C;
  // Under the one-shot arena nothing is freed anyway: keep the parse trees
  // rather than walk them to free them. Without it (a run over more than
  // 1 MiB of program) each stack's trees are freed after the stack.
  C.parseOptions().KeepParseTreesUntilExit = oneShotArenaEnabled();
  C.addPath(Path);
  C.parse();
  if (C.diagnostics().hasErrors())
    return S;
  Lower.SourceRoot = sourceRoot(Path);
  if (BeforeLowering)
    BeforeLowering(C, Lower);
  // The tokens and parse trees are gone (each parse gave its work region
  // back once its AST was built): lowering takes that region again, whose
  // pages are touched already, instead of touching as many fresh ones.
  if (ReuseParseMemory && oneShotArenaEnabled())
    S.Work = arena::Memory::take();
  arena::AllocateInIfAny InWork(S.Work.region());
  Compilation::Lowered L = C.lower(Lower);
  if (!C.diagnostics().hasErrors())
    S.Result = std::move(L);
  return S;
}

std::vector<Diagnostic> diagnosticsToShow(Compilation &C) {
  return lint::withoutSuppressed(C.diagnostics().sorted(), C.files(), C.sources());
}

/// Prints every diagnostic of one stack and returns the exit status.
static int finish(Compilation &C, DiagnosticFormat Format, bool Quiet = false) {
  Reporter Out(Format, Quiet);
  Out.add(diagnosticsToShow(C), C.sources());
  Out.finish();
  return C.diagnostics().hasErrors() ? InputErrors : Success;
}

bool readBindings(const std::vector<std::string> &Args, LowerOptions &Opts) {
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

std::string sourceRoot(llvm::StringRef Path) {
  if (llvm::sys::fs::is_directory(Path))
    return Path.rtrim("/").str();
  return llvm::sys::path::parent_path(Path).str();
}

int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "cfc") << Message << "\n";
  return UsageError;
}

bool checkRegionFlag(const std::string &Region) {
  if (Region.empty() || project::isRegionName(Region))
    return true;
  usageError("--region takes an AWS region name such as eu-west-1; got '" + Region + "'");
  return false;
}

bool writeTemplate(Compilation &C, const Compilation::Lowered &L, TemplateFormat Format,
                   const std::string &OutputFile) {
  std::string Text = Format == TemplateFormat::Yaml ? emit::emitYaml(L.Template, L.Graph)
                                                    : emit::emitJson(L.Template, L.Graph);
  ir::checkTemplateSize(Text.size(), C.diagnostics());
  if (C.diagnostics().hasErrors())
    return false;
  // The files written register with LLVM's list of files to remove on a
  // signal, a list that outlives this stack's memory (OneShotArena.h).
  arena::Permanent Shared;
  // The zips first: a template never names an asset that was not written.
  if (!emit::writeAssets(L.Template, emit::assetRootFor(OutputFile), C.diagnostics()))
    return false;
  if (OutputFile.empty() || OutputFile == "-") {
    llvm::outs() << Text;
    return true;
  }
  // A project's output folder may not exist yet.
  std::error_code EC;
  if (llvm::StringRef Parent = llvm::sys::path::parent_path(OutputFile); !Parent.empty())
    EC = llvm::sys::fs::create_directories(Parent);
  if (!EC) {
    llvm::ToolOutputFile Out(OutputFile, EC, llvm::sys::fs::OF_None);
    if (!EC) {
      Out.os() << Text;
      Out.keep();
      return true;
    }
  }
  C.diagnostics().report(0, {}, diag::CannotReadFile, OutputFile, EC.message());
  return false;
}

/// Says that --env and --all-envs need the project file, if one was given
/// with a PATH; true when the flags are fine.
static bool checkNoEnvironmentFlags(const ProjectSelection &P) {
  if (P.Env.empty() && !P.AllEnvs)
    return true;
  usageError(llvm::Twine(P.AllEnvs ? "--all-envs" : "--env") +
             " picks environments of the project file (cfc.yaml): leave out PATH, or name the "
             "project file with --project");
  return false;
}

/// A stack's template name: its file without `.cfn`, or its folder's name.
static std::string stackNameOf(llvm::StringRef Path) {
  Path = Path.rtrim("/");
  llvm::StringRef Name = llvm::sys::path::filename(Path);
  if (Name.empty() || Name == "." || Name == "..") {
    llvm::SmallString<256> Absolute(Path.empty() ? "." : Path);
    llvm::sys::fs::make_absolute(Absolute);
    llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
    return llvm::sys::path::filename(Absolute).str();
  }
  return Name.consume_back(".cfn") ? Name.str() : Name.str();
}

namespace {

/// What a stack of a run over many keeps until the run reports it: its
/// diagnostics and the sources they point into, in a home region of its
/// own (given back, for a later stack, once the stack is reported). The
/// rest of the stack (parse trees, values, template) is gone by then: its
/// work region serves the thread's next stack at once.
struct StackRun {
  arena::Memory Home; ///< First, so that it is given back after the rest is gone.
  std::vector<Diagnostic> Shown;
  std::optional<SourceManager> Sources;
};

/// Compiles the stack at Path with its sources and diagnostics (and its
/// ASTs) in a home region, then Finish(S) with S whole; what the report
/// needs is kept, the rest is destroyed before returning.
StackRun compileForReport(const std::string &Path, const LowerOptions &Lower,
                          const std::function<void(CompiledStack &)> &Finish) {
  StackRun R{arena::Memory::take(arena::Pool::Home), {}, {}};
  arena::AllocateIn In(R.Home.region());
  CompiledStack S = compileStack(Path, Lower);
  {
    arena::AllocateInIfAny InWork(S.Work.region());
    Finish(S);
  }
  R.Shown = diagnosticsToShow(*S.C);
  R.Sources.emplace(std::move(S.C->sources()));
  return R;
}

} // namespace

/// `cfc build A B C --out-dir DIR`: every stack in one process (the catalog
/// and the stdlib are loaded once), each template to DIR/<name>.<format>,
/// the zips of their assets to DIR/assets. What CDK does for an app of
/// many stacks, and what a monorepo's CI wants.
static int runBuildMany(const BuildOptions &Opts, const LowerOptions &Lower) {
  if (!Opts.OutputFile.empty())
    return usageError("-o names one template; with several stacks, give --out-dir DIR");
  if (Opts.OutputDir.empty())
    return usageError("several stacks need --out-dir DIR (each template is written to DIR/<name>.json)");
  std::vector<std::string> Paths{Opts.Path};
  Paths.insert(Paths.end(), Opts.MorePaths.begin(), Opts.MorePaths.end());
  std::map<std::string, std::string> Names; // Template name -> the stack's path.
  for (const std::string &Path : Paths) {
    auto [It, New] = Names.emplace(stackNameOf(Path), Path);
    if (!New)
      return usageError("'" + Path + "' and '" + It->second + "' would both be written to " + It->first +
                        "; build them into different --out-dir folders");
  }
  const char *Extension = Opts.Format == TemplateFormat::Yaml ? ".yaml" : ".json";
  Progress Line(Opts.Progress, Paths.size(), Opts.Quiet);
  Reporter Out(Opts.Diagnostics, Opts.Quiet, &Line);
  // LLVM makes the lock of its list of files to remove on a signal (which
  // output files and assets' temporary files join) on first use: make it
  // now, before the workers write their templates at once.
  llvm::sys::DontRemoveFileOnSignal("");
  forEachInOrder<StackRun>(
      Paths.size(), Opts.Jobs,
      [&](size_t I) {
        return compileForReport(Paths[I], Lower, [&](CompiledStack &S) {
          if (!S.Result)
            return;
          llvm::SmallString<256> File(Opts.OutputDir);
          llvm::sys::path::append(File, stackNameOf(Paths[I]) + Extension);
          writeTemplate(*S.C, *S.Result, Opts.Format, File.str().str());
        });
      },
      [&](size_t I) { Line.step("building", Paths[I]); },
      [&](size_t, StackRun &R) { Out.add(R.Shown, *R.Sources); });
  Line.clear();
  Out.finish();
  return Out.sawErrors() ? InputErrors : Success;
}

int runBuild(const BuildOptions &Opts) {
  if (Opts.Path.empty() || !Opts.Project.File.empty()) {
    if (!Opts.MorePaths.empty() || !Opts.OutputDir.empty())
      return usageError("--out-dir and several stacks are for PATHs; a project file names its own output");
    return runProjectBuild(Opts);
  }
  if (!checkNoEnvironmentFlags(Opts.Project) || !checkRegionFlag(Opts.Region))
    return UsageError;
  LowerOptions Lower;
  if (!readBindings(Opts.Bindings, Lower))
    return UsageError;
  Lower.Region = Opts.Region;
  if (!Opts.MorePaths.empty() || !Opts.OutputDir.empty())
    return runBuildMany(Opts, Lower);
  CompiledStack S = compileStack(Opts.Path, Lower);
  if (S.Result) {
    arena::AllocateInIfAny InWork(S.Work.region());
    writeTemplate(*S.C, *S.Result, Opts.Format, Opts.OutputFile);
  }
  if (S.Result && Opts.StackTags)
    *Opts.StackTags = S.Result->Template.StackTags;
  return finish(*S.C, Opts.Diagnostics, Opts.Quiet);
}

int runCheck(const CheckOptions &Opts) {
  if (Opts.Paths.empty() || !Opts.Project.File.empty())
    return runProjectCheck(Opts);
  if (!checkNoEnvironmentFlags(Opts.Project) || !checkRegionFlag(Opts.Region))
    return UsageError;
  if (!Opts.Against.empty() && Opts.Paths.size() > 1)
    return usageError("--against compares one stack with a saved template; give one PATH");
  // Each path is a stack of its own: a folder, or a single file. One
  // report covers them all (one JSON array, one SARIF log).
  Progress Line(Opts.Progress, Opts.Paths.size(), Opts.Quiet);
  Reporter Out(Opts.Format, Opts.Quiet, &Line);
  forEachInOrder<StackRun>(
      Opts.Paths.size(), Opts.Jobs,
      [&](size_t I) {
        LowerOptions Lower;
        Lower.Region = Opts.Region;
        return compileForReport(Opts.Paths[I], Lower, [&](CompiledStack &S) {
          // The security rules judge a template that lowered cleanly.
          if (S.Result)
            lint::checkSecurity(S.Result->Template, S.C->diagnostics());
          if (S.Result && !Opts.Against.empty())
            if (std::optional<SavedTemplate> Saved = readSavedTemplate(*S.C, Opts.Against))
              checkAgainst(*S.C, *S.Result, sourceRoot(Opts.Paths[I]), *Saved);
        });
      },
      [&](size_t I) { Line.step("checking", Opts.Paths[I]); },
      [&](size_t, StackRun &R) { Out.add(R.Shown, *R.Sources); });
  Line.clear();
  Out.finish();
  return Out.sawErrors() ? InputErrors : Success;
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
