// DeployCommands — the commands that talk to AWS (DeployCommands.cpp hands
// them to deploy/). Kept apart from Commands.h: only main.cpp and
// DeployCommands.cpp see them.
#pragma once

#include "Driver/Commands.h"

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
/// `cfc diff [PATH | --env NAME] --stack NAME`: the built template against
/// the deployed one.
int runDiffStackCommand(const DeployCommandOptions &Opts);

} // namespace cfc::driver
