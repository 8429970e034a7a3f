// AssetWriter — writes the zips of a template's assets, so that each key the
// template names is a file: ROOT/assets/<sha256>.zip. ROOT is the folder of
// the template (`cfc build -o DIR/template.json` writes DIR/assets/), so the
// keys are also the zips' paths relative to the template, which is what
// `aws s3 sync DIR/assets s3://BUCKET/assets` and SAM CLI expect.
#pragma once

#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Template.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace cfc::emit {

/// Where the assets of a template written to TemplateFile go: its folder;
/// "cfc.out" when the template goes to stdout (empty or "-"), as `cdk.out`.
std::string assetRootFor(llvm::StringRef TemplateFile);

/// Writes every asset of T under Root (Root/<key>), each through a
/// temporary file renamed into place, so a zip is either whole or absent.
/// Checks that the files still hash to the key (CFC4107). False after a
/// diagnostic. Writes nothing, and makes no folder, for a template without
/// assets.
bool writeAssets(const ir::Template &T, llvm::StringRef Root, DiagnosticEngine &Diags);

/// The zip of one asset, in memory (for tests); "" if a file cannot be read.
std::string zipAsset(const ir::Asset &A);

} // namespace cfc::emit
