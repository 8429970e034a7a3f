// Commands — `cfc deploy`, `cfc destroy`, `cfc outputs` and the deployed
// side of `cfc diff` (../shared/design/cli.md). The driver parses the
// command line and hands over here; building is a step it passes in, so
// this library needs nothing of the compiler but the catalog.
#pragma once

#include "deploy/Credentials.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cfc::deploy {

/// What the driver's build step made.
struct BuiltStack {
  std::string TemplatePath; ///< The JSON template.
  std::string AssetRoot;    ///< Holds assets/<sha256>.zip (may be absent).
  std::string Region;       ///< The region cfc.yaml's environment names, or "".
  /// The program's and cfc.yaml's stack tags (sorted by key): the stack's
  /// tags, under those of --tag.
  std::vector<std::pair<std::string, std::string>> Tags;
};

/// Builds the stack as `cfc build` does, reporting its diagnostics; nothing
/// when there were errors, with the exit status to end with in ExitStatus
/// (1 for the program's errors, 2 for the command line's).
using BuildStep = std::function<std::optional<BuiltStack>(int &ExitStatus)>;

struct DeployOptions {
  ConnectionFlags Connection;
  std::string StackName;
  std::vector<std::string> Parameters; ///< "K=V"
  std::vector<std::string> Tags;       ///< "K=V"
  bool Yes = false;
  bool NoExecute = false;
  bool AllowReplace = false;
  std::string OutputsFile;
  std::string RoleArn;
};

struct DestroyOptions {
  ConnectionFlags Connection;
  std::string StackName;
  bool Yes = false;
  std::string RoleArn;
};

struct OutputsOptions {
  ConnectionFlags Connection;
  std::string StackName;
  bool Json = false;
};

/// The exit statuses of cli.md: 0 success, 1 failed or refused, 2 usage.
int runDeploy(const DeployOptions &Opts, const BuildStep &Build);
int runDestroy(const DestroyOptions &Opts);
int runOutputs(const OutputsOptions &Opts);

/// The template of the deployed stack StackName as cfc sent it (GetTemplate,
/// stage Original), for `cfc diff --stack`. Nothing, with Error set, when
/// there is no such stack or AWS cannot be asked.
std::optional<nlohmann::json> fetchDeployedTemplate(const ConnectionFlags &Flags, const std::string &StackName,
                                                    std::string &Error);

/// Whether Name is a valid stack name (a letter, then letters, digits and
/// hyphens; at most 128).
bool isStackName(const std::string &Name);

} // namespace cfc::deploy
