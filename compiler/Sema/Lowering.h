// Lowering — checks a parsed stack and lowers it to a Template: names are
// resolved, every expression is typed and given a phase (compile time or
// deploy time), constants are folded, loops unrolled, properties checked
// against the resource catalog, and deploy-time values become intrinsics.
#pragma once

#include "AST/AST.h"
#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Template.h"
#include "Sema/SemanticIndex.h"

#include <map>
#include <string>
#include <vector>

namespace cfc::catalog {
class Catalog;
}

namespace cfc {

/// Finds and parses the files `import` names; implemented by the Compilation,
/// which owns sources and ASTs.
class ModuleLoader {
public:
  virtual ~ModuleLoader() = default;
  /// The files of the module an import names (`std.serverless`, a file or a
  /// folder of .cfn files relative to the importing file), parsed once;
  /// empty after a diagnostic if there is none.
  virtual std::vector<const ast::File *> loadAll(const ast::ImportDecl &Import, FileId From) = 0;
};

struct LowerOptions {
  /// Resolves imports; without one, `import` is an error.
  ModuleLoader *Modules = nullptr;
  /// When set, filled with name resolutions (the language server's).
  SemanticIndex *Index = nullptr;
  /// `--set NAME=VALUE`: parameters bound at compile time. The text is read
  /// as the parameter's type wants it (a number for int, etc.).
  std::map<std::string, std::string> Bindings;
  /// Where a binding was written when it came from a file (cfc.yaml)
  /// rather than the command line: its problems are reported there.
  struct BindingSource {
    FileId File = 0;
    SourceRange Name;
    SourceRange Value;
  };
  std::map<std::string, BindingSource> BindingSources;
  /// Base for the `Metadata` source locations; files are named relative to it.
  std::string SourceRoot;
  /// The region the stack is deployed to (`--region`, or the environment's
  /// `region:` in cfc.yaml); empty when unknown. When known, `aws.region`
  /// is a compile-time constant, so `assert`s on it are checked by cfc.
  std::string Region;
  /// Whether asset("./path") may read the files it names. Off in hermetic
  /// compilations (the fuzzers), where the input alone must decide the run;
  /// asset() is then an error (CFC0001).
  bool ReadAssets = true;
  /// What a delete or a replacement does to the data of the resources the
  /// standard library makes, for the whole stack (cfc.yaml's `removal:`):
  /// "destroy", "retain" or "snapshot"; empty: "snapshot", the default
  /// (see docs/language.md, *Data kept on delete*).
  std::string Removal;
  /// Stack-wide tags from cfc.yaml (`tags:`), over the program's
  /// `@tags` on its description: key and value.
  std::vector<std::pair<std::string, std::string>> Tags;
};

/// Lowers the files of one stack. The result is meaningful only when no
/// error was reported.
ir::Template lower(const std::vector<const ast::File *> &Files, const SourceManager &SM,
                   DiagnosticEngine &Diags, const catalog::Catalog *Catalog,
                   const LowerOptions &Opts);

} // namespace cfc
