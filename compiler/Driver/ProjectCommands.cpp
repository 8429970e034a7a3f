// ProjectCommands — `cfc build` and `cfc check` driven by the project file
// (docs/project.md): the stack cfc.yaml names, once per environment, with the
// environment's region and parameter values bound at compile time.
#include "Driver/Commands.h"

#include "Driver/Reporting.h"
#include "Driver/Stacks.h"
#include "Project/ProjectFile.h"

#include "Basic/Names.h"
#include "Lint/Lint.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"

namespace cfc::driver {

namespace {

using project::Environment;
using project::Project;

/// The project file, read into a SourceManager of its own: its diagnostics
/// are reported before any stack is compiled.
struct LoadedProject {
  SourceManager SM;
  DiagnosticEngine Diags;
  std::optional<Project> P;
};

/// One stack compiled for one environment (Env null: none).
struct EnvironmentRun {
  const Environment *Env = nullptr;
  CompiledStack Stack;
  FileId ProjectFile = 0;        ///< cfc.yaml in the run's SourceManager, or 0.
  bool Complete = false;         ///< Lowered without errors: every check ran.
  std::vector<Diagnostic> Diags; ///< What it reports (Stack.C's sources print them).
};

/// Keeps what the report needs of a finished run and frees the rest: the
/// template, and the whole Compilation when it has nothing to report.
void settle(EnvironmentRun &Run) {
  Run.Complete = Run.Stack.Result && !Run.Stack.C->diagnostics().hasErrors();
  Run.Diags = diagnosticsToShow(*Run.Stack.C);
  Run.Stack.Result.reset();
  if (Run.Diags.empty()) {
    Run.Stack.C.reset();
    // Nothing of the stack is left: its work region serves the next one.
    Run.Stack.Work = arena::Memory();
  }
}

/// Where the project file is: --project, else cfc.yaml in the current
/// folder; empty (after a usage error) when there is none.
std::string findProjectFile(const ProjectSelection &Sel) {
  if (!Sel.File.empty())
    return Sel.File;
  if (llvm::sys::fs::exists(project::FileName))
    return project::FileName;
  usageError("no PATH given and no cfc.yaml in the current folder; give a .cfn file or a "
             "folder, or write a cfc.yaml (see docs/project.md)");
  return "";
}

/// The environments a command runs: the one --env names, or Default.
/// Nothing (after a usage error) when --env names none of them.
std::optional<std::vector<const Environment *>>
selectEnvironments(const Project &P, const ProjectSelection &Sel,
                   std::vector<const Environment *> Default) {
  if (Sel.Env.empty())
    return Default;
  if (const Environment *E = P.environment(Sel.Env))
    return std::vector<const Environment *>{E};
  std::vector<std::string> Names = P.environmentNames();
  if (Names.empty())
    usageError("--env " + Sel.Env + ": " + P.Path + " defines no environments");
  else
    usageError("unknown environment '" + Sel.Env + "'" + didYouMean(Sel.Env, Names) + " (" +
               P.Path + " defines " + llvm::join(Names, ", ") + ")");
  return std::nullopt;
}

std::vector<const Environment *> allEnvironments(const Project &P) {
  std::vector<const Environment *> All;
  for (const Environment &E : P.Environments)
    All.push_back(&E);
  return All;
}

/// Compiles the project's stack for Env: the environment's region and
/// parameters, under what the command line says (CommandLine holds --set
/// and --region, which win).
EnvironmentRun compileFor(const Project &P, const Environment *Env,
                          const LowerOptions &CommandLine) {
  EnvironmentRun Run;
  Run.Env = Env;
  LowerOptions Lower = CommandLine;
  if (Lower.Region.empty())
    Lower.Region = P.regionOf(Env);
  Lower.Removal = P.removalOf(Env);
  for (const project::TagValue &T : P.tagsOf(Env))
    Lower.Tags.emplace_back(T.Key, T.Value);
  Run.Stack = compileStack(P.entryPath(), Lower, [&](Compilation &C, LowerOptions &L) {
    // cfc.yaml joins the Compilation so that a parameter the stack refuses
    // is reported where cfc.yaml gives it.
    Run.ProjectFile = C.sources().addBuffer(P.Text, P.Path);
    for (const project::ParameterValue &PV : P.parametersOf(Env)) {
      if (!L.Bindings.try_emplace(PV.Name, PV.Value).second)
        continue; // --set NAME=VALUE beats cfc.yaml.
      L.BindingSources[PV.Name] = {Run.ProjectFile, PV.NameRange, PV.ValueRange};
    }
  });
  return Run;
}

/// "in environment 'prod'", "in environments 'dev', 'prod'".
std::string environmentNote(const std::vector<const Environment *> &Envs) {
  std::vector<std::string> Quoted;
  for (const Environment *E : Envs)
    Quoted.push_back("'" + E->Name.Value + "'");
  return (Envs.size() == 1 ? "in environment " : "in environments ") + llvm::join(Quoted, ", ");
}

/// Reports the diagnostics of every run once: the same finding in several
/// environments (a warning in a file they share) is one diagnostic, with a
/// note naming its environments when it depends on them: when a run that
/// went to the end (no errors) did not meet it. A run stopped by errors
/// proves nothing by what it did not report (it skipped the later checks).
void reportRuns(std::vector<EnvironmentRun> &Runs, Reporter &Out) {
  struct Group {
    Diagnostic D;
    EnvironmentRun *Run; ///< Where D was first met: its SourceManager prints it.
    std::vector<const Environment *> Envs;
    std::vector<const EnvironmentRun *> MetIn;
  };
  std::vector<Group> Groups;
  llvm::StringMap<size_t> Index;
  for (EnvironmentRun &Run : Runs) {
    if (Run.Diags.empty())
      continue;
    const SourceManager &SM = Run.Stack.C->sources();
    for (Diagnostic &D : Run.Diags) {
      std::string Key = std::to_string(D.Kind) + "\x1f" + (D.File ? SM.name(D.File).str() : "") +
                        "\x1f" + std::to_string(D.Range.Begin) + "\x1f" +
                        std::to_string(D.Range.End) + "\x1f" + D.Message;
      auto [It, Fresh] = Index.try_emplace(Key, Groups.size());
      if (Fresh)
        Groups.push_back({std::move(D), &Run, {}});
      Groups[It->second].MetIn.push_back(&Run);
      if (Run.Env)
        Groups[It->second].Envs.push_back(Run.Env);
    }
  }
  // In file-name and position order, as a single stack's diagnostics are.
  auto Place = [](const Group &G) {
    const SourceManager &SM = G.Run->Stack.C->sources();
    return std::make_pair(G.D.File ? SM.name(G.D.File).str() : std::string(), G.D.Range.Begin);
  };
  std::stable_sort(Groups.begin(), Groups.end(),
                   [&](const Group &A, const Group &B) { return Place(A) < Place(B); });
  auto DependsOnEnvironment = [&](const Group &G) {
    for (const EnvironmentRun &Run : Runs)
      if (Run.Complete && llvm::find(G.MetIn, &Run) == G.MetIn.end())
        return true;
    return false;
  };
  for (Group &G : Groups) {
    bool InProjectFile = G.D.File && G.D.File == G.Run->ProjectFile;
    if (!G.Envs.empty() && !InProjectFile && DependsOnEnvironment(G)) {
      FileId File = G.Run->ProjectFile;
      G.D.Notes.push_back(
          {File, File ? G.Envs.front()->Name.Range : SourceRange{}, environmentNote(G.Envs)});
    }
    Out.add({G.D}, G.Run->Stack.C->sources());
  }
}

/// Reads the project file and reports its problems; the project only when
/// it has none.
const Project *loadProject(LoadedProject &L, const std::string &Path, Reporter &Out) {
  L.P = project::readProject(Path, L.SM, L.Diags);
  Out.add(L.Diags.sorted(), L.SM);
  return L.P && !L.Diags.hasErrors() ? &*L.P : nullptr;
}

/// What the command line adds to every environment: --set and --region.
bool commandLineOptions(const std::vector<std::string> &Bindings, const std::string &Region,
                        LowerOptions &Lower) {
  if (!checkRegionFlag(Region) || !readBindings(Bindings, Lower))
    return false;
  Lower.Region = Region;
  return true;
}

/// --format, else the project's `format:`.
TemplateFormat templateFormat(const BuildOptions &Opts, const Project &P) {
  if (Opts.FormatGiven)
    return Opts.Format;
  return P.format() == project::OutputFormat::Yaml ? TemplateFormat::Yaml : TemplateFormat::Json;
}

std::string runLabel(const Project &P, const Environment *Env) {
  return Env ? Env->Name.Value : P.stackName();
}

/// Finds and reads the project file that Selection names; null after saying
/// why, with the exit status in Status.
const Project *openProject(const ProjectSelection &Selection, LoadedProject &Loaded, Reporter &Out,
                           int &Status) {
  std::string Path = findProjectFile(Selection);
  if (Path.empty()) {
    Status = UsageError;
    return nullptr;
  }
  const Project *P = loadProject(Loaded, Path, Out);
  if (!P) {
    Out.finish();
    Status = InputErrors;
  }
  return P;
}

} // namespace

int runProjectBuild(const BuildOptions &Opts) {
  if (!Opts.Path.empty())
    return usageError("give a PATH or --project, not both");
  if (Opts.Project.AllEnvs && !Opts.Project.Env.empty())
    return usageError("give --env or --all-envs, not both");
  LowerOptions CommandLine;
  if (!commandLineOptions(Opts.Bindings, Opts.Region, CommandLine))
    return UsageError;
  Reporter Out(Opts.Diagnostics, Opts.Quiet);
  LoadedProject Loaded;
  int Status = Success;
  const Project *P = openProject(Opts.Project, Loaded, Out, Status);
  if (!P)
    return Status;
  // No --env: the stack with no environment (its parameters stay
  // CloudFormation parameters).
  auto Targets = selectEnvironments(
      *P, Opts.Project,
      Opts.Project.AllEnvs ? allEnvironments(*P) : std::vector<const Environment *>{nullptr});
  if (!Targets)
    return UsageError;
  if (Targets->empty())
    return usageError("--all-envs: " + P->Path + " defines no environments");
  if (Opts.Project.AllEnvs && !Opts.OutputFile.empty())
    return usageError("-o names one file; --all-envs writes a template per environment into "
                      "the output folder of " +
                      P->Path);

  TemplateFormat Format = templateFormat(Opts, *P);
  Progress Line(Opts.Progress, Targets->size(), Opts.Quiet);
  std::vector<EnvironmentRun> Runs;
  for (const Environment *Env : *Targets) {
    Line.step("building", runLabel(*P, Env));
    EnvironmentRun Run = compileFor(*P, Env, CommandLine);
    std::string Output =
        Opts.OutputFile.empty()
            ? P->templatePath(Env, Format == TemplateFormat::Yaml ? "yaml" : "json")
            : Opts.OutputFile;
    if (Run.Stack.Result)
      writeTemplate(*Run.Stack.C, *Run.Stack.Result, Format, Output);
    if (Run.Stack.Result && Opts.StackTags && Targets->size() == 1)
      *Opts.StackTags = Run.Stack.Result->Template.StackTags;
    settle(Run);
    Runs.push_back(std::move(Run));
  }
  Line.clear();
  reportRuns(Runs, Out);
  Out.finish();
  return Out.sawErrors() ? InputErrors : Success;
}

int runProjectCheck(const CheckOptions &Opts) {
  if (!Opts.Paths.empty())
    return usageError("give PATHs or --project, not both");
  LowerOptions CommandLine;
  if (!commandLineOptions({}, Opts.Region, CommandLine))
    return UsageError;
  Reporter Out(Opts.Format, Opts.Quiet);
  LoadedProject Loaded;
  int Status = Success;
  const Project *P = openProject(Opts.Project, Loaded, Out, Status);
  if (!P)
    return Status;
  // Every environment by default: each is what some deployment gets.
  std::vector<const Environment *> All = allEnvironments(*P);
  if (All.empty())
    All.push_back(nullptr);
  auto Targets = selectEnvironments(*P, Opts.Project, All);
  if (!Targets)
    return UsageError;
  if (!Opts.Against.empty() && Targets->size() > 1)
    return usageError("--against compares one build with a saved template; pick its environment "
                      "with --env");
  Progress Line(Opts.Progress, Targets->size(), Opts.Quiet);
  std::vector<EnvironmentRun> Runs;
  for (const Environment *Env : *Targets) {
    Line.step("checking", runLabel(*P, Env));
    EnvironmentRun Run = compileFor(*P, Env, CommandLine);
    // The security rules judge a template that lowered cleanly.
    if (Run.Stack.Result)
      lint::checkSecurity(Run.Stack.Result->Template, Run.Stack.C->diagnostics());
    if (Run.Stack.Result && !Opts.Against.empty())
      if (std::optional<SavedTemplate> Saved = readSavedTemplate(*Run.Stack.C, Opts.Against))
        checkAgainst(*Run.Stack.C, *Run.Stack.Result, sourceRoot(P->entryPath()), *Saved);
    settle(Run);
    Runs.push_back(std::move(Run));
  }
  Line.clear();
  reportRuns(Runs, Out);
  Out.finish();
  return Out.sawErrors() ? InputErrors : Success;
}

std::optional<CompiledStack> buildForCommand(const std::string &Path, const ProjectSelection &Selection,
                                             const std::vector<std::string> &Bindings,
                                             const std::string &Region, Reporter &Out, int &Status,
                                             std::string &Root) {
  Status = UsageError;
  LowerOptions CommandLine;
  if (!commandLineOptions(Bindings, Region, CommandLine))
    return std::nullopt;
  if (!Path.empty() && Selection.File.empty()) {
    if (!Selection.Env.empty()) {
      usageError("--env picks an environment of the project file (cfc.yaml): leave out PATH, or "
                 "name the project file with --project");
      return std::nullopt;
    }
    Root = sourceRoot(Path);
    Status = Success;
    return compileStack(Path, CommandLine);
  }
  if (!Path.empty()) {
    usageError("give a PATH or --project, not both");
    return std::nullopt;
  }
  LoadedProject Loaded;
  const Project *P = openProject(Selection, Loaded, Out, Status);
  if (!P)
    return std::nullopt;
  auto Targets = selectEnvironments(*P, Selection, {nullptr});
  if (!Targets)
    return std::nullopt;
  Root = sourceRoot(P->entryPath());
  Status = Success;
  return std::move(compileFor(*P, Targets->front(), CommandLine).Stack);
}

} // namespace cfc::driver
