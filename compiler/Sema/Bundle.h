// Bundle — asset("./folder", {bundle: "esbuild"}): a Node.js folder bundled
// by esbuild into one file, in a folder of its own that is then packaged
// as any asset is (Assets.cpp).
#ifndef CFC_SEMA_BUNDLE_H
#define CFC_SEMA_BUNDLE_H

#include <string>

namespace cfc::sema {

/// What to bundle and how.
struct BundleRequest {
  std::string Folder;    ///< The asset's folder (with a package.json).
  std::string Entry;     ///< Relative to Folder; "" to find index.ts/.js...
  bool SourceMap = false; ///< An inline source map (sources relative to Folder).
  std::string Target = "node22"; ///< esbuild's --target.
  /// Names, sizes, modes and times of Folder's files: a bundle made from
  /// the same listing with the same options is reused, not made again.
  std::string Signature;
};

/// What came of it: the folder holding the bundle, or why there is none.
struct BundleResult {
  std::string OutDir;
  std::string Problem;        ///< "" on success.
  bool BundlerMissing = false; ///< No esbuild found (CFC4109, not CFC4110).
};

/// Bundles Request.Folder's entry with esbuild: one CommonJS file named
/// after the entry (`index.ts` -> `index.js`, so the handler keeps its
/// name), `@aws-sdk/*` left to the runtime, run from the folder so the
/// output names no path outside it. esbuild is $CFC_ESBUILD, else the
/// nearest `node_modules/.bin/esbuild` from the folder up, else on PATH.
/// Nothing is fetched: dependencies come from the folder's node_modules.
BundleResult bundleWithEsbuild(const BundleRequest &Request);

} // namespace cfc::sema

#endif
