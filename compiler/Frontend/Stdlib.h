// Stdlib — the standard library modules embedded in the binary
// (stdlib/*.cfn; `import std.storage` is stdlib/storage.cfn).
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace cfc {

struct StdlibModule {
  const char *Name;   ///< "storage"
  const char *Source; ///< The module's text.
};

/// Every module, sorted by name.
llvm::ArrayRef<StdlibModule> stdlibModules();

} // namespace cfc
