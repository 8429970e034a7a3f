// DiagnosticPrinters — render diagnostics for people (clang-style text with
// the source line and a caret range) and for tools (JSON), as
// ../docs/cli.md fixes them.
#pragma once

#include "Basic/SourceManager.h"
#include "Diagnostics/Diagnostic.h"

#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

namespace cfc {

/// `file:line:col: error: message [CFC1234]`, the source line, a caret and
/// tildes under the range, then fix-its and notes.
void printText(const Diagnostic &D, const SourceManager &SM, llvm::raw_ostream &OS,
               bool Colors);

/// One JSON object: {file, line, column, endLine, endColumn, severity, code,
/// message, fixes, notes}. Lines and columns are 1-based; columns count bytes.
nlohmann::ordered_json toJson(const Diagnostic &D, const SourceManager &SM);

/// The whole list as a JSON array, followed by a newline.
void printJson(llvm::ArrayRef<Diagnostic> Diags, const SourceManager &SM,
               llvm::raw_ostream &OS);

const char *severityName(Severity Level);

} // namespace cfc
