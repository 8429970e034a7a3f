// Compilation — one stack being compiled: its source files, their ASTs and
// the diagnostics of every phase. The CLI makes one per command; the
// language server keeps one per workspace.
#pragma once

#include "AST/AST.h"
#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "Frontend/ParseCache.h"
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

  /// The stack's own files (not the modules they import). Shared: with a
  /// parse cache, a file's AST may also belong to other Compilations.
  const std::vector<std::shared_ptr<ast::File>> &files() const { return Files; }
  SourceManager &sources() { return SM; }
  DiagnosticEngine &diagnostics() { return Diags; }
  ParseOptions &parseOptions() { return ParseOpts; }
  /// Files (the stack's and imported modules) whose name, FileId and text
  /// are in Cache are not parsed again; those parsed are added to it. For
  /// the language server, which compiles a stack again after each edit.
  void setParseCache(std::shared_ptr<ParseCache> C) { Cache = std::move(C); }

  /// Hermetic: `import` reads nothing from the file system. std.* modules
  /// come from the binary (CFC_STDLIB_PATH is ignored) and importing a file
  /// or a folder is an error (CFC0001). The fuzzers want this: the input
  /// alone must decide the run, and a path in it could name any file.
  void setHermetic(bool On) { Hermetic = On; }
  /// The default of setHermetic for Compilations made from now on in this
  /// process: the language server's fuzzer cannot reach the Compilations
  /// the server makes for each document.
  static void setHermeticByDefault(bool On) { HermeticByDefault = On; }
  bool hermetic() const { return Hermetic; }

  /// Texts that replace files on disk, by path: the language server's open
  /// documents, so that a module imported by path reads as its editor
  /// shows it, saved or not. Shared, not copied: every analysis of a
  /// server with thousands of open documents reads the same snapshot.
  using OpenTexts = std::map<std::string, std::string>;
  void setOpenFiles(std::shared_ptr<const OpenTexts> Texts) { OpenFiles = std::move(Texts); }

private:
  SourceManager SM;
  DiagnosticEngine Diags;
  ParseOptions ParseOpts;
  static inline bool HermeticByDefault = false;
  bool Hermetic = HermeticByDefault;
  std::shared_ptr<const OpenTexts> OpenFiles;
  std::vector<FileId> Pending;
  std::vector<std::shared_ptr<ast::File>> Files;
  /// Imported modules by "std.name" or normalized path: their files.
  std::map<std::string, std::vector<std::shared_ptr<ast::File>>> Modules;
  std::shared_ptr<ParseCache> Cache;
  /// Parses File, or takes its AST and syntax diagnostics from the cache.
  std::shared_ptr<ast::File> parseCached(FileId File);
  /// Parses one module file (read from disk when Text is empty).
  std::shared_ptr<ast::File> parseModuleFile(const std::string &Name, std::string Text,
                                             const ast::ImportDecl &Import, FileId From);
};

} // namespace cfc
