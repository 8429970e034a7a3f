// AssetDigest — see the header for why the content, not the zip, is hashed.
#include "IR/AssetDigest.h"

#include "llvm/ADT/StringExtras.h"

namespace cfc::ir {

// Changing what an entry contributes changes every key: bump the version
// with it, so that old and new keys never mean different zips.
static constexpr llvm::StringLiteral FormatVersion = "cfc-asset-1\n";

AssetDigest::AssetDigest() { Hash.update(FormatVersion); }

void AssetDigest::addFile(llvm::StringRef Name, bool Executable, llvm::StringRef Contents) {
  // The size comes before the bytes, so no entry's end can be read as the
  // next one's start.
  std::string Header = Name.str() + '\0' + (Executable ? "755" : "644") + '\0' +
                       std::to_string(Contents.size()) + '\0';
  Hash.update(Header);
  Hash.update(Contents);
}

std::string AssetDigest::key() { return "assets/" + llvm::toHex(Hash.final(), /*LowerCase=*/true) + ".zip"; }

} // namespace cfc::ir
