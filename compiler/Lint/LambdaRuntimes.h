// LambdaRuntimes — the Lambda runtimes AWS no longer supports (security row
// 20), from AWS's deprecation schedule. Internal to Lint/.
#pragma once

#include "llvm/ADT/StringRef.h"

namespace cfc::lint {

struct DeprecatedRuntime {
  llvm::StringRef Id;         ///< "nodejs18.x".
  llvm::StringRef Since;      ///< The deprecation date, "2025-09-01".
  llvm::StringRef Successor;  ///< The newest runtime of the same language.
};

/// The schedule below is AWS's as of this date: runtimes deprecated on or
/// before it are listed. Later deprecations need a new row (a fixed table
/// keeps `cfc check` deterministic: its output does not change with the clock).
constexpr llvm::StringLiteral RuntimeTableDate = "2026-11-24";

/// The deprecated runtime Id names, or null when it is supported (or
/// unknown: a runtime newer than the table).
const DeprecatedRuntime *deprecatedRuntime(llvm::StringRef Id);

} // namespace cfc::lint
