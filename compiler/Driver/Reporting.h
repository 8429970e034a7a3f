// Reporting — where a command's diagnostics go, for one stack or many:
// clang-style text on stderr as they come, or one JSON array or one SARIF
// log for the whole run (tools read one document, however many stacks were
// checked). Also the progress line of long runs.
#pragma once

#include "Driver/Commands.h"

#include "Basic/SourceManager.h"
#include "Diagnostics/Diagnostic.h"
#include "Diagnostics/SarifPrinter.h"

#include "llvm/ADT/StringRef.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace cfc::driver {

/// "[2/5] checking stacks/api" on stderr while several stacks are worked
/// on. On a terminal the line is rewritten in place and erased at the end;
/// with --progress=always elsewhere (a CI log) each step is a line of its
/// own. Nothing for a single stack, with --quiet, or (auto) when stderr is
/// not a terminal: piped output stays clean.
class Progress {
public:
  Progress(ProgressMode Mode, size_t Total, bool Quiet);
  ~Progress() { clear(); }
  void step(llvm::StringRef Verb, llvm::StringRef What);
  /// Erases the line (before other output is written to stderr).
  void clear();

private:
  bool Enabled = false;
  bool InPlace = false; ///< A terminal: rewrite the line instead of adding one.
  bool Shown = false;
  size_t Total = 0;
  size_t Done = 0;
};

/// Collects or prints the diagnostics of every stack of one command.
class Reporter {
public:
  Reporter(DiagnosticFormat Format, bool Quiet, Progress *Line = nullptr);

  /// Reports Diags (sorted, suppressions already applied), minus warnings
  /// and notes when quiet. Text is printed now; JSON and SARIF wait for
  /// finish().
  void add(llvm::ArrayRef<Diagnostic> Diags, const SourceManager &SM);
  /// Prints the JSON array or the SARIF log, once for the whole run.
  void finish();
  /// True when an error was added (quiet or not, errors are never dropped).
  bool sawErrors() const { return Errors; }

private:
  DiagnosticFormat Format;
  bool Quiet;
  Progress *Line;
  bool Errors = false;
  nlohmann::ordered_json Json = nlohmann::ordered_json::array();
  std::unique_ptr<SarifLog> Sarif;
};

} // namespace cfc::driver
