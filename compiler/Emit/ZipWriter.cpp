// ZipWriter — the records of PKWARE's APPNOTE.TXT (4.3.7 local file header,
// 4.3.12 central directory header, 4.3.16 end of central directory), with
// every field that could vary between runs fixed.
#include "Emit/ZipWriter.h"
#include "Basic/Ascii.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/CRC.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/Error.h"

namespace cfc::emit {

namespace {

constexpr uint16_t MethodStored = 0, MethodDeflated = 8;
constexpr uint16_t VersionNeeded = 20;                // 2.0: deflate, folders.
constexpr uint16_t VersionMadeBy = (3 << 8) | 20;     // Unix, so the mode below counts.
constexpr uint16_t Utf8Names = 1 << 11;               // General purpose flag bit 11.
constexpr uint16_t DosTime = 0;                       // 00:00:00
constexpr uint16_t DosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01
constexpr uint32_t RegularFile = 0100000;             // S_IFREG

void put16(std::string &S, uint16_t V) {
  S += static_cast<char>(V & 0xff);
  S += static_cast<char>(V >> 8);
}

void put32(std::string &S, uint32_t V) {
  put16(S, static_cast<uint16_t>(V & 0xffff));
  put16(S, static_cast<uint16_t>(V >> 16));
}

/// The raw deflate stream of Contents, or empty when zlib is missing or
/// deflating would not make it smaller. llvm::zlib writes a zlib stream: a
/// 2-byte header and a 4-byte Adler-32 trailer around the deflate data.
std::string deflate(llvm::StringRef Contents) {
  if (Contents.empty() || !llvm::zlib::isAvailable())
    return "";
  llvm::SmallVector<char, 0> Zlib;
  if (llvm::Error E = llvm::zlib::compress(Contents, Zlib, llvm::zlib::DefaultCompression)) {
    llvm::consumeError(std::move(E));
    return "";
  }
  if (Zlib.size() < 6 || Zlib.size() - 6 >= Contents.size())
    return "";
  return std::string(Zlib.begin() + 2, Zlib.end() - 4);
}

} // namespace

void ZipWriter::write(llvm::StringRef Bytes) {
  Out << Bytes;
  Written += Bytes.size();
}

/// Version needed to extract ... file name length: the same in both headers.
void ZipWriter::putEntryFields(std::string &H, const Entry &E) {
  put16(H, VersionNeeded);
  put16(H, isAscii(E.Name) ? 0 : Utf8Names);
  put16(H, E.Method);
  put16(H, DosTime);
  put16(H, DosDate);
  put32(H, E.Crc);
  put32(H, E.CompressedSize);
  put32(H, E.Size);
  put16(H, static_cast<uint16_t>(E.Name.size()));
}

std::string ZipWriter::localHeader(const Entry &E) const {
  std::string H;
  put32(H, 0x04034b50);
  putEntryFields(H, E);
  put16(H, 0); // No extra field.
  return H + E.Name;
}

std::string ZipWriter::centralHeader(const Entry &E) const {
  std::string H;
  put32(H, 0x02014b50);
  put16(H, VersionMadeBy);
  putEntryFields(H, E);
  put16(H, 0); // Extra field.
  put16(H, 0); // Comment.
  put16(H, 0); // Disk number.
  put16(H, 0); // Internal attributes.
  put32(H, (RegularFile | (E.Executable ? 0755 : 0644)) << 16);
  put32(H, E.Offset);
  return H + E.Name;
}

void ZipWriter::add(llvm::StringRef Name, llvm::StringRef Contents, bool Executable) {
  std::string Deflated = deflate(Contents);
  bool Compress = !Deflated.empty();
  llvm::StringRef Data = Compress ? llvm::StringRef(Deflated) : Contents;
  Entry E{Name.str(),
          Compress ? MethodDeflated : MethodStored,
          llvm::crc32(llvm::arrayRefFromStringRef(Contents)),
          static_cast<uint32_t>(Data.size()),
          static_cast<uint32_t>(Contents.size()),
          static_cast<uint32_t>(Written),
          Executable};
  write(localHeader(E));
  write(Data);
  Entries.push_back(std::move(E));
}

void ZipWriter::finish() {
  uint64_t DirectoryStart = Written;
  for (const Entry &E : Entries)
    write(centralHeader(E));
  std::string End;
  put32(End, 0x06054b50);
  put16(End, 0); // This disk.
  put16(End, 0); // The disk the directory starts on.
  put16(End, static_cast<uint16_t>(Entries.size()));
  put16(End, static_cast<uint16_t>(Entries.size()));
  put32(End, static_cast<uint32_t>(Written - DirectoryStart));
  put32(End, static_cast<uint32_t>(DirectoryStart));
  put16(End, 0); // No comment.
  write(End);
}

} // namespace cfc::emit
