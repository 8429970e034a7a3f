// Workspace — the documents the editor has open, and for each the result of
// running the compiler's front end over its stack: the AST, the semantic
// index, and the diagnostics of `cfc build`, up to lowering.
//
// Texts and analyses are kept apart. An edit only changes the text (cheap,
// on the thread that reads messages); analysing is slow (parsing and
// lowering a 400-resource file takes ~80 ms) and runs in three steps so
// that the slow one holds no lock: prepare() copies the inputs, analyse()
// compiles them, install() keeps the result if it is the newest. Completion
// reads the current text together with the last analysis, which may be of
// an older text (see TextDelta).
#pragma once

#include "lsp/Protocol.h"

#include "Frontend/Compilation.h"
#include "Sema/SemanticIndex.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cfc::lsp {

class Bindings;

/// One document compiled with its stack: for a file URI, every .cfn file
/// of its folder (what `cfc build FOLDER` compiles, open documents read
/// from the editor's buffers), else the document alone; and what they
/// import. Immutable once built, so several threads may read it at once.
struct ParsedDocument {
  ParsedDocument() : SharedIndex(std::make_shared<SemanticIndex>()), Index(*SharedIndex) {}
  ParsedDocument(const ParsedDocument &) = default;

  std::string Uri;
  std::optional<int> Version;
  /// The workspace's generation when the inputs were copied: the analysis
  /// is current until one of them changes after it.
  uint64_t Generation = 0;
  /// Shared by the views of one stack's analysis (see view()).
  std::shared_ptr<Compilation> Comp;
  FileId Main = 0;
  const ast::File *Ast = nullptr; ///< The document's own AST.
  std::shared_ptr<SemanticIndex> SharedIndex;
  SemanticIndex &Index; ///< *SharedIndex: every file of the stack.
  /// What lowering made (null for a document compiled alone). Kept with the
  /// analysis rather than freed inside analyse(): freeing a large stack's
  /// template is a good part of an analysis, and is better done after the
  /// diagnostics are out (when a later analysis replaces this one).
  std::shared_ptr<const Compilation::Lowered> Lowered;
  std::vector<cfc::Diagnostic> Diagnostics; ///< Sorted, every file.
  /// The other files of the stack, by path, and those of them that came
  /// from other open documents (each publishes its own diagnostics).
  std::vector<std::string> StackFiles;
  std::set<FileId> OpenFiles;
  /// Every file the analysis read besides the document (the stack's and
  /// the modules imported by path), sorted: a change to one of them makes
  /// the analysis stale.
  std::vector<std::string> ReadFiles;
  /// What each import of the stack's files loaded (the first file of a
  /// folder module); filled while building, so reading needs no Compilation
  /// call (Compilation::load may report and cache, i.e. write).
  std::map<const ast::ImportDecl *, const ast::File *> Modules;

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
  /// The AST of File (a file of the stack or a module it imports), or null.
  const ast::File *astOf(FileId File) const;
  /// The file an import loaded, or null when it could not be loaded.
  const ast::File *module(const ast::ImportDecl &I) const;
  /// The scope walk of features/Bindings.h, made on first use and kept:
  /// highlights, code lenses and refactorings ask it on every request.
  /// Defined in Bindings.cpp.
  const Bindings &bindings() const;
  /// Made once per document: a view (below) is another document of the
  /// stack, with scopes of its own, so a copy starts with none made.
  struct LazyBindings {
    std::once_flag Once;
    std::shared_ptr<const Bindings> Made;
    LazyBindings() = default;
    LazyBindings(const LazyBindings &) {}
    LazyBindings &operator=(const LazyBindings &) { return *this; }
  };
  mutable LazyBindings BindingsCache;

  /// The same analysis seen from File, another open document of the stack
  /// it compiled (opened as Uri, at Version): a stack compiles the same
  /// whichever of its files is the document, so one analysis after an edit
  /// serves every open file of the stack, with no compile of its own.
  std::shared_ptr<ParsedDocument> view(const std::string &Uri, FileId File,
                                       std::optional<int> Version) const;

  /// Compiles Text alone (no other file of its folder): addSource, parse,
  /// and lower even after syntax errors (the checker treats unreadable
  /// parts as already reported).
  static std::shared_ptr<ParsedDocument> build(const std::string &Uri, std::string Text,
                                               std::optional<int> Version);
};

/// What analysing a document reads, copied so that the compiling can run
/// while the editor goes on changing the documents.
struct AnalysisInput {
  std::string Uri;
  std::optional<int> Version;
  uint64_t Generation = 0;
  std::string Text;
  /// Compile the other .cfn files of the document's folder with it.
  bool WithFolder = true;
  /// The open documents by path (this one's too): their texts replace the
  /// files on disk, for the files of the folder and for modules imported
  /// by path. One snapshot shared by every analysis made while no text
  /// changes (Workspace::OpenTexts); null: none.
  std::shared_ptr<const Compilation::OpenTexts> OpenFiles;
  /// Run `cfc check`'s security rules (CFC8xxx) on a stack that lowers
  /// cleanly, as CI does; a client setting turns them off.
  bool SecurityFindings = true;
};

/// Compiles In. Files whose ASTs Cache holds (unchanged siblings, modules)
/// are not parsed again. Touches no Workspace: safe to run unlocked.
std::shared_ptr<ParsedDocument> analyse(const AnalysisInput &In,
                                        const std::shared_ptr<ParseCache> &Cache);

/// Where a text differs from an older version of it, as one span found
/// from their common prefix and suffix: [Begin, OldEnd) in the old text
/// became [Begin, NewEnd) in the new one. Maps positions of the new text
/// into the old one, so that an analysis of the old text still answers for
/// everything the edit did not touch.
struct TextDelta {
  uint32_t Begin = 0, OldEnd = 0, NewEnd = 0;

  static TextDelta between(llvm::StringRef Old, llvm::StringRef New);
  /// R (in the new text) in the old text, or nullopt when R touches the
  /// changed span (touching counts: typing right after a word changes it).
  std::optional<SourceRange> toOld(SourceRange R) const;
  /// An offset of the new text in the old one; offsets inside the changed
  /// span go to its start.
  uint32_t toOldClamped(uint32_t Offset) const;
  /// Whether R (in the old text) touches the changed span.
  bool touchesOld(SourceRange R) const {
    return !unchanged() && R.Begin <= OldEnd && R.End >= Begin;
  }
  /// Whether R (in the new text) touches the changed span.
  bool touchesNew(SourceRange R) const {
    return !unchanged() && R.Begin <= NewEnd && R.End >= Begin;
  }
  bool unchanged() const { return Begin == OldEnd && Begin == NewEnd; }
};

/// "file:///a/b%20c.cfn" -> "/a/b c.cfn"; other URIs are returned as they are.
std::string uriToPath(const std::string &Uri);
/// "/a/b c.cfn" -> "file:///a/b%20c.cfn".
std::string pathToUri(const std::string &Path);
/// The byte offset of a 0-based line and UTF-16 column in Text (clamped to
/// the line's end and to the text's end).
size_t offsetOfPosition(llvm::StringRef Text, Position P);

/// The open documents: their texts, and their last analyses. Not
/// thread-safe: the server serialises access (analyse() needs no lock).
class Workspace {
public:
  /// open, change and close return the documents whose analysis the
  /// change makes stale, sorted: the document itself (not after close) and
  /// the open documents whose stack reads its file.
  std::vector<std::string> open(const std::string &Uri, std::string Text, std::optional<int> Version);
  /// Applies didChange's edits in order; nullopt (with Error) if the
  /// document is not open. An edit that cannot be the editor's (it starts
  /// past the last line) marks the document out of sync (see outOfSync());
  /// a change without a range, the whole text, brings it back.
  std::optional<std::vector<std::string>> change(const DidChangeTextDocumentParams &Params,
                                                 std::string &Error);
  std::vector<std::string> close(const std::string &Uri);
  bool isOpen(const std::string &Uri) const { return Docs.count(Uri) != 0; }

  /// Files changed on disk (a checkout, a generator): the open documents
  /// whose analysis read one of them, sorted. An open document's own file
  /// is its editor's buffer, so its change on disk changes nothing.
  std::vector<std::string> changedOnDisk(const std::vector<std::string> &Uris);
  /// Whether analyses run the security rules; every open document when
  /// that changes.
  std::vector<std::string> setSecurityFindings(bool On);
  bool securityFindings() const { return SecurityFindings; }

  /// Why the server's text of the document is no longer the editor's (a
  /// change that could not be applied), or empty while they agree. Until
  /// the editor sends the whole text again (a change without a range, or
  /// didOpen), the server publishes nothing for it and answers no request
  /// on it.
  std::string outOfSync(const std::string &Uri) const;
  void markOutOfSync(const std::string &Uri, const std::string &Why);

  /// Views (ParsedDocument::view) of Doc's analysis for the other open
  /// documents of its stack whose inputs it has, in URI order: installed,
  /// they make those documents current without compiling them again.
  std::vector<std::shared_ptr<const ParsedDocument>> viewsOf(const ParsedDocument &Doc) const;

  /// What completion reads: the current text and the last analysis, which
  /// may be of an older text, or null when none has been made yet.
  struct Snapshot {
    std::string Text;
    std::optional<int> Version;
    std::shared_ptr<const ParsedDocument> Analysis;
  };
  std::optional<Snapshot> snapshot(const std::string &Uri) const;

  /// The analysis of the document's current inputs; null when it has none
  /// or its inputs changed since (or it is not open).
  std::shared_ptr<const ParsedDocument> current(const std::string &Uri) const;
  /// The last analysis of every open document (current or not), by URI.
  std::vector<std::shared_ptr<const ParsedDocument>> analyses() const;
  /// The inputs of analysing the document now; nullopt when it is not open.
  std::optional<AnalysisInput> prepare(const std::string &Uri) const;
  /// Keeps Doc as its document's analysis unless the document was closed or
  /// keeps a newer one. True when kept.
  bool install(std::shared_ptr<const ParsedDocument> Doc);
  /// The document's last analysis, current or not (null when none).
  std::shared_ptr<const ParsedDocument> lastAnalysis(const std::string &Uri) const {
    auto It = Docs.find(Uri);
    return It == Docs.end() ? nullptr : It->second.Analysis;
  }
  /// Shared by every analysis, so an edit re-parses the edited file only.
  const std::shared_ptr<ParseCache> &parseCache() const { return Cache; }

  /// For one thread (tests, the synchronous server): current(), or
  /// analysed and installed now.
  std::shared_ptr<const ParsedDocument> get(const std::string &Uri);

private:
  struct Document {
    std::string Text;
    std::optional<int> Version;
    uint64_t Changed = 0; ///< The generation of the last change of an input.
    uint64_t Opened = 0;  ///< The generation of didOpen: older analyses are of another life.
    std::shared_ptr<const ParsedDocument> Analysis;
    std::string OutOfSync; ///< See outOfSync().
    /// For a file URI, its path and folder (else empty): made once at open,
    /// since every change compares them with each open document.
    std::string Path, Folder;
  };
  /// Starts a new generation in which Uri's file changed: marks the open
  /// documents that read it (and Uri itself, if open); returns them, sorted.
  std::vector<std::string> touch(const std::string &Uri);

  std::map<std::string, Document> Docs;
  /// The open file documents' texts by path, as prepare() hands them to
  /// analyses: made again only after a text changed (touch() drops it), so
  /// that n open documents cost one copy of their texts, not one per
  /// analysis kept (10,000 open documents took gigabytes). Under the
  /// server's lock, like everything here.
  mutable std::shared_ptr<const Compilation::OpenTexts> OpenTexts;
  uint64_t Generation = 0;
  bool SecurityFindings = true;
  std::shared_ptr<ParseCache> Cache = std::make_shared<ParseCache>();
};

} // namespace cfc::lsp
