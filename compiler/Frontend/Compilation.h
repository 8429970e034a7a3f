// Compilation — one stack being compiled: its source files, their ASTs and
// the diagnostics of every phase. The CLI makes one per command; the
// language server keeps one per workspace.
#pragma once

#include "AST/AST.h"
#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "Parse/Parser.h"

#include <memory>
#include <string>
#include <vector>

namespace cfc {

class Compilation {
public:
  /// Adds a .cfn file, or every .cfn file of a folder (sorted by name, so
  /// the order never depends on the file system). Problems are diagnosed.
  void addPath(llvm::StringRef Path);
  /// Adds an in-memory source (tests, the language server).
  FileId addSource(std::string Text, llvm::StringRef Name);

  /// Parses every file added and not yet parsed.
  void parse();

  const std::vector<std::unique_ptr<ast::File>> &files() const { return Files; }
  SourceManager &sources() { return SM; }
  DiagnosticEngine &diagnostics() { return Diags; }
  ParseOptions &parseOptions() { return ParseOpts; }

private:
  SourceManager SM;
  DiagnosticEngine Diags;
  ParseOptions ParseOpts;
  std::vector<FileId> Pending;
  std::vector<std::unique_ptr<ast::File>> Files;
};

} // namespace cfc
