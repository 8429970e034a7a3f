// Stacks — the steps every command takes with one stack (parse, lower,
// emit, write), shared by the PATH commands (Commands.cpp) and the project
// file's (ProjectCommands.cpp).
#pragma once

#include "Driver/Commands.h"

#include "Frontend/Compilation.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cfc::driver {

/// One stack after parsing and lowering. Result is set only when both went
/// without errors.
struct CompiledStack {
  std::unique_ptr<Compilation> C;
  std::optional<Compilation::Lowered> Result;
};

/// Parses the stack at Path and, if that went well, lowers it with Lower.
/// BeforeLowering may add to Lower what needs the parsed Compilation (the
/// project file's buffer and binding locations).
CompiledStack
compileStack(const std::string &Path, LowerOptions Lower,
             const std::function<void(Compilation &, LowerOptions &)> &BeforeLowering = {});

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

} // namespace cfc::driver
