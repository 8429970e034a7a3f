// ZipWriter — a minimal ZIP archive writer whose output depends on nothing
// but the entries given: no timestamps (every entry says 1980-01-01 00:00,
// the format's first day), no owner, no extra fields, permissions reduced to
// 644 or 755. With the entries in a fixed order, the same files always make
// the same bytes (for a given zlib: see IR/AssetDigest.h for why keys do not
// hash these bytes).
//
// Entries are deflated when zlib is available and it makes them smaller,
// stored otherwise. No Zip64: at most 65,535 entries and 4 GiB per entry,
// far above what an asset may hold (IR/Limits.h).
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cfc::emit {

class ZipWriter {
public:
  explicit ZipWriter(llvm::raw_ostream &Out) : Out(Out) {}

  /// Adds a file. Name is relative and '/'-separated ("lib/util.py"); the
  /// archive lists entries in the order they are added.
  void add(llvm::StringRef Name, llvm::StringRef Contents, bool Executable);
  /// Writes the central directory, completing the archive.
  void finish();

private:
  struct Entry {
    std::string Name;
    uint16_t Method;
    uint32_t Crc, CompressedSize, Size, Offset;
    bool Executable;
  };
  void write(llvm::StringRef Bytes);
  std::string localHeader(const Entry &E) const;
  std::string centralHeader(const Entry &E) const;
  /// The fields both headers share, in the order both have them.
  static void putEntryFields(std::string &H, const Entry &E);

  llvm::raw_ostream &Out;
  uint64_t Written = 0;
  std::vector<Entry> Entries;
};

} // namespace cfc::emit
