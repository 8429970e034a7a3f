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

#include <string>
#include <vector>

namespace cfc {

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

  /// Adds a file read from disk, or says why it cannot be read.
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
  /// Start offset of every line, built on first use per file.
  const std::vector<uint32_t> &lineStarts(FileId File) const;

  llvm::SourceMgr SM;
  mutable std::vector<std::vector<uint32_t>> LineStarts;
  /// The arena region the manager was made in (Basic/ArenaScope.h): line
  /// starts are kept there, whichever work (a parse) first asks for them.
  arena::Region *Home = arena::Current;
  std::vector<bool> Library;
};

} // namespace cfc
