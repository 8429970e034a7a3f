// main — the cfc command line (contract: ../shared/design/cli.md). Parses the
// arguments with LLVM's cl::opt subcommands and hands over to Commands.cpp.
#include "Catalog/Catalog.h"
#include "Driver/Commands.h"
#include "Driver/DeployCommands.h"
#include "Driver/OneShotArena.h"
#include "Driver/Stacks.h"
#include "lsp/Server.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <exception>

using namespace llvm;
using namespace cfc::driver;

namespace {

cl::SubCommand BuildCmd("build", "Compile a .cfn file, or a folder of them, into a CloudFormation template");
cl::SubCommand CheckCmd("check", "Check .cfn sources and report every problem; writes no template");
cl::SubCommand DescribeCmd("describe", "Show a resource type (cfc describe aws.s3.Bucket) or a standard-library component (cfc describe serverless.Function)");
cl::SubCommand GraphCmd("graph", "Print the resource dependency graph (Graphviz DOT or Mermaid)");
cl::SubCommand ImportCmd("import", "Turn a CloudFormation template (JSON or YAML) into .cfn source");
cl::SubCommand LspCmd("lsp", "Run the language server (LSP 3.17 over stdin and stdout)");
cl::SubCommand FmtCmd("fmt", "Rewrite .cfn files in the canonical layout (--check: only name those that differ)");
cl::SubCommand DiffCmd("diff", "Show what would change against a saved template (--against) or a deployed stack (--stack)");
cl::SubCommand DeployCmd("deploy", "Build, upload and deploy a stack through a CloudFormation change set");
cl::SubCommand DestroyCmd("destroy", "Delete a deployed stack (after confirmation); list what it retained");
cl::SubCommand OutputsCmd("outputs", "Print a deployed stack's outputs");
cl::SubCommand DumpCmd("dump", "Print what a compiler phase makes of a file (for tests and debugging)");

cl::OptionCategory Category("cfc options");

cl::list<std::string> BuildPaths(cl::Positional,
                                 cl::desc("[file.cfn or folder...; none: the stack of ./cfc.yaml]"),
                                 cl::ZeroOrMore, cl::sub(BuildCmd), cl::cat(Category));
cl::opt<std::string> BuildOutDir("out-dir",
                                 cl::desc("Build every PATH as a stack of its own into <folder>/<name>.json"),
                                 cl::value_desc("folder"), cl::sub(BuildCmd), cl::cat(Category));
cl::opt<std::string> BuildOutput("o", cl::desc("Write the template to <file> instead of stdout"),
                                 cl::value_desc("file"), cl::sub(BuildCmd), cl::cat(Category));
cl::opt<TemplateFormat> BuildFormat(
    "format", cl::desc("Template format"), cl::init(TemplateFormat::Json),
    cl::values(clEnumValN(TemplateFormat::Json, "json", "JSON (default)"),
               clEnumValN(TemplateFormat::Yaml, "yaml", "YAML with short-form intrinsic tags")),
    cl::sub(BuildCmd), cl::cat(Category));
cl::list<std::string> BuildSet("set", cl::desc("Bind a parameter at compile time (repeatable)"),
                               cl::value_desc("NAME=VALUE"), cl::sub(BuildCmd), cl::cat(Category));
cl::opt<DiagnosticFormat> BuildDiagnostics(
    "diagnostics", cl::desc("How to print diagnostics"), cl::init(DiagnosticFormat::Text),
    cl::values(clEnumValN(DiagnosticFormat::Text, "text", "clang-style text on stderr (default)"),
               clEnumValN(DiagnosticFormat::Json, "json", "a JSON array on stdout")),
    cl::sub(BuildCmd), cl::cat(Category));
cl::opt<std::string> BuildRegion("region", cl::desc("The region the stack goes to: aws.region becomes that constant"),
                                 cl::value_desc("region"), cl::sub(BuildCmd), cl::cat(Category));
cl::opt<std::string> BuildProject("project", cl::desc("The project file to read (default: ./cfc.yaml when no PATH is given)"),
                                  cl::value_desc("cfc.yaml"), cl::sub(BuildCmd), cl::cat(Category));
cl::opt<std::string> BuildEnv("env", cl::desc("Build for this environment of cfc.yaml (its region and parameters)"),
                              cl::value_desc("name"), cl::sub(BuildCmd), cl::cat(Category));
cl::opt<bool> BuildAllEnvs("all-envs", cl::desc("Build a template for every environment of cfc.yaml"),
                           cl::sub(BuildCmd), cl::cat(Category));
cl::opt<bool> BuildQuiet("quiet", cl::desc("Report errors only (no warnings, notes or progress)"),
                         cl::sub(BuildCmd), cl::cat(Category));
cl::alias BuildQuietShort("q", cl::desc("Alias for --quiet"), cl::aliasopt(BuildQuiet),
                          cl::cat(Category));

cl::list<std::string> CheckPaths(cl::Positional,
                                 cl::desc("[file.cfn or folder]... (none: the stack of ./cfc.yaml, per environment)"),
                                 cl::ZeroOrMore, cl::sub(CheckCmd), cl::cat(Category));
cl::opt<DiagnosticFormat> CheckFormat(
    "format", cl::desc("Output format"), cl::init(DiagnosticFormat::Text),
    cl::values(clEnumValN(DiagnosticFormat::Text, "text", "clang-style text on stderr (default)"),
               clEnumValN(DiagnosticFormat::Json, "json", "a JSON array on stdout"),
               clEnumValN(DiagnosticFormat::Sarif, "sarif", "a SARIF 2.1.0 log on stdout (code scanning)")),
    cl::sub(CheckCmd), cl::cat(Category));
cl::opt<std::string> CheckRegion("region", cl::desc("The region the stacks go to: aws.region becomes that constant"),
                                 cl::value_desc("region"), cl::sub(CheckCmd), cl::cat(Category));
cl::opt<std::string> CheckProject("project", cl::desc("The project file to read (default: ./cfc.yaml when no PATH is given)"),
                                  cl::value_desc("cfc.yaml"), cl::sub(CheckCmd), cl::cat(Category));
cl::opt<std::string> CheckEnv("env", cl::desc("Check this environment of cfc.yaml only (default: every one)"),
                              cl::value_desc("name"), cl::sub(CheckCmd), cl::cat(Category));
cl::opt<bool> CheckQuiet("quiet", cl::desc("Report errors only (no warnings, notes or progress)"),
                         cl::sub(CheckCmd), cl::cat(Category));
cl::alias CheckQuietShort("q", cl::desc("Alias for --quiet"), cl::aliasopt(CheckQuiet),
                          cl::cat(Category));

/// `--progress` of build and check: one option in both subcommands.
cl::opt<ProgressMode> ProgressOption(
    "progress", cl::desc("A progress line on stderr when several stacks are worked on"),
    cl::init(ProgressMode::Auto),
    cl::values(clEnumValN(ProgressMode::Auto, "auto", "only when stderr is a terminal (default)"),
               clEnumValN(ProgressMode::Always, "always", "also in logs: a line per stack"),
               clEnumValN(ProgressMode::Never, "never", "none")),
    cl::sub(BuildCmd), cl::sub(CheckCmd), cl::cat(Category));

/// `--jobs` of build and check.
cl::opt<unsigned> JobsOption("jobs",
                             cl::desc("How many stacks to compile at once (default 0: one per CPU cfc may use)"),
                             cl::value_desc("N"), cl::init(0), cl::sub(BuildCmd), cl::sub(CheckCmd),
                             cl::cat(Category));
cl::alias JobsShort("j", cl::desc("Alias for --jobs"), cl::aliasopt(JobsOption), cl::cat(Category));

cl::opt<std::string> CheckAgainst("against",
                                  cl::desc("Also compare with a saved template: replacing or removing a resource that holds data is an error"),
                                  cl::value_desc("template.json|.yaml"), cl::sub(CheckCmd), cl::cat(Category));

cl::opt<std::string> DiffPath(cl::Positional, cl::desc("[file.cfn or folder] (none: the stack of ./cfc.yaml)"),
                              cl::sub(DiffCmd), cl::cat(Category));
cl::opt<std::string> DiffAgainst("against", cl::desc("The saved template to compare with"),
                                 cl::value_desc("template.json|.yaml"), cl::sub(DiffCmd), cl::cat(Category));
cl::opt<std::string> DiffStack("stack", cl::desc("The deployed stack to compare with"),
                               cl::value_desc("name"), cl::sub(DiffCmd), cl::cat(Category));
cl::opt<DiffFormat> DiffOutput(
    "format", cl::desc("Output format"), cl::init(DiffFormat::Text),
    cl::values(clEnumValN(DiffFormat::Text, "text", "for people, as cdk diff (default)"),
               clEnumValN(DiffFormat::Json, "json", "one JSON document")),
    cl::sub(DiffCmd), cl::cat(Category));
cl::list<std::string> DiffSet("set", cl::desc("Bind a parameter at compile time (repeatable)"),
                              cl::value_desc("NAME=VALUE"), cl::sub(DiffCmd), cl::cat(Category));
cl::opt<std::string> DiffRegion("region", cl::desc("The region the stack goes to: aws.region becomes that constant"),
                                cl::value_desc("region"), cl::sub(DiffCmd), cl::cat(Category));
cl::opt<std::string> DiffProject("project", cl::desc("The project file to read (default: ./cfc.yaml when no PATH is given)"),
                                 cl::value_desc("cfc.yaml"), cl::sub(DiffCmd), cl::cat(Category));
cl::opt<std::string> DiffEnv("env", cl::desc("Build for this environment of cfc.yaml (its region and parameters)"),
                             cl::value_desc("name"), cl::sub(DiffCmd), cl::cat(Category));
cl::opt<bool> DiffQuiet("quiet", cl::desc("Report errors only (no warnings)"), cl::sub(DiffCmd),
                        cl::cat(Category));

cl::opt<std::string> GraphPath(cl::Positional, cl::desc("<file.cfn or folder>"), cl::Required,
                               cl::sub(GraphCmd), cl::cat(Category));
cl::opt<GraphFormat> GraphOutput(
    "format", cl::desc("Graph format"), cl::init(GraphFormat::Dot),
    cl::values(clEnumValN(GraphFormat::Dot, "dot", "Graphviz DOT (default)"),
               clEnumValN(GraphFormat::Mermaid, "mermaid", "a Mermaid flowchart")),
    cl::sub(GraphCmd), cl::cat(Category));

cl::opt<std::string> ImportPath(cl::Positional, cl::desc("<template.json or .yaml>"), cl::Required,
                                cl::sub(ImportCmd), cl::cat(Category));
cl::opt<std::string> ImportOutput("o", cl::desc("Write the .cfn source to <file> instead of stdout"),
                                  cl::value_desc("file"), cl::sub(ImportCmd), cl::cat(Category));

cl::opt<bool> LspLitTest("lit-test", cl::desc("Read `---`-separated messages and answer synchronously with pretty JSON (for tests)"),
                         cl::sub(LspCmd), cl::cat(Category));

cl::list<std::string> FmtPaths(cl::Positional, cl::desc("<file.cfn or folder>..."), cl::OneOrMore,
                               cl::sub(FmtCmd), cl::cat(Category));
cl::opt<bool> FmtCheck("check", cl::desc("Print the files that are not formatted (exit 1 if any); write nothing"),
                       cl::sub(FmtCmd), cl::cat(Category));
cl::opt<bool> FmtBreakVerification("debug-fail-verification", cl::Hidden,
                                   cl::desc("For tests: treat every result as unsafe (CFC7001)"),
                                   cl::sub(FmtCmd), cl::cat(Category));

cl::opt<bool> DumpAst("ast", cl::desc("Print the syntax tree"), cl::sub(DumpCmd), cl::cat(Category));
cl::opt<std::string> DumpPath(cl::Positional, cl::desc("<file.cfn>"), cl::Required, cl::sub(DumpCmd),
                              cl::cat(Category));

cl::opt<std::string> DescribeType(cl::Positional, cl::desc("<type>"), cl::sub(DescribeCmd),
                                  cl::cat(Category));
cl::opt<bool> DescribeList("list", cl::desc("List every resource type and standard-library component, sorted"),
                           cl::sub(DescribeCmd), cl::cat(Category));
cl::opt<DescribeFormat> DescribeOutput(
    "format", cl::desc("Output format"), cl::init(DescribeFormat::Text),
    cl::values(clEnumValN(DescribeFormat::Text, "text", "for people (default)"),
               clEnumValN(DescribeFormat::Json, "json", "one JSON document, with full documentation")),
    cl::sub(DescribeCmd), cl::cat(Category));

/// The options of the commands that talk to AWS (DeployCommands.cpp).
cl::list<std::string> DeployPath(cl::Positional, cl::desc("[file.cfn or folder] (none: the stack of ./cfc.yaml)"),
                                 cl::ZeroOrMore, cl::sub(DeployCmd), cl::cat(Category));
cl::opt<std::string> DeployStack("stack", cl::desc("The CloudFormation stack's name"), cl::value_desc("name"),
                                 cl::sub(DeployCmd), cl::sub(DestroyCmd), cl::sub(OutputsCmd),
                                 cl::cat(Category));
cl::opt<std::string> DeployEnv("env", cl::desc("Build for this environment of cfc.yaml (its region and parameters)"),
                               cl::value_desc("name"), cl::sub(DeployCmd), cl::cat(Category));
cl::opt<std::string> DeployProject("project", cl::desc("The project file to read (default: ./cfc.yaml when no PATH is given)"),
                                   cl::value_desc("cfc.yaml"), cl::sub(DeployCmd), cl::cat(Category));
cl::opt<std::string> DeployRegion("region", cl::desc("The AWS region (default: cfc.yaml's, AWS_REGION, the profile's)"),
                                  cl::value_desc("region"), cl::sub(DeployCmd), cl::sub(DestroyCmd),
                                  cl::sub(OutputsCmd), cl::cat(Category));
cl::opt<std::string> DeployProfile("profile", cl::desc("A profile of ~/.aws/config (default: AWS_PROFILE)"),
                                   cl::value_desc("name"), cl::sub(DeployCmd), cl::sub(DestroyCmd),
                                   cl::sub(OutputsCmd), cl::sub(DiffCmd), cl::cat(Category));
cl::opt<std::string> DeployEndpoint("endpoint-url", cl::desc("Send every AWS call to this endpoint (default: AWS_ENDPOINT_URL)"),
                                    cl::value_desc("url"), cl::sub(DeployCmd), cl::sub(DestroyCmd),
                                    cl::sub(OutputsCmd), cl::sub(DiffCmd), cl::cat(Category));
cl::list<std::string> DeployParameters("parameter", cl::desc("A value for a parameter of the template (repeatable)"),
                                       cl::value_desc("KEY=VALUE"), cl::sub(DeployCmd), cl::cat(Category));
cl::list<std::string> DeployTags("tag", cl::desc("A tag of the stack, which CloudFormation puts on its resources (repeatable)"),
                                 cl::value_desc("KEY=VALUE"), cl::sub(DeployCmd), cl::cat(Category));
cl::opt<bool> DeployYes("yes", cl::desc("Ask nothing (data-holding resources still need --allow-replace)"),
                        cl::sub(DeployCmd), cl::sub(DestroyCmd), cl::cat(Category));
cl::opt<bool> DeployNoExecute("no-execute", cl::desc("Stop after showing the change set (left for review)"),
                              cl::sub(DeployCmd), cl::cat(Category));
cl::opt<bool> DeployAllowReplace("allow-replace", cl::desc("Allow replacing or removing resources that hold data"),
                                 cl::sub(DeployCmd), cl::cat(Category));
cl::opt<std::string> DeployOutputsFile("outputs-file", cl::desc("Also write the stack's outputs to FILE as JSON"),
                                       cl::value_desc("file"), cl::sub(DeployCmd), cl::cat(Category));
cl::opt<std::string> DeployRoleArn("role-arn", cl::desc("The role CloudFormation acts as"), cl::value_desc("arn"),
                                   cl::sub(DeployCmd), cl::sub(DestroyCmd), cl::cat(Category));
cl::opt<DescribeFormat> OutputsFormat(
    "format", cl::desc("Output format"), cl::init(DescribeFormat::Text),
    cl::values(clEnumValN(DescribeFormat::Text, "text", "KEY = VALUE lines (default)"),
               clEnumValN(DescribeFormat::Json, "json", "a JSON object")),
    cl::sub(OutputsCmd), cl::cat(Category));

const char *const Commands[] = {"build", "check", "deploy", "describe", "destroy", "diff", "dump",
                                "fmt",   "graph", "import", "lsp",      "outputs"};
const char *const CommandList =
    "build, check, deploy, describe, destroy, diff, dump, fmt, graph, import, lsp and outputs";

ConnectionOptions connectionOptions() { return {DeployProfile, DeployRegion, DeployEndpoint}; }

DeployCommandOptions deployOptions() {
  DeployCommandOptions Opts;
  if (!DeployPath.empty())
    Opts.Source.Path = DeployPath.front();
  Opts.Source.Project = {DeployProject, DeployEnv, false};
  Opts.Connection = connectionOptions();
  Opts.StackName = DeployStack;
  Opts.Parameters.assign(DeployParameters.begin(), DeployParameters.end());
  Opts.Tags.assign(DeployTags.begin(), DeployTags.end());
  Opts.Yes = DeployYes;
  Opts.NoExecute = DeployNoExecute;
  Opts.AllowReplace = DeployAllowReplace;
  Opts.OutputsFile = DeployOutputsFile;
  Opts.RoleArn = DeployRoleArn;
  return Opts;
}

void printVersion(raw_ostream &OS) {
  const cfc::catalog::Catalog &C = cfc::catalog::Catalog::builtin();
  OS << "cfc " << CFC_VERSION << "\n"
     << "resource specification: " << C.specPackage() << " " << C.specVersion() << "\n";
}

/// cl::opt treats an unknown word as a positional argument of the top-level
/// command; a person deserves "unknown command" and the list instead.
bool checkCommandWord(int Argc, char **Argv) {
  if (Argc < 2 || Argv[1][0] == '-')
    return true;
  StringRef Word = Argv[1];
  for (const char *Known : Commands)
    if (Word == Known)
      return true;
  WithColor::error(errs(), "cfc") << "unknown command '" << Word
                                   << "'; commands are " << CommandList << " (see cfc --help)\n";
  return false;
}

int run(int Argc, char **Argv) {
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(printVersion);
  if (!checkCommandWord(Argc, Argv))
    return UsageError;
  std::string Errors;
  raw_string_ostream ErrorStream(Errors);
  if (!cl::ParseCommandLineOptions(Argc, Argv, "cfc: a typed language for CloudFormation\n",
                                   &ErrorStream)) {
    errs() << ErrorStream.str();
    return UsageError;
  }
  if (BuildCmd) {
    BuildOptions Opts;
    if (!BuildPaths.empty()) {
      Opts.Path = BuildPaths.front();
      Opts.MorePaths.assign(BuildPaths.begin() + 1, BuildPaths.end());
    }
    Opts.OutputDir = BuildOutDir;
    Opts.OutputFile = BuildOutput;
    Opts.Format = BuildFormat;
    Opts.FormatGiven = BuildFormat.getNumOccurrences() > 0;
    Opts.Bindings.assign(BuildSet.begin(), BuildSet.end());
    Opts.Diagnostics = BuildDiagnostics;
    Opts.Region = BuildRegion;
    Opts.Project = {BuildProject, BuildEnv, BuildAllEnvs};
    Opts.Quiet = BuildQuiet;
    Opts.Progress = ProgressOption;
    Opts.Jobs = JobsOption;
    return runBuild(Opts);
  }
  if (CheckCmd) {
    CheckOptions Opts;
    Opts.Paths.assign(CheckPaths.begin(), CheckPaths.end());
    Opts.Format = CheckFormat;
    Opts.Region = CheckRegion;
    Opts.Project = {CheckProject, CheckEnv, false};
    Opts.Quiet = CheckQuiet;
    Opts.Progress = ProgressOption;
    Opts.Jobs = JobsOption;
    Opts.Against = CheckAgainst;
    return runCheck(Opts);
  }
  if (DiffCmd) {
    DiffOptions Opts;
    Opts.Path = DiffPath;
    Opts.Against = DiffAgainst;
    Opts.Stack = DiffStack;
    Opts.Project = {DiffProject, DiffEnv, false};
    Opts.Bindings.assign(DiffSet.begin(), DiffSet.end());
    Opts.Region = DiffRegion;
    Opts.Format = DiffOutput;
    Opts.Quiet = DiffQuiet;
    Opts.Profile = DeployProfile;
    Opts.EndpointUrl = DeployEndpoint;
    return runDiff(Opts);
  }
  if (DescribeCmd)
    return runDescribe({DescribeType, DescribeList, DescribeOutput});
  if (GraphCmd)
    return runGraph({GraphPath, GraphOutput});
  if (ImportCmd)
    return runImport({ImportPath, ImportOutput});
  if (FmtCmd)
    return runFmt({std::vector<std::string>(FmtPaths.begin(), FmtPaths.end()), FmtCheck,
                   FmtBreakVerification});
  if (LspCmd)
    return cfc::lsp::runLanguageServer(LspLitTest, CFC_VERSION);
  if (DeployCmd) {
    if (DeployPath.size() > 1)
      return usageError("give one PATH (a .cfn file or a folder)");
    return runDeployCommand(deployOptions());
  }
  if (DestroyCmd)
    return runDestroyCommand(connectionOptions(), DeployStack, DeployYes, DeployRoleArn);
  if (OutputsCmd)
    return runOutputsCommand(connectionOptions(), DeployStack, OutputsFormat == DescribeFormat::Json);
  if (DumpCmd) {
    if (!DumpAst) {
      WithColor::error(errs(), "cfc") << "say what to dump: --ast\n";
      return UsageError;
    }
    return runDumpAst(DumpPath);
  }
  WithColor::error(errs(), "cfc") << "no command given; commands are " << CommandList << " (see cfc --help)\n";
  return UsageError;
}

} // namespace

/// The bytes of program an operand names: a file's size, or the sum of the
/// .cfn files directly in a folder; 0 for anything else (an option's value).
static uint64_t sourceBytes(StringRef Operand) {
  sys::fs::file_status Status;
  if (sys::fs::status(Operand, Status))
    return 0;
  if (Status.type() == sys::fs::file_type::regular_file)
    return Status.getSize();
  if (Status.type() != sys::fs::file_type::directory_file)
    return 0;
  uint64_t Bytes = 0;
  std::error_code Error;
  for (sys::fs::directory_iterator It(Operand, Error), End; It != End && !Error; It.increment(Error))
    if (sys::path::extension(It->path()) == ".cfn")
      if (ErrorOr<sys::fs::basic_file_status> File = It->status())
        Bytes += File->getSize();
  return Bytes;
}

/// Whether a command runs once over little enough input that never freeing
/// memory costs nothing: not the language server, which lives long, and
/// not a stack of more program than MaxArenaSourceBytes. A byte of source
/// takes about 200 bytes that are never freed (tokens, parse tree, AST,
/// values: a 170 KB, 500-resource stack peaks at 38 MB), so 1 MiB of
/// source stays near 256 MB; past that, memory is reused. `cfc build` and
/// `cfc check` give each of their stacks memory of its own, reused once
/// the stack is reported (OneShotArena.h), so for them the bound is per
/// stack, however many there are; other commands keep all they allocate.
static bool runsOnceOverLittle(int Argc, char **Argv) {
  constexpr uint64_t MaxArenaSourceBytes = uint64_t(1) << 20;
  // `cfc import` writes source several times the template's size, built
  // level by level: a nested template's text is copied once per level,
  // which the arena would keep (a 1 MB template reached a gigabyte).
  // `cfc fmt` parses each file twice and lexes both texts, one after the
  // other: freed, each is reused for the next; kept, a 900 KB file of
  // 90,000 lets peaked at 536 MB.
  if (Argc >= 2 && (StringRef(Argv[1]) == "lsp" || StringRef(Argv[1]) == "import" ||
                    StringRef(Argv[1]) == "fmt"))
    return false;
  bool PerStack = Argc >= 2 && (StringRef(Argv[1]) == "build" || StringRef(Argv[1]) == "check");
  uint64_t Bytes = 0, Largest = 0;
  for (int I = 2; I < Argc; ++I)
    if (Argv[I][0] != '-') {
      uint64_t Operand = sourceBytes(Argv[I]);
      Bytes += Operand;
      Largest = std::max(Largest, Operand);
    }
  return (PerStack ? Largest : Bytes) <= MaxArenaSourceBytes;
}

int main(int Argc, char **Argv) {
  if (runsOnceOverLittle(Argc, Argv))
    enableOneShotArena();
  InitLLVM X(Argc, Argv);
  try {
    return run(Argc, Argv);
  } catch (const std::exception &E) {
    // Never an uncaught exception, whatever the input: say what happened.
    WithColor::error(errs(), "cfc") << "internal error: " << E.what() << "\n";
    return InputErrors;
  }
}
