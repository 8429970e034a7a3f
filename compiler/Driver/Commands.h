// Commands — the cfc subcommands. main.cpp parses the command line and
// calls one of these; each returns the process exit status of cli.md:
// 0 success, 1 the input has errors, 2 the command line is wrong.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace cfc::driver {

enum ExitStatus { Success = 0, InputErrors = 1, UsageError = 2 };

enum class DiagnosticFormat { Text, Json, Sarif };

enum class TemplateFormat { Json, Yaml };

/// `--progress`: the "[2/5] checking ..." line of runs over several stacks.
enum class ProgressMode { Auto, Always, Never };

/// Which project file and environments a command uses (docs/project.md).
/// Without a PATH, build and check read ./cfc.yaml (or --project FILE).
struct ProjectSelection {
  std::string File;      ///< `--project`: the cfc.yaml to read; empty: ./cfc.yaml.
  std::string Env;       ///< `--env NAME`; empty: none (build) or every one (check).
  bool AllEnvs = false;  ///< `--all-envs` (build): a template per environment.
};

struct BuildOptions {
  std::string Path;       ///< Empty: the entry of the project file.
  /// More stacks after Path (`cfc build A B C --out-dir DIR`): one process
  /// builds them all, each to DIR/<its name>.json.
  std::vector<std::string> MorePaths;
  std::string OutputDir; ///< `--out-dir`: where the templates of several stacks go.
  std::string OutputFile; ///< Empty: stdout (with a project: its output folder).
  TemplateFormat Format = TemplateFormat::Json;
  bool FormatGiven = false; ///< `--format` was given: it beats the project's `format:`.
  /// `--set NAME=VALUE`, as given; they beat the environment's parameters.
  std::vector<std::string> Bindings;
  DiagnosticFormat Diagnostics = DiagnosticFormat::Text;
  /// `--region`: the target region, or empty (see LowerOptions::Region);
  /// it beats the environment's `region:`.
  std::string Region;
  ProjectSelection Project;
  bool Quiet = false; ///< Errors only: no warnings, notes or progress.
  ProgressMode Progress = ProgressMode::Auto;
  unsigned Jobs = 0; ///< `--jobs`: stacks compiled at once; 0, one per CPU.
  /// When set, receives the stack's tags (program and cfc.yaml) of the one
  /// stack built: `cfc deploy` hands them to CloudFormation as stack tags.
  std::vector<std::pair<std::string, std::string>> *StackTags = nullptr;
};

struct CheckOptions {
  std::vector<std::string> Paths; ///< Empty: the project file's stack.
  DiagnosticFormat Format = DiagnosticFormat::Text;
  std::string Region; ///< `--region`, as for build.
  ProjectSelection Project;
  bool Quiet = false;
  ProgressMode Progress = ProgressMode::Auto;
  unsigned Jobs = 0; ///< As for build.
  /// `--against TEMPLATE`: also compare with this saved template and make a
  /// change that deletes data an error (DiffCommand.cpp); one stack only.
  std::string Against;
};

/// How `cfc diff` prints: for people (cdk diff's layout) or one JSON document.
enum class DiffFormat { Text, Json };

struct DiffOptions {
  std::string Path;    ///< Empty: the project file's stack.
  std::string Against; ///< `--against TEMPLATE`: a saved template.
  std::string Stack;   ///< `--stack NAME`: the deployed stack (deploy/).
  ProjectSelection Project;
  std::vector<std::string> Bindings; ///< `--set NAME=VALUE`, as for build.
  std::string Region;
  DiffFormat Format = DiffFormat::Text;
  bool Quiet = false;
  std::string Profile, EndpointUrl; ///< How `--stack` reaches AWS (with Region).
};

/// `cfc diff PATH --against TEMPLATE`: what would change, resource by
/// resource, with replacements and source lines (DiffCommand.cpp). Exit 0
/// whatever the differences.
int runDiff(const DiffOptions &Opts);

int runBuild(const BuildOptions &Opts);
int runCheck(const CheckOptions &Opts);
/// build and check without PATH, or with --project: the stack cfc.yaml
/// names, per environment (ProjectCommands.cpp).
int runProjectBuild(const BuildOptions &Opts);
int runProjectCheck(const CheckOptions &Opts);
/// How `cfc graph` writes the dependency graph.
enum class GraphFormat { Dot, Mermaid };

struct GraphOptions {
  std::string Path;
  GraphFormat Format = GraphFormat::Dot;
};

/// `cfc graph PATH`: the resource dependency graph on stdout; a stack with
/// errors prints its diagnostics instead, as build does.
int runGraph(const GraphOptions &Opts);
/// How `cfc describe` writes what it found.
enum class DescribeFormat { Text, Json };

struct DescribeOptions {
  std::string Type; ///< "aws.s3.Bucket", "AWS::S3::Bucket" or a property type.
  bool List = false; ///< Every type name instead.
  DescribeFormat Format = DescribeFormat::Text;
};

/// `cfc describe TYPE` / `cfc describe --list`: what the resource catalog
/// knows (DescribeCommand.cpp), and the standard library's components.
int runDescribe(const DescribeOptions &Opts);
/// `cfc describe serverless.Function` (or std.serverless.Function, or a
/// module: std.serverless): a component's params and outputs, read
/// through the front end (ComponentDescribe.cpp). Returns -1 when Name
/// names no standard-library module, so the catalog may answer.
int describeComponent(llvm::StringRef Name, DescribeFormat Format);
/// Every component of the standard library, "module.Name", sorted.
std::vector<std::string> stdlibComponentNames();
struct ImportOptions {
  std::string Path;       ///< A template, .json or .yaml/.yml.
  std::string OutputFile; ///< Empty: stdout.
};

/// `cfc import TEMPLATE [-o FILE]`: .cfn source for an existing template
/// (ImportCommand.cpp).
int runImport(const ImportOptions &Opts);
struct FmtOptions {
  std::vector<std::string> Paths; ///< Files, and folders of .cfn files.
  bool Check = false;             ///< Name files not in the layout; write nothing.
  bool BreakVerification = false; ///< For tests: fail the safety check (CFC7001).
};

/// `cfc fmt [--check] PATH...`: the canonical layout (FmtCommand.cpp).
int runFmt(const FmtOptions &Opts);
/// `cfc dump --ast PATH`: the parsed AST, for tests and curious people.
int runDumpAst(const std::string &Path);

} // namespace cfc::driver
