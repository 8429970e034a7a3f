// SourceManager — buffers, line tables and column conversions.
#include "Basic/SourceManager.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cfc {

const std::error_category &fileErrorCategory() {
  struct Category : std::error_category {
    const char *name() const noexcept override { return "cfc file"; }
    std::string message(int E) const override {
      switch (static_cast<FileError>(E)) {
      case FileError::NotRegular:
        return "not a regular file (a FIFO, a device or a socket)";
      case FileError::TooLarge:
        return "file too large";
      }
      return "unknown error";
    }
  };
  static const Category C;
  return C;
}

llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> readSourceFile(llvm::StringRef Path, uint64_t MaxBytes) {
  // Non-blocking: opening a FIFO for reading would otherwise wait for a
  // writer, forever. What is not a regular file is refused before reading.
  int Fd = ::open(Path.str().c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (Fd < 0)
    return std::error_code(errno, std::generic_category());
  struct Closer {
    int Fd;
    ~Closer() { ::close(Fd); }
  } Close{Fd};
  struct stat St;
  if (::fstat(Fd, &St) != 0)
    return std::error_code(errno, std::generic_category());
  if (S_ISDIR(St.st_mode))
    return std::make_error_code(std::errc::is_a_directory);
  if (!S_ISREG(St.st_mode))
    return FileError::NotRegular;
  // The size stat gives is a hint only (/proc files say 0; a file may grow
  // while it is read): the read itself stops one byte past the limit.
  std::string Data;
  Data.reserve(std::min<uint64_t>(static_cast<uint64_t>(std::max<off_t>(St.st_size, 0)), MaxBytes) + 1);
  char Chunk[65536];
  while (Data.size() <= MaxBytes) {
    size_t Want = std::min<uint64_t>(sizeof Chunk, MaxBytes + 1 - Data.size());
    ssize_t Got = ::read(Fd, Chunk, Want);
    if (Got < 0 && errno == EINTR)
      continue;
    if (Got < 0)
      return std::error_code(errno, std::generic_category());
    if (Got == 0)
      break;
    Data.append(Chunk, static_cast<size_t>(Got));
  }
  if (Data.size() > MaxBytes)
    return FileError::TooLarge;
  return llvm::MemoryBuffer::getMemBufferCopy(Data, Path);
}

llvm::ErrorOr<FileId> SourceManager::addFile(llvm::StringRef Path) {
  auto Buffer = readSourceFile(Path, MaxFileSize);
  if (!Buffer)
    return Buffer.getError();
  FileId Id = SM.AddNewSourceBuffer(std::move(*Buffer), llvm::SMLoc());
  LineStarts.resize(Id + 1);
  return Id;
}

FileId SourceManager::addBuffer(std::string Text, llvm::StringRef Name) {
  FileId Id = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Text, Name), llvm::SMLoc());
  LineStarts.resize(Id + 1);
  return Id;
}

void SourceManager::markLibrary(FileId File) {
  if (Library.size() <= File)
    Library.resize(File + 1);
  Library[File] = true;
}

llvm::StringRef SourceManager::text(FileId File) const {
  return SM.getMemoryBuffer(File)->getBuffer();
}

llvm::StringRef SourceManager::name(FileId File) const {
  return SM.getMemoryBuffer(File)->getBufferIdentifier();
}

const std::vector<uint32_t> &SourceManager::lineStarts(FileId File) const {
  std::vector<uint32_t> &Starts = LineStarts[File];
  if (!Starts.empty())
    return Starts;
  llvm::StringRef Text = text(File);
  Starts.push_back(0);
  const char *Begin = Text.data(), *End = Begin + Text.size();
  for (const char *P = Begin; (P = static_cast<const char *>(std::memchr(P, '\n', End - P)));)
    Starts.push_back(static_cast<uint32_t>(++P - Begin));
  return Starts;
}

LineColumn SourceManager::lineColumn(FileId File, uint32_t Offset) const {
  const auto &Starts = lineStarts(File);
  Offset = std::min<uint32_t>(Offset, text(File).size());
  auto It = std::upper_bound(Starts.begin(), Starts.end(), Offset);
  unsigned Line = static_cast<unsigned>(It - Starts.begin());
  return {Line, Offset - Starts[Line - 1] + 1};
}

/// UTF-16 code units taken by the UTF-8 text [Begin, End).
static unsigned utf16Length(llvm::StringRef Text) {
  unsigned Units = 0;
  for (size_t I = 0; I < Text.size();) {
    unsigned char C = Text[I];
    size_t Len = C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 1;
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  return Units;
}

LineColumn SourceManager::lspPosition(FileId File, uint32_t Offset) const {
  LineColumn LC = lineColumn(File, Offset);
  const auto &Starts = lineStarts(File);
  uint32_t LineStart = Starts[LC.Line - 1];
  llvm::StringRef Text = text(File);
  Offset = std::min<uint32_t>(Offset, Text.size());
  return {LC.Line - 1, utf16Length(Text.slice(LineStart, Offset))};
}

uint32_t SourceManager::offsetOfLspPosition(FileId File, unsigned Line,
                                            unsigned Utf16Col) const {
  const auto &Starts = lineStarts(File);
  llvm::StringRef Text = text(File);
  if (Line >= Starts.size())
    return Text.size();
  uint32_t Offset = Starts[Line];
  unsigned Units = 0;
  while (Offset < Text.size() && Text[Offset] != '\n' && Units < Utf16Col) {
    unsigned char C = Text[Offset];
    size_t Len = C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 1;
    Units += Len == 4 ? 2 : 1;
    Offset += std::min<size_t>(Len, Text.size() - Offset);
  }
  return Offset;
}

llvm::StringRef SourceManager::lineText(FileId File, uint32_t Offset) const {
  LineColumn LC = lineColumn(File, Offset);
  const auto &Starts = lineStarts(File);
  llvm::StringRef Text = text(File);
  uint32_t Begin = Starts[LC.Line - 1];
  uint32_t End = LC.Line < Starts.size() ? Starts[LC.Line] : Text.size();
  return Text.slice(Begin, End).rtrim("\r\n");
}

llvm::SMLoc SourceManager::toSMLoc(FileId File, uint32_t Offset) const {
  llvm::StringRef Text = text(File);
  Offset = std::min<uint32_t>(Offset, Text.size());
  return llvm::SMLoc::getFromPointer(Text.data() + Offset);
}

} // namespace cfc
