// Stacks — the steps every command takes with one stack (parse, lower,
// emit, write), shared by the PATH commands (Commands.cpp) and the project
// file's (ProjectCommands.cpp).
#pragma once

#include "Driver/Commands.h"

#include "Basic/ArenaScope.h"
#include "Frontend/Compilation.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cfc {
class DiagnosticBuilder;
} // namespace cfc

namespace cfc::driver {

class Reporter;

/// One stack after parsing and lowering. Result is set only when both went
/// without errors.
struct CompiledStack {
  /// Where lowering allocated (and emitting should): under the one-shot
  /// arena, the work region the parse trees were in, whose pages are then
  /// touched already. First, so that it is given back after the rest.
  arena::Memory Work;
  std::unique_ptr<Compilation> C;
  std::optional<Compilation::Lowered> Result;
};

/// Parses the stack at Path and, if that went well, lowers it with Lower.
/// BeforeLowering may add to Lower what needs the parsed Compilation (the
/// project file's buffer and binding locations). With ReuseParseMemory
/// (and the one-shot arena on), lowering allocates in CompiledStack::Work;
/// a caller that keeps several stacks alive at once may rather leave it
/// off, since each stack then holds a region as large as its parse trees.
CompiledStack
compileStack(const std::string &Path, LowerOptions Lower,
             const std::function<void(Compilation &, LowerOptions &)> &BeforeLowering = {},
             bool ReuseParseMemory = true);

/// The diagnostics to show: sorted by place, without the security findings
/// a `// cfc-disable-next-line` comment silences.
std::vector<Diagnostic> diagnosticsToShow(Compilation &C);

/// Reads `--set NAME=VALUE` arguments into Opts.Bindings (later ones win);
/// false (after saying why) if one is malformed: a command-line error.
bool readBindings(const std::vector<std::string> &Args, LowerOptions &Opts);

/// The folder the stack's files are named relative to in Metadata.
std::string sourceRoot(llvm::StringRef Path);

/// Emits the template, checks its size and writes it to OutputFile (stdout
/// when empty or "-"), creating the folders it needs. False when an error
/// was reported to C.
bool writeTemplate(Compilation &C, const Compilation::Lowered &L, TemplateFormat Format,
                   const std::string &OutputFile);

/// `--region` as given: false (after saying why) when it is no region name.
bool checkRegionFlag(const std::string &Region);

/// Says `cfc: error: Message` on stderr and returns UsageError.
int usageError(const llvm::Twine &Message);

/// The stack a command builds as `cfc build` does: PATH, or without one the
/// project file's stack for `--env` (or no environment); Root gets the
/// folder its cfc:source places are relative to. Null when the command line
/// or the project file is wrong (said to Out, Status set); else the stack,
/// whose Result is empty when it has errors.
std::optional<CompiledStack> buildForCommand(const std::string &Path, const ProjectSelection &Project,
                                             const std::vector<std::string> &Bindings,
                                             const std::string &Region, Reporter &Out, int &Status,
                                             std::string &Root);

/// A template read from a file (`--against`), with where its values are.
struct SavedTemplate {
  FileId File = 0; ///< In the Compilation's sources, so findings can point into it.
  nlohmann::ordered_json Json;
  std::map<std::string, SourceRange> Where; ///< By JSON pointer (import::Positions).
};

/// Reads the template at Path (JSON, or YAML) into C's sources; nothing
/// after reporting to C why not (CFC0001, CFC7103; also a template nested
/// too deep for diff::diffTemplates, diff::nestsTooDeep).
std::optional<SavedTemplate> readSavedTemplate(Compilation &C, const std::string &Path);

/// `cfc check --against`: reports to C each change from Saved to the stack
/// just lowered (L) that deletes data (CFC7100-CFC7102), on the user's line.
void checkAgainst(Compilation &C, const Compilation::Lowered &L, llvm::StringRef Root,
                  const SavedTemplate &Saved);

/// Prints what changes from Deployed (a template already read, from a file
/// or from CloudFormation's GetTemplate) to the built stack S (Result set),
/// with source lines; returns the exit status. `cfc diff --against` calls
/// it, and so can `cfc diff --stack` (deploy/).
int printDiffAgainst(CompiledStack &S, llvm::StringRef Root, const nlohmann::ordered_json &Deployed,
                     DiffFormat Format);

} // namespace cfc::driver
