// Compilation — one stack being compiled: its source files, their ASTs and
// the diagnostics of every phase. The CLI makes one per command; the
// language server keeps one per workspace.
#pragma once

#include "AST/AST.h"
#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "IR/DependencyGraph.h"
#include "IR/Template.h"
#include "Parse/Parser.h"
#include "Sema/Lowering.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cfc {

class Compilation : public ModuleLoader {
public:
  /// Adds a .cfn file, or every .cfn file of a folder (sorted by name, so
  /// the order never depends on the file system). Problems are diagnosed.
  void addPath(llvm::StringRef Path);
  /// Adds an in-memory source (tests, the language server).
  FileId addSource(std::string Text, llvm::StringRef Name);

  /// Parses every file added and not yet parsed.
  void parse();

  /// Checks and lowers the parsed files to a template and builds its
  /// dependency graph, checking CloudFormation's limits. Meaningful only
  /// when diagnostics() has no errors afterwards.
  struct Lowered {
    ir::Template Template;
    ir::DependencyGraph Graph;
  };
  Lowered lower(const LowerOptions &Opts);

  /// Loads a module for `import` (ModuleLoader): stdlib modules from the
  /// binary, files relative to the importing file; each parsed once.
  std::vector<const ast::File *> loadAll(const ast::ImportDecl &Import, FileId From) override;
  /// The first (for a file, the only) file of a module, or null.
  const ast::File *load(const ast::ImportDecl &Import, FileId From) {
    std::vector<const ast::File *> Files = loadAll(Import, From);
    return Files.empty() ? nullptr : Files.front();
  }

  /// The stack's own files (not the modules they import).
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
  /// Imported modules by "std.name" or normalized path: their files.
  std::map<std::string, std::vector<std::unique_ptr<ast::File>>> Modules;
  /// Parses one module file (read from disk when Text is empty).
  std::unique_ptr<ast::File> parseModuleFile(const std::string &Name, std::string Text,
                                             const ast::ImportDecl &Import, FileId From);
};

} // namespace cfc
