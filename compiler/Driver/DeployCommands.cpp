// DeployCommands — `cfc deploy`, `cfc destroy`, `cfc outputs` and `cfc diff
// --stack`: the driver's side. It builds the stack as `cfc build` would
// (into a folder of its own) and hands the template to deploy/, which does
// everything that talks to AWS. The compiler's libraries never include
// deploy/; only this file of the cfc binary does.
#include "Driver/DeployCommands.h"

#include "Driver/Commands.h"
#include "Diff/TemplateDiff.h"
#include "Driver/Stacks.h"
#include "Project/ProjectFile.h"

#include "deploy/Commands.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace cfc::driver {

namespace {

/// A folder that is removed when the command ends.
struct ScratchFolder {
  llvm::SmallString<128> Path;
  ScratchFolder() {
    if (llvm::sys::fs::createUniqueDirectory("cfc-deploy", Path))
      Path.clear();
  }
  ~ScratchFolder() {
    if (!Path.empty())
      llvm::sys::fs::remove_directories(Path);
  }
};

/// The region cfc.yaml gives the environment Env (or the project), "" when
/// it gives none or there is no project file to read.
std::string projectRegion(const ProjectSelection &Sel) {
  std::string File = Sel.File.empty() ? project::FileName : Sel.File;
  SourceManager SM;
  DiagnosticEngine Diags;
  std::optional<project::Project> P = project::readProject(File, SM, Diags);
  if (!P)
    return "";
  return P->regionOf(Sel.Env.empty() ? nullptr : P->environment(Sel.Env));
}

/// Builds the stack the options name into Scratch, as `cfc build` does.
std::optional<deploy::BuiltStack> buildForDeploy(const StackSource &Source, const std::string &Region,
                                                 const ScratchFolder &Scratch, int &Status) {
  Status = InputErrors;
  if (Scratch.Path.empty()) {
    llvm::WithColor::error(llvm::errs(), "cfc") << "cannot make a temporary folder for the build\n";
    return std::nullopt;
  }
  llvm::SmallString<128> TemplateFile(Scratch.Path);
  llvm::sys::path::append(TemplateFile, "template.json");
  BuildOptions Build;
  Build.Path = Source.Path;
  Build.OutputFile = TemplateFile.str().str();
  Build.Format = TemplateFormat::Json;
  Build.FormatGiven = true;
  Build.Region = Region;
  Build.Project = Source.Project;
  Build.Progress = ProgressMode::Never;
  std::vector<std::pair<std::string, std::string>> Tags;
  Build.StackTags = &Tags;
  Status = runBuild(Build);
  if (Status != Success)
    return std::nullopt;
  deploy::BuiltStack Built;
  Built.TemplatePath = Build.OutputFile;
  Built.AssetRoot = Scratch.Path.str().str();
  Built.Tags = std::move(Tags);
  if (Source.Path.empty())
    Built.Region = projectRegion(Source.Project);
  return Built;
}

deploy::ConnectionFlags connectionFlags(const ConnectionOptions &C) {
  deploy::ConnectionFlags F;
  F.Profile = C.Profile;
  F.Region = C.Region;
  F.EndpointUrl = C.EndpointUrl;
  return F;
}

} // namespace

int runDeployCommand(const DeployCommandOptions &Opts) {
  if (!Opts.Source.Path.empty() && !Opts.Source.Project.Env.empty())
    return usageError("--env picks an environment of the project file (cfc.yaml): leave out PATH");
  if (!checkRegionFlag(Opts.Connection.Region))
    return UsageError;
  deploy::DeployOptions D;
  D.Connection = connectionFlags(Opts.Connection);
  D.StackName = Opts.StackName;
  D.Parameters = Opts.Parameters;
  D.Tags = Opts.Tags;
  D.Yes = Opts.Yes;
  D.NoExecute = Opts.NoExecute;
  D.AllowReplace = Opts.AllowReplace;
  D.OutputsFile = Opts.OutputsFile;
  D.RoleArn = Opts.RoleArn;
  ScratchFolder Scratch;
  return deploy::runDeploy(
      D, [&](int &Status) { return buildForDeploy(Opts.Source, Opts.Connection.Region, Scratch, Status); });
}

int runDestroyCommand(const ConnectionOptions &Connection, const std::string &Stack, bool Yes,
                      const std::string &RoleArn) {
  if (!checkRegionFlag(Connection.Region))
    return UsageError;
  return deploy::runDestroy({connectionFlags(Connection), Stack, Yes, RoleArn});
}

int runOutputsCommand(const ConnectionOptions &Connection, const std::string &Stack, bool Json) {
  if (!checkRegionFlag(Connection.Region))
    return UsageError;
  return deploy::runOutputs({connectionFlags(Connection), Stack, Json});
}

bool checkStackFlag(const std::string &Stack) {
  if (deploy::isStackName(Stack))
    return true;
  usageError("--stack takes a CloudFormation stack name; got '" + Stack + "'");
  return false;
}

int diffAgainstDeployedStack(const DiffOptions &Opts, CompiledStack &S, llvm::StringRef Root) {
  deploy::ConnectionFlags Flags = connectionFlags({Opts.Profile, Opts.Region, Opts.EndpointUrl});
  if (Opts.Path.empty())
    Flags.ProjectRegion = projectRegion(Opts.Project);
  std::string Error;
  std::optional<nlohmann::json> Deployed = deploy::fetchDeployedTemplate(Flags, Opts.Stack, Error);
  if (!Deployed) {
    llvm::WithColor::error(llvm::errs(), "cfc") << Error << "\n";
    return InputErrors;
  }
  // Read as a saved template is (key order kept), with the same depth guard.
  std::string Text = Deployed->dump();
  nlohmann::ordered_json Ordered = nlohmann::ordered_json::parse(Text, nullptr, false);
  if (Ordered.is_discarded() || diff::nestsTooDeep(Ordered)) {
    llvm::WithColor::error(llvm::errs(), "cfc") << "the deployed template of stack '" << Opts.Stack
                                                << "' cannot be compared (not a template, or nested too deep)\n";
    return InputErrors;
  }
  return printDiffAgainst(S, Root, Ordered, Opts.Format);
}

} // namespace cfc::driver
