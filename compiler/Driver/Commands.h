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

struct BuildOptions {
  std::string Path;
  std::string OutputFile; ///< Empty: stdout.
  TemplateFormat Format = TemplateFormat::Json;
  /// `--set NAME=VALUE`, as given.
  std::vector<std::string> Bindings;
  DiagnosticFormat Diagnostics = DiagnosticFormat::Text;
  /// `--region`: the target region, or empty (see LowerOptions::Region).
  std::string Region;
};

struct CheckOptions {
  std::vector<std::string> Paths;
  DiagnosticFormat Format = DiagnosticFormat::Text;
};

int runBuild(const BuildOptions &Opts);
int runCheck(const CheckOptions &Opts);
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
/// knows (DescribeCommand.cpp).
int runDescribe(const DescribeOptions &Opts);
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
