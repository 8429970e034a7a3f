// CatalogFormat — the byte layout of the catalog file, shared by the
// generator (tools/catalog/CatalogGen.cpp) that writes it and the Catalog
// that reads it. Header-only and free of LLVM so the generator stays small.
//
// All integers are 32-bit little-endian. The file is:
//
//   Header     fixed size (HeaderSize bytes), see the offsets below
//   Index      Count entries of IndexEntryWords words each, sorted by the
//              language name (byte order), so a lookup is a binary search
//              in place: nothing is decoded before it is asked for
//   Strings    the names the index points into, not terminated
//   Blobs      one zlib-compressed JSON document per resource type (see
//              docs/catalog.md for its keys)
//
// Offsets in the index are relative to the start of their area.
#pragma once

#include <cstdint>
#include <cstring>

namespace cfc::catalog::format {

/// "CFCCAT" plus a format number; bump the number when the layout or the
/// blob keys change, so an old reader refuses a new file instead of
/// misreading it.
inline constexpr char Magic[8] = {'C', 'F', 'C', 'C', 'A', 'T', '\0', '\1'};

/// Word positions (not bytes) of the header fields after the magic.
enum HeaderWord : unsigned {
  Count = 0,     ///< number of resource types
  IndexOffset,   ///< byte offset of the index from the file start
  StringsOffset, ///< byte offset of the strings area
  StringsSize,   ///< its size in bytes
  BlobsOffset,   ///< byte offset of the blobs area
  BlobsSize,     ///< its size in bytes
  PackageOffset, ///< the spec package name, in the strings area
  PackageLength,
  VersionOffset, ///< the spec package version, in the strings area
  VersionLength,
  NumHeaderWords
};

/// Bytes before the index: the magic and the header words.
inline constexpr uint32_t HeaderSize = sizeof(Magic) + 4 * NumHeaderWords;

/// Word positions of the fields of one index entry.
enum IndexWord : unsigned {
  LangNameOffset = 0, ///< "aws.s3.Bucket", in the strings area
  LangNameLength,
  CfnNameOffset, ///< "AWS::S3::Bucket", in the strings area
  CfnNameLength,
  BlobOffset, ///< the compressed JSON, in the blobs area
  BlobLength,
  RawLength, ///< the JSON's size once inflated
  IndexEntryWords
};

/// Bytes per index entry.
inline constexpr uint32_t IndexEntrySize = 4 * IndexEntryWords;

/// Reads the little-endian word at Bytes (which need not be aligned).
inline uint32_t readWord(const char *Bytes) {
  const auto *U = reinterpret_cast<const unsigned char *>(Bytes);
  return uint32_t(U[0]) | uint32_t(U[1]) << 8 | uint32_t(U[2]) << 16 | uint32_t(U[3]) << 24;
}

/// Writes Value as a little-endian word at Bytes.
inline void writeWord(char *Bytes, uint32_t Value) {
  for (int I = 0; I < 4; ++I)
    Bytes[I] = static_cast<char>((Value >> (8 * I)) & 0xff);
}

} // namespace cfc::catalog::format
