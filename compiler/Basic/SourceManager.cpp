// SourceManager — buffers, line tables and column conversions.
#include "Basic/SourceManager.h"
#include "Basic/Ascii.h"

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
  // The manager's texts are kept in its home region, whichever work (the
  // lowering of an import) adds one.
  arena::AllocateIn InHome(Home);
  auto Buffer = readSourceFile(Path, MaxFileSize);
  if (!Buffer)
    return Buffer.getError();
  FileId Id = SM.AddNewSourceBuffer(std::move(*Buffer), llvm::SMLoc());
  LineStarts.resize(Id + 1);
  return Id;
}

FileId SourceManager::addBuffer(std::string Text, llvm::StringRef Name) {
  arena::AllocateIn InHome(Home);
  FileId Id = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Text, Name), llvm::SMLoc());
  LineStarts.resize(Id + 1);
  return Id;
}

void SourceManager::markLibrary(FileId File) {
  arena::AllocateIn InHome(Home);
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

namespace {

/// The length a UTF-8 lead byte announces (1 for ASCII and for bytes that
/// lead nothing: they count as one code unit each, as editors show them).
size_t sequenceLength(unsigned char C) {
  return C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 1;
}

} // namespace

const SourceManager::LineTable &SourceManager::lineTable(FileId File) const {
  LineTable &T = LineStarts[File];
  if (!T.Starts.empty())
    return T;
  llvm::StringRef Text = text(File);
  arena::AllocateIn InHome(Home);
  T.Starts.push_back(0);
  const char *Begin = Text.data(), *End = Begin + Text.size();
  for (const char *P = Begin; (P = static_cast<const char *>(std::memchr(P, '\n', End - P)));)
    T.Starts.push_back(static_cast<uint32_t>(++P - Begin));
  // Multi-byte sequences, walked line by line: a sequence cut by a line
  // break (invalid UTF-8) does not swallow the next line's start.
  WideChars &W = T.Wide;
  uint32_t Saved = 0;
  // An ASCII file (most are) has none: eight bytes checked at a time.
  for (size_t Line = isAscii(Text) ? T.Starts.size() : 0; Line < T.Starts.size(); ++Line) {
    size_t I = T.Starts[Line];
    size_t Stop = Line + 1 < T.Starts.size() ? T.Starts[Line + 1] - 1 : Text.size();
    while (I < Stop) {
      // Skip ASCII quickly: most text is.
      if (static_cast<unsigned char>(Text[I]) < 0x80) {
        ++I;
        continue;
      }
      size_t Len = sequenceLength(static_cast<unsigned char>(Text[I]));
      if (Len > 1) {
        uint8_t Units = Len == 4 ? 2 : 1;
        W.Begin.push_back(static_cast<uint32_t>(I));
        W.Bytes.push_back(static_cast<uint8_t>(Len));
        W.Units.push_back(Units);
        W.SavedBefore.push_back(Saved);
        Saved += static_cast<uint32_t>(Len) - Units;
      }
      I += Len;
    }
  }
  W.SavedBefore.push_back(Saved);
  return T;
}

uint32_t SourceManager::lineEnd(FileId File, unsigned Line) const {
  const auto &Starts = lineStarts(File);
  return Line + 1 < Starts.size() ? Starts[Line + 1] - 1 : static_cast<uint32_t>(text(File).size());
}

LineColumn SourceManager::lineColumn(FileId File, uint32_t Offset) const {
  const auto &Starts = lineStarts(File);
  Offset = std::min<uint32_t>(Offset, text(File).size());
  auto It = std::upper_bound(Starts.begin(), Starts.end(), Offset);
  unsigned Line = static_cast<unsigned>(It - Starts.begin());
  return {Line, Offset - Starts[Line - 1] + 1};
}

LineColumn SourceManager::lspPosition(FileId File, uint32_t Offset) const {
  LineColumn LC = lineColumn(File, Offset);
  const LineTable &T = lineTable(File);
  uint32_t LineStart = T.Starts[LC.Line - 1];
  Offset = std::min<uint32_t>(Offset, text(File).size());
  const WideChars &W = T.Wide;
  // The sequences of this line that start before Offset: [First, Last).
  size_t First = std::lower_bound(W.Begin.begin(), W.Begin.end(), LineStart) - W.Begin.begin();
  size_t Last = std::lower_bound(W.Begin.begin() + First, W.Begin.end(), Offset) - W.Begin.begin();
  if (First == Last)
    return {LC.Line - 1, Offset - LineStart};
  size_t K = Last - 1;
  if (W.Begin[K] + W.Bytes[K] <= Offset)
    return {LC.Line - 1, Offset - LineStart - (W.SavedBefore[Last] - W.SavedBefore[First])};
  // Offset is inside the sequence K: it counts whole, as the characters
  // before it do.
  return {LC.Line - 1,
          W.Begin[K] - LineStart - (W.SavedBefore[K] - W.SavedBefore[First]) + W.Units[K]};
}

uint32_t SourceManager::offsetOfLspPosition(FileId File, unsigned Line,
                                            unsigned Utf16Col) const {
  const LineTable &T = lineTable(File);
  if (Line >= T.Starts.size())
    return text(File).size();
  uint32_t LineStart = T.Starts[Line];
  uint32_t End = lineEnd(File, Line);
  const WideChars &W = T.Wide;
  size_t First = std::lower_bound(W.Begin.begin(), W.Begin.end(), LineStart) - W.Begin.begin();
  size_t Stop = std::lower_bound(W.Begin.begin() + First, W.Begin.end(), End) - W.Begin.begin();
  // The UTF-16 column where sequence J starts and ends: increasing in J.
  auto ColumnOf = [&](size_t J) {
    return W.Begin[J] - LineStart - (W.SavedBefore[J] - W.SavedBefore[First]);
  };
  // The sequences that end at or before the column: [First, After).
  size_t Lo = First, Hi = Stop;
  while (Lo < Hi) {
    size_t Mid = Lo + (Hi - Lo) / 2;
    if (ColumnOf(Mid) + W.Units[Mid] <= Utf16Col)
      Lo = Mid + 1;
    else
      Hi = Mid;
  }
  size_t After = Lo;
  uint64_t Offset;
  if (After < Stop && ColumnOf(After) < Utf16Col)
    Offset = uint64_t(W.Begin[After]) + W.Bytes[After]; // Inside a surrogate pair: after it.
  else if (After == First)
    Offset = uint64_t(LineStart) + Utf16Col;
  else
    Offset = uint64_t(W.Begin[After - 1]) + W.Bytes[After - 1] +
             (Utf16Col - (ColumnOf(After - 1) + W.Units[After - 1]));
  return static_cast<uint32_t>(std::min<uint64_t>(Offset, End));
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
