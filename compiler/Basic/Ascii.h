// Ascii — whether a text is all ASCII, for the fast paths of the phases
// that read whole files or strings (the token checks, the line table, zip
// entry names): most texts are, and then no UTF-8 needs decoding.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <cstring>

namespace cfc {

/// Whether every byte of Text is below 0x80, read eight bytes at a time.
inline bool isAscii(llvm::StringRef Text) {
  uint64_t Or = 0;
  size_t I = 0;
  for (; I + 8 <= Text.size(); I += 8) {
    uint64_t Word;
    std::memcpy(&Word, Text.data() + I, 8);
    Or |= Word;
  }
  for (; I < Text.size(); ++I)
    Or |= static_cast<unsigned char>(Text[I]);
  return (Or & 0x8080808080808080ULL) == 0;
}

} // namespace cfc
