// Format — `cfc fmt` and the language server's formatting: one canonical
// layout for a .cfn source, checked so that it can never change the program.
#pragma once

#include "AST/AST.h"
#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace cfc::format {

/// The canonical layout of Text, whose parse (without errors) is F. Only
/// whitespace and separator commas change; every other token and every
/// comment byte is kept. Layout.cpp describes the rules.
std::string layout(llvm::StringRef Text, const ast::File &F);

struct FormatOptions {
  /// For tests only: treat the result as if it failed verification, so the
  /// internal-error path (CFC7001) can be exercised.
  bool BreakVerification = false;
};

/// Parses File and returns its canonical text, or nothing: when the file
/// has syntax errors (reported in Diags) or when the result failed the
/// token check (an internal error, CFC7001, reported in Diags).
std::optional<std::string> formatFile(SourceManager &SM, FileId File, DiagnosticEngine &Diags,
                                      const FormatOptions &Opts = {});

} // namespace cfc::format
