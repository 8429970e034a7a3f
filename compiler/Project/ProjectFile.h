// ProjectFile — the project file `cfc.yaml`: which stack to build, where its
// template goes, and named environments with their region and parameter
// values (docs/project.md). Read with yaml-cpp into one plain value; every
// problem is a diagnostic (CFC09xx) at its line and column in cfc.yaml.
#pragma once

#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace cfc::project {

/// The name the project file has; `cfc build` with no PATH looks for it in
/// the current folder.
inline constexpr const char *FileName = "cfc.yaml";

/// Environments one project may define. `cfc check` compiles the stack
/// once per environment and keeps what it reports until the end (to report
/// a finding shared by several once), so a hostile cfc.yaml listing
/// thousands must stop early; real projects have a handful.
inline constexpr size_t MaxEnvironments = 200;

/// A value read from cfc.yaml and where it was written (empty when absent).
struct Setting {
  std::string Value;
  SourceRange Range;
  bool given() const { return !Range.empty(); }
};

/// `name: value` under `parameters:`: binds a stack parameter at compile
/// time, as `--set name=value` does. A list is written as the comma-separated
/// text a `[string]` parameter takes.
struct ParameterValue {
  std::string Name;
  std::string Value;
  SourceRange NameRange;
  SourceRange ValueRange;
};

/// `key: value` under `tags:`: a stack-wide tag (docs/project.md).
struct TagValue {
  std::string Key;
  std::string Value;
};

/// One entry of `environments:`.
struct Environment {
  Setting Name;
  Setting Region; ///< Empty: the project's region, if any.
  std::vector<ParameterValue> Parameters;
  /// "destroy", "retain" or "snapshot": what a delete or a replacement does
  /// to the data of the stdlib's resources; empty: the project's choice.
  Setting Removal;
  std::vector<TagValue> Tags;
};

enum class OutputFormat { Json, Yaml };

struct Project {
  /// cfc.yaml as opened, and the folder its paths are relative to.
  std::string Path;
  std::string Folder;
  /// The cfc.yaml buffer in the SourceManager it was read into; Text is a
  /// copy, so that every Compilation can add it and point at it.
  FileId File = 0;
  std::string Text;

  Setting Name;                           ///< The stack's name: names the template file.
  Setting Entry;                          ///< A .cfn file or a folder of them (default ".").
  Setting Output;                         ///< The folder templates are written to (default "out").
  Setting Format;                         ///< "json" (default) or "yaml".
  Setting Region;                         ///< Default region of every environment.
  std::vector<ParameterValue> Parameters; ///< Shared by every environment.
  Setting Removal;                        ///< Default of every environment.
  std::vector<TagValue> Tags;             ///< Shared by every environment.
  std::vector<Environment> Environments;  ///< In the order written.

  /// The entry joined to Folder: what to compile.
  std::string entryPath() const;
  /// The folder templates go to, joined to Folder.
  std::string outputFolder() const;
  /// `name:`, or the entry's file name without `.cfn` (the folder's name
  /// for a folder entry).
  std::string stackName() const;
  OutputFormat format() const {
    return Format.Value == "yaml" ? OutputFormat::Yaml : OutputFormat::Json;
  }
  /// Where a build writes its template: `<output>/<name>.<ext>`, or
  /// `<output>/<env>/<name>.<ext>` for an environment (Extension: "json").
  std::string templatePath(const Environment *Env, llvm::StringRef Extension) const;

  const Environment *environment(llvm::StringRef Name) const;
  std::vector<std::string> environmentNames() const;
  /// The project's parameters with Env's on top (Env may be null).
  std::vector<ParameterValue> parametersOf(const Environment *Env) const;
  /// Env's region, else the project's; empty when neither says.
  std::string regionOf(const Environment *Env) const;
  /// Env's removal choice, else the project's; empty when neither says.
  std::string removalOf(const Environment *Env) const;
  /// The project's tags with Env's on top (Env may be null).
  std::vector<TagValue> tagsOf(const Environment *Env) const;
};

/// Reads the project file at Path into SM, reporting every problem to Diags.
/// Returns nothing when the file cannot be read or is no YAML mapping; a
/// project with errors in some keys is still returned (the keys that were
/// read), so callers check Diags.hasErrors().
std::optional<Project> readProject(llvm::StringRef Path, SourceManager &SM,
                                   DiagnosticEngine &Diags);

/// Reads a project from text (tests, fuzzing).
std::optional<Project> parseProject(std::string Text, llvm::StringRef Path, SourceManager &SM,
                                    DiagnosticEngine &Diags);

/// True for names usable as an environment or stack name: they become
/// folder and file names, so letters, digits, '-', '_' and '.' only, not
/// starting with '.'.
bool isValidName(llvm::StringRef Name);

/// True for names shaped like an AWS region: eu-west-1, us-gov-west-1.
/// (The shape only: a region AWS opens later must not need a new cfc.)
bool isRegionName(llvm::StringRef Name);

} // namespace cfc::project
