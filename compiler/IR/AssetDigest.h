// AssetDigest — the key an asset is stored under in S3: "assets/<hex>.zip",
// where <hex> is a SHA-256 of what the zip holds (each entry's name, mode and
// bytes, in entry order), not of the zip file's own bytes. Deflate's output
// differs between zlib builds (zlib, zlib-ng as Fedora ships it, Apple's), so
// a hash of the zip would give the same handlers a different key on a laptop
// and in CI and redeploy unchanged code; and `cfc check` and the language
// server can name the key without compressing anything.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SHA256.h"

#include <string>

namespace cfc::ir {

class AssetDigest {
public:
  AssetDigest();
  /// One entry, in the order the zip holds them (sorted by name).
  void addFile(llvm::StringRef Name, bool Executable, llvm::StringRef Contents);
  /// "assets/<64 hex digits>.zip". Call once, after the last addFile.
  std::string key();

private:
  llvm::SHA256 Hash;
};

} // namespace cfc::ir
