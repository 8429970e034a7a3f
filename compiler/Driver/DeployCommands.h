// DeployCommands — the commands that talk to AWS (DeployCommands.cpp hands
// them to deploy/). Kept apart from Commands.h: only main.cpp and
// DeployCommands.cpp see them.
#pragma once

#include "Driver/Commands.h"
#include "Driver/Stacks.h"

#include <string>
#include <vector>

namespace cfc::driver {

/// The connection flags of deploy, destroy, outputs and diff --stack.
struct ConnectionOptions {
  std::string Profile;
  std::string Region;
  std::string EndpointUrl;
};

/// What to build: PATH, or the project file (with --env).
struct StackSource {
  std::string Path; ///< Empty: cfc.yaml.
  ProjectSelection Project;
};

struct DeployCommandOptions {
  StackSource Source;
  ConnectionOptions Connection;
  std::string StackName;
  std::vector<std::string> Parameters, Tags;
  bool Yes = false, NoExecute = false, AllowReplace = false;
  std::string OutputsFile, RoleArn;
};

int runDeployCommand(const DeployCommandOptions &Opts);
int runDestroyCommand(const ConnectionOptions &Connection, const std::string &Stack, bool Yes,
                      const std::string &RoleArn);
int runOutputsCommand(const ConnectionOptions &Connection, const std::string &Stack, bool Json);
/// Whether --stack names a stack CloudFormation could have; says why not.
bool checkStackFlag(const std::string &Stack);

/// `cfc diff [PATH | --env NAME] --stack NAME`, once runDiff has built S:
/// the deployed template (GetTemplate) against it, printed as
/// `cfc diff --against` prints a saved one.
int diffAgainstDeployedStack(const DiffOptions &Opts, CompiledStack &S, llvm::StringRef Root);

} // namespace cfc::driver
