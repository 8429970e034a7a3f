// LambdaRuntimes — the Lambda runtimes AWS has deprecated, from its
// deprecation schedule: since when, from when Lambda refuses to create a
// function on one (CFC2106, an error of `cfc build`), and what replaces it.
// The security rule CFC8020 (compiler/Lint) warns of the others.
#pragma once

#include "llvm/ADT/StringRef.h"

namespace cfc::rules {

struct DeprecatedRuntime {
  llvm::StringRef Id;          ///< "nodejs18.x".
  llvm::StringRef Since;       ///< The deprecation date, "2025-09-01".
  llvm::StringRef BlockCreate; ///< From when functions cannot be created on it; empty: not yet known.
  llvm::StringRef Successor;   ///< The newest runtime of the same language.
};

/// The schedule below is AWS's as of this date: runtimes deprecated on or
/// before it are listed, and "blocked" means blocked on or before it. Later
/// deprecations need a new row (a fixed table keeps builds deterministic:
/// their output does not change with the clock).
constexpr llvm::StringLiteral RuntimeTableDate = "2026-11-24";

/// The deprecated runtime Id names, or null when it is supported (or
/// unknown: a runtime newer than the table).
const DeprecatedRuntime *deprecatedRuntime(llvm::StringRef Id);

/// Whether Lambda refuses to create functions on R (as of RuntimeTableDate).
inline bool isCreateBlocked(const DeprecatedRuntime &R) {
  return !R.BlockCreate.empty() && R.BlockCreate <= RuntimeTableDate;
}

} // namespace cfc::rules
