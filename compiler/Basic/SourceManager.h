// SourceManager — owns every source text of a compilation and answers
// "where is byte N" in lines and columns (bytes for the CLI, UTF-16 code
// units for the language server). Wraps llvm::SourceMgr, which owns the
// buffers.
#pragma once

#include "Basic/ArenaScope.h"
#include "Basic/SourceRange.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ErrorOr.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace cfc {

/// Why readSourceFile refused a file (as a std::error_code, so callers that
/// print `message()` say it).
enum class FileError {
  NotRegular = 1, ///< A FIFO, a device, a socket: reading it may block or never end.
  TooLarge,       ///< More bytes than the limit, whatever stat said.
};
const std::error_category &fileErrorCategory();
inline std::error_code make_error_code(FileError E) { return {static_cast<int>(E), fileErrorCategory()}; }

/// The contents of the regular file at Path, at most MaxBytes of it: a
/// FIFO, a device (/dev/zero) or a socket is refused without reading or
/// blocking (it is opened non-blocking), a folder is is_a_directory, and
/// a file that turns out longer than MaxBytes (a size stat did not tell)
/// is FileError::TooLarge after reading MaxBytes + 1 bytes.
llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> readSourceFile(llvm::StringRef Path, uint64_t MaxBytes);

/// A 1-based line and a 1-based column.
struct LineColumn {
  unsigned Line = 0;
  unsigned Column = 0;
};

class SourceManager {
public:
  /// Files larger than this are refused before lexing: no real stack comes
  /// near it (a whole CloudFormation template may be 1 MB), and it keeps a
  /// pasted log or binary from eating the machine (the parse tree costs
  /// about 250 bytes of memory per source byte).
  static constexpr uint64_t MaxFileSize = 2u << 20;

  /// Adds a file read from disk (readSourceFile, at most MaxFileSize
  /// bytes), or says why it cannot be read.
  llvm::ErrorOr<FileId> addFile(llvm::StringRef Path);
  /// Adds text under a name (a path or an editor URI).
  FileId addBuffer(std::string Text, llvm::StringRef Name);

  llvm::StringRef text(FileId File) const;
  llvm::StringRef name(FileId File) const;
  unsigned fileCount() const { return SM.getNumBuffers(); }

  /// Line and byte column of an offset (clamped to the end of the file).
  LineColumn lineColumn(FileId File, uint32_t Offset) const;
  /// Line and UTF-16 column (both 0-based, as the LSP wants them).
  LineColumn lspPosition(FileId File, uint32_t Offset) const;
  /// The byte offset of a 0-based LSP line and UTF-16 column.
  uint32_t offsetOfLspPosition(FileId File, unsigned Line, unsigned Utf16Col) const;
  /// The text of the line holding Offset, without its line break.
  llvm::StringRef lineText(FileId File, uint32_t Offset) const;

  /// Marks a file as library code (a standard-library module): the user
  /// cannot change it, so diagnostics inside it are relocated to the user's
  /// code that reached it (see Sema's component frames).
  void markLibrary(FileId File);
  bool isLibrary(FileId File) const { return File < Library.size() && Library[File]; }

  llvm::SMLoc toSMLoc(FileId File, uint32_t Offset) const;
  llvm::SourceMgr &llvmSourceMgr() { return SM; }
  const llvm::SourceMgr &llvmSourceMgr() const { return SM; }

private:
  /// Where a file's byte columns and UTF-16 columns part: its multi-byte
  /// UTF-8 sequences, in order, each with the bytes minus the UTF-16 code
  /// units of all sequences before it. A column is then a binary search
  /// away, however long the line: the language server converts every
  /// token of a 350 KB one-line list, which a scan of the line per token
  /// made quadratic (seconds). Empty for ASCII text.
  struct WideChars {
    std::vector<uint32_t> Begin;
    std::vector<uint8_t> Bytes, Units;
    std::vector<uint32_t> SavedBefore; ///< One more entry than Begin: the total last.
  };
  struct LineTable {
    std::vector<uint32_t> Starts; ///< Start offset of every line.
    WideChars Wide;
  };
  /// Built on first use per file.
  const LineTable &lineTable(FileId File) const;
  const std::vector<uint32_t> &lineStarts(FileId File) const { return lineTable(File).Starts; }
  /// The end of the line starting at Starts[Line] (its '\n', or the text's end).
  uint32_t lineEnd(FileId File, unsigned Line) const;

  llvm::SourceMgr SM;
  mutable std::vector<LineTable> LineStarts;
  /// The arena region the manager was made in (Basic/ArenaScope.h): line
  /// starts are kept there, whichever work (a parse) first asks for them.
  arena::Region *Home = arena::Current;
  std::vector<bool> Library;
};

} // namespace cfc

template <> struct std::is_error_code_enum<cfc::FileError> : std::true_type {};
