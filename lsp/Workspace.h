// Workspace — the documents the editor has open, and for each the result of
// running the compiler's front end over its current text: the AST, the
// semantic index, and the diagnostics of `cfc build`, up to lowering.
#pragma once

#include "lsp/Protocol.h"

#include "Frontend/Compilation.h"
#include "Sema/SemanticIndex.h"

#include <map>
#include <memory>
#include <string>

namespace cfc::lsp {

/// One document compiled as a stack of its own (with what it imports).
/// Immutable once built; replaced as a whole on the next edit.
struct ParsedDocument {
  std::string Uri;
  std::optional<int> Version;
  std::unique_ptr<Compilation> Comp;
  FileId Main = 0;
  const ast::File *Ast = nullptr; ///< The document's own AST.
  SemanticIndex Index;
  std::vector<cfc::Diagnostic> Diagnostics; ///< Sorted, every file.

  SourceManager &sources() const { return Comp->sources(); }
  llvm::StringRef text() const { return sources().text(Main); }
  /// Byte offset of an LSP position in the document (clamped).
  uint32_t offsetAt(Position P) const;
  Position position(FileId File, uint32_t Offset) const;
  Range range(FileId File, SourceRange R) const;
  /// The URI a client can open for File: the document's own URI, a file
  /// URI for files on disk, and for stdlib modules a copy written to a
  /// temporary folder (an editor cannot open the binary's text).
  std::string uriOf(FileId File) const;
  /// The AST of File (the document or a module it imports), or null.
  const ast::File *astOf(FileId File) const;

  /// Compiles Text: addSource, parse, and lower even after syntax errors
  /// (the checker treats unreadable parts as already reported).
  static std::shared_ptr<ParsedDocument> build(const std::string &Uri, std::string Text,
                                               std::optional<int> Version);
};

/// "file:///a/b%20c.cfn" -> "/a/b c.cfn"; other URIs are returned as they are.
std::string uriToPath(const std::string &Uri);
/// "/a/b c.cfn" -> "file:///a/b%20c.cfn".
std::string pathToUri(const std::string &Path);
/// The byte offset of a 0-based line and UTF-16 column in Text (clamped to
/// the line's end and to the text's end).
size_t offsetOfPosition(llvm::StringRef Text, Position P);

/// The open documents. Not thread-safe: the server serialises access.
class Workspace {
public:
  void open(const std::string &Uri, std::string Text, std::optional<int> Version);
  /// Applies didChange's edits in order; false (with Error) if the
  /// document is not open.
  bool change(const DidChangeTextDocumentParams &Params, std::string &Error);
  void close(const std::string &Uri);
  bool isOpen(const std::string &Uri) const { return Docs.count(Uri) != 0; }

  /// The compiled document, built now if its text changed since; null when
  /// the document is not open.
  std::shared_ptr<const ParsedDocument> get(const std::string &Uri);

private:
  struct Document {
    std::string Text;
    std::optional<int> Version;
    std::shared_ptr<const ParsedDocument> Built; ///< Null when stale.
  };
  std::map<std::string, Document> Docs;
};

} // namespace cfc::lsp
