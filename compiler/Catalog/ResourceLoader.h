// ResourceLoader — decodes one catalog blob (zlib-compressed JSON, keys in
// docs/catalog.md) into a ResourceType. Internal to the Catalog library.
#pragma once

#include "Catalog/ResourceType.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>

namespace cfc::catalog {

/// The resource type whose blob is Compressed (RawLength bytes once
/// inflated), or an error saying what is wrong with the blob.
llvm::Expected<std::unique_ptr<ResourceType>> decodeResource(llvm::StringRef LangName,
                                                             llvm::StringRef CfnName,
                                                             llvm::StringRef Compressed,
                                                             uint32_t RawLength);

} // namespace cfc::catalog
