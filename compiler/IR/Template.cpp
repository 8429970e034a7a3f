// Template — lookups.
#include "IR/Template.h"

namespace cfc::ir {

const Resource *Template::resource(llvm::StringRef LogicalId) const {
  for (const Resource &R : Resources)
    if (R.LogicalId == LogicalId)
      return &R;
  return nullptr;
}

} // namespace cfc::ir
