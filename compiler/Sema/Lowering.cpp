// Lowering — the entry point: runs the evaluator over a stack's files.
#include "Sema/Lowering.h"
#include "Sema/Evaluator.h"

namespace cfc {

ir::Template lower(const std::vector<const ast::File *> &Files, const SourceManager &SM,
                   DiagnosticEngine &Diags, const catalog::Catalog *Catalog,
                   const LowerOptions &Opts) {
  sema::Evaluator E(SM, Diags, Catalog, Opts);
  ir::Template T = E.run(Files);
  sema::recordAssetUses(T);
  sema::applyStackTags(T, Catalog, Opts);
  sema::checkUniqueIdentifiers(T, Catalog, Diags);
  return T;
}

} // namespace cfc
