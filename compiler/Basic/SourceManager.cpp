// SourceManager — buffers, line tables and column conversions.
#include "Basic/SourceManager.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <cstring>

namespace cfc {

llvm::ErrorOr<FileId> SourceManager::addFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
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
  arena::AllocateIn InHome(Home);
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
