// Workspace — open documents, their edits, and compiling them with the
// compiler's own front end, together with the other files of their folder.
#include "lsp/Workspace.h"

#include "Lint/Lint.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cfc::lsp {

std::string uriToPath(const std::string &Uri) {
  if (Uri.rfind("file://", 0) != 0)
    return Uri;
  std::string Path;
  for (size_t I = 7; I < Uri.size(); ++I) {
    if (Uri[I] == '%' && I + 2 < Uri.size() && std::isxdigit(static_cast<unsigned char>(Uri[I + 1])) &&
        std::isxdigit(static_cast<unsigned char>(Uri[I + 2]))) {
      Path += static_cast<char>(std::stoi(Uri.substr(I + 1, 2), nullptr, 16));
      I += 2;
    } else {
      Path += Uri[I];
    }
  }
  return Path;
}

std::string pathToUri(const std::string &Path) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Uri = "file://";
  for (unsigned char C : Path) {
    if (std::isalnum(C) || C == '/' || C == '-' || C == '_' || C == '.' || C == '~')
      Uri += static_cast<char>(C);
    else {
      Uri += '%';
      Uri += Hex[C >> 4];
      Uri += Hex[C & 15];
    }
  }
  return Uri;
}

size_t offsetOfPosition(llvm::StringRef Text, Position P) {
  size_t Offset = 0;
  for (unsigned Line = 0; Line < P.line; ++Line) {
    size_t Break = Text.find('\n', Offset);
    if (Break == llvm::StringRef::npos)
      return Text.size();
    Offset = Break + 1;
  }
  // Walk UTF-16 code units: a 4-byte UTF-8 sequence is two of them.
  unsigned Units = 0;
  while (Offset < Text.size() && Text[Offset] != '\n' && Units < P.character) {
    unsigned char C = Text[Offset];
    size_t Len = C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 1;
    Units += Len == 4 ? 2 : 1;
    Offset = std::min(Text.size(), Offset + Len);
  }
  return Offset;
}

uint32_t ParsedDocument::offsetAt(Position P) const {
  // The line table's index, not a scan: a request on a long line must not
  // walk it.
  return sources().offsetOfLspPosition(Main, P.line, P.character);
}

Position ParsedDocument::position(FileId File, uint32_t Offset) const {
  LineColumn LC = sources().lspPosition(File, Offset);
  return {LC.Line, LC.Column};
}

Range ParsedDocument::range(FileId File, SourceRange R) const {
  return {position(File, R.Begin), position(File, R.End)};
}

std::string ParsedDocument::uriOf(FileId File) const {
  if (File == Main || File == 0)
    return Uri;
  std::string Name = sources().name(File).str();
  if (Name.rfind("std/", 0) == 0) {
    // Stdlib modules live in the binary; write a copy an editor can show.
    std::error_code EC;
    std::filesystem::path Dir = std::filesystem::temp_directory_path(EC) / "cfc-lsp-stdlib";
    std::filesystem::create_directories(Dir, EC);
    std::filesystem::path Copy = Dir / Name.substr(4);
    std::string Text = sources().text(File).str();
    std::ifstream Old(Copy, std::ios::binary);
    std::stringstream Existing;
    Existing << Old.rdbuf();
    if (!Old || Existing.str() != Text)
      std::ofstream(Copy, std::ios::binary | std::ios::trunc) << Text;
    return pathToUri(Copy.string());
  }
  return pathToUri(Name);
}

const ast::File *ParsedDocument::astOf(FileId File) const {
  if (File == Main)
    return Ast;
  for (const auto &F : Comp->files())
    if (F->Id == File)
      return F.get();
  for (const auto &[Import, M] : Modules)
    if (M && M->Id == File)
      return M;
  return nullptr;
}

const ast::File *ParsedDocument::module(const ast::ImportDecl &I) const {
  auto It = Modules.find(&I);
  return It == Modules.end() ? nullptr : It->second;
}

std::shared_ptr<ParsedDocument> ParsedDocument::view(const std::string &ViewUri, FileId File,
                                                     std::optional<int> ViewVersion) const {
  auto V = std::make_shared<ParsedDocument>(*this);
  V->Uri = ViewUri;
  V->Version = ViewVersion;
  V->Main = File;
  V->Ast = astOf(File);
  // The other files of the stack and those of them open, seen from File.
  std::string Path = sources().name(File).str(), MainPath = sources().name(Main).str();
  std::replace(V->StackFiles.begin(), V->StackFiles.end(), Path, MainPath);
  std::sort(V->StackFiles.begin(), V->StackFiles.end());
  V->OpenFiles.erase(File);
  V->OpenFiles.insert(Main);
  std::replace(V->ReadFiles.begin(), V->ReadFiles.end(), Path, MainPath);
  std::sort(V->ReadFiles.begin(), V->ReadFiles.end());
  return V;
}

std::shared_ptr<ParsedDocument> ParsedDocument::build(const std::string &Uri, std::string Text,
                                                      std::optional<int> Version) {
  AnalysisInput In;
  In.Uri = Uri;
  In.Version = Version;
  In.Text = std::move(Text);
  In.WithFolder = false;
  return analyse(In, nullptr);
}

// ---- analysing ---------------------------------------------------------------------

namespace {

bool isFileUri(const std::string &Uri) { return Uri.rfind("file://", 0) == 0; }

std::string folderOf(const std::string &Path) { return llvm::sys::path::parent_path(Path).str(); }

/// The .cfn files in Folder, sorted (the order `cfc build FOLDER` uses).
std::vector<std::string> cfnFilesIn(const std::string &Folder) {
  std::vector<std::string> Found;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Folder, EC), End; It != End && !EC; It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".cfn" &&
        It->type() != llvm::sys::fs::file_type::directory_file)
      Found.push_back(It->path());
  std::sort(Found.begin(), Found.end());
  return Found;
}

/// The stack's files in order: the folder's .cfn files and the document
/// (which need not be saved yet), or the document alone.
std::vector<std::string> stackOf(const AnalysisInput &In, const std::string &Path, bool Hermetic) {
  std::vector<std::string> Files;
  // Hermetic compilations (the fuzzers') read nothing from the disk.
  if (In.WithFolder && isFileUri(In.Uri) && !Hermetic)
    Files = cfnFilesIn(folderOf(Path));
  if (!std::binary_search(Files.begin(), Files.end(), Path))
    Files.insert(std::upper_bound(Files.begin(), Files.end(), Path), Path);
  return Files;
}

} // namespace

std::shared_ptr<ParsedDocument> analyse(const AnalysisInput &In,
                                        const std::shared_ptr<ParseCache> &Cache) {
  auto Doc = std::make_shared<ParsedDocument>();
  Doc->Uri = In.Uri;
  Doc->Version = In.Version;
  Doc->Generation = In.Generation;
  Doc->Comp = std::make_shared<Compilation>();
  Compilation &C = *Doc->Comp;
  C.setParseCache(Cache);
  C.setOpenFiles(In.OpenFiles);
  std::string Path = uriToPath(In.Uri);
  for (const std::string &File : stackOf(In, Path, C.hermetic())) {
    if (File == Path) {
      // Whole, even over the size limit: the parser refuses it with the
      // CLI's diagnostic (CFC0002) rather than report errors at a cut.
      Doc->Main = C.addSource(In.Text, Path);
      continue;
    }
    Doc->StackFiles.push_back(File);
    const std::string *OpenText = nullptr;
    if (In.OpenFiles)
      if (auto Open = In.OpenFiles->find(File); Open != In.OpenFiles->end())
        OpenText = &Open->second;
    if (OpenText)
      Doc->OpenFiles.insert(C.addSource(*OpenText, File));
    else
      C.addPath(File); // Reports a file it cannot read.
  }
  C.parse();
  for (const auto &F : C.files())
    if (F->Id == Doc->Main)
      Doc->Ast = F.get();
  LowerOptions Opts;
  Opts.Index = &Doc->Index;
  auto Lowered = std::make_shared<Compilation::Lowered>(C.lower(Opts));
  // `cfc check`'s security rules judge a stack that lowered cleanly, and
  // its suppression comments apply, as in CI.
  if (In.SecurityFindings && !C.diagnostics().hasErrors())
    lint::checkSecurity(Lowered->Template, C.diagnostics());
  Doc->Lowered = std::move(Lowered);
  Doc->Diagnostics = lint::withoutSuppressed(C.diagnostics().sorted(), C.files(), C.sources());
  // Lowering loaded every import; load() now answers from its cache.
  for (const auto &F : C.files())
    for (const ast::Decl *D : F->Decls)
      if (auto *I = llvm::dyn_cast_or_null<ast::ImportDecl>(D))
        Doc->Modules[I] = C.load(*I, F->Id);
  // Line tables are built on first use; build them now, while the document
  // has one owner, so that threads reading it later only read.
  for (FileId F = 1; F <= C.sources().fileCount(); ++F) {
    C.sources().lineColumn(F, 0);
    llvm::StringRef Name = C.sources().name(F);
    if (F != Doc->Main && !Name.startswith("std/"))
      Doc->ReadFiles.push_back(Name.str());
  }
  std::sort(Doc->ReadFiles.begin(), Doc->ReadFiles.end());
  Doc->ReadFiles.erase(std::unique(Doc->ReadFiles.begin(), Doc->ReadFiles.end()), Doc->ReadFiles.end());
  // Every import is loaded: the open texts are not read again. An analysis
  // kept must not hold the snapshot of its day, or documents opened one by
  // one would keep a snapshot each.
  C.setOpenFiles(nullptr);
  return Doc;
}

// ---- text deltas -------------------------------------------------------------------

TextDelta TextDelta::between(llvm::StringRef Old, llvm::StringRef New) {
  size_t Common = std::min(Old.size(), New.size());
  size_t Prefix = 0;
  while (Prefix < Common && Old[Prefix] == New[Prefix])
    ++Prefix;
  size_t Suffix = 0;
  while (Suffix < Common - Prefix && Old[Old.size() - 1 - Suffix] == New[New.size() - 1 - Suffix])
    ++Suffix;
  TextDelta D;
  D.Begin = static_cast<uint32_t>(Prefix);
  D.OldEnd = static_cast<uint32_t>(Old.size() - Suffix);
  D.NewEnd = static_cast<uint32_t>(New.size() - Suffix);
  return D;
}

std::optional<SourceRange> TextDelta::toOld(SourceRange R) const {
  if (unchanged())
    return R;
  if (R.End < Begin)
    return R;
  if (R.Begin > NewEnd)
    return SourceRange{R.Begin - NewEnd + OldEnd, R.End - NewEnd + OldEnd};
  return std::nullopt;
}

uint32_t TextDelta::toOldClamped(uint32_t Offset) const {
  if (Offset <= Begin)
    return Offset;
  if (Offset >= NewEnd)
    return Offset - NewEnd + OldEnd;
  return Begin;
}

// ---- the open documents ------------------------------------------------------------

std::vector<std::string> Workspace::touch(const std::string &Uri) {
  ++Generation;
  OpenTexts = nullptr; // A text changed, or a document opened or closed.
  std::string Path = uriToPath(Uri);
  std::string Folder = isFileUri(Uri) ? folderOf(Path) : "";
  std::vector<std::string> Stale;
  for (auto &[Other, D] : Docs) {
    // The same folder counts even before Other has an analysis: one being
    // made may have copied Path's text before this change.
    bool Reads = Other == Uri || (!Folder.empty() && D.Folder == Folder) ||
                 (D.Analysis && std::binary_search(D.Analysis->ReadFiles.begin(),
                                                   D.Analysis->ReadFiles.end(), Path));
    if (!Reads)
      continue;
    D.Changed = Generation;
    Stale.push_back(Other);
  }
  return Stale; // Sorted: Docs is.
}

std::vector<std::string> Workspace::open(const std::string &Uri, std::string Text,
                                         std::optional<int> Version) {
  Document &D = Docs[Uri];
  if (isFileUri(Uri)) {
    D.Path = uriToPath(Uri);
    D.Folder = folderOf(D.Path);
  }
  D.Text = std::move(Text);
  D.Version = Version;
  D.Analysis = nullptr;
  D.OutOfSync.clear();
  std::vector<std::string> Stale = touch(Uri);
  D.Opened = Generation;
  return Stale;
}

std::optional<std::vector<std::string>> Workspace::change(const DidChangeTextDocumentParams &Params,
                                                          std::string &Error) {
  auto It = Docs.find(Params.uri);
  if (It == Docs.end()) {
    Error = "document not open: " + Params.uri;
    return std::nullopt;
  }
  Document &D = It->second;
  for (const TextDocumentContentChangeEvent &C : Params.contentChanges) {
    if (!C.range) {
      D.Text = C.text;
      D.OutOfSync.clear(); // The editor's whole text: in step again.
      continue;
    }
    if (!D.OutOfSync.empty())
      continue; // Positions in a text the server does not have.
    // A column past a line's end means its end (LSP says so); a line past
    // the last one means the editor's text has more lines than ours.
    size_t Lines = static_cast<size_t>(std::count(D.Text.begin(), D.Text.end(), '\n')) + 1;
    if (C.range->start.line >= Lines || C.range->end.line >= Lines) {
      D.OutOfSync = "an edit at line " + std::to_string(std::max(C.range->start.line, C.range->end.line) + 1) +
                    " of a text of " + std::to_string(Lines) + " lines";
      Error = D.OutOfSync;
      continue;
    }
    size_t Begin = offsetOfPosition(D.Text, C.range->start);
    size_t End = std::max(Begin, offsetOfPosition(D.Text, C.range->end));
    D.Text.replace(Begin, End - Begin, C.text);
  }
  D.Version = Params.version;
  return touch(Params.uri);
}

std::vector<std::string> Workspace::close(const std::string &Uri) {
  Docs.erase(Uri);
  // The documents that read its buffer read the file on disk from now on.
  std::vector<std::string> Stale = touch(Uri);
  // Keep parsed files only for folders that still have an open document
  // (and the standard library, which every stack may import).
  std::set<std::string> Folders;
  for (const auto &[Open, D] : Docs)
    Folders.insert(folderOf(uriToPath(Open)));
  Cache->forget([&](llvm::StringRef Name) {
    return !Name.startswith("std/") && !Folders.count(folderOf(Name.str()));
  });
  return Stale;
}

std::vector<std::string> Workspace::changedOnDisk(const std::vector<std::string> &Uris) {
  std::set<std::string> Stale;
  for (const std::string &Uri : Uris) {
    if (Docs.count(Uri))
      continue; // The buffer is what counts.
    for (std::string &S : touch(Uri))
      Stale.insert(std::move(S));
  }
  return {Stale.begin(), Stale.end()};
}

std::vector<std::string> Workspace::setSecurityFindings(bool On) {
  if (On == SecurityFindings)
    return {};
  SecurityFindings = On;
  ++Generation;
  std::vector<std::string> All;
  for (auto &[Uri, D] : Docs) {
    D.Changed = Generation;
    All.push_back(Uri);
  }
  return All;
}

std::string Workspace::outOfSync(const std::string &Uri) const {
  auto It = Docs.find(Uri);
  return It == Docs.end() ? "" : It->second.OutOfSync;
}

void Workspace::markOutOfSync(const std::string &Uri, const std::string &Why) {
  if (auto It = Docs.find(Uri); It != Docs.end())
    It->second.OutOfSync = Why;
}

std::vector<std::shared_ptr<const ParsedDocument>> Workspace::viewsOf(const ParsedDocument &Doc) const {
  std::vector<std::shared_ptr<const ParsedDocument>> Views;
  if (!isFileUri(Doc.Uri))
    return Views;
  // The stack's files compiled from open buffers (a module imported by
  // path was one too, but it belongs to another stack), by path.
  std::map<std::string, FileId> Compiled;
  for (FileId File : Doc.OpenFiles) {
    std::string Path = Doc.sources().name(File).str();
    if (std::binary_search(Doc.StackFiles.begin(), Doc.StackFiles.end(), Path))
      Compiled[Path] = File;
  }
  if (Compiled.empty())
    return Views; // A stack of one open document: the common case.
  for (const auto &[Uri, D] : Docs) { // In URI order.
    if (Uri == Doc.Uri || D.Path.empty())
      continue;
    auto It = Compiled.find(D.Path);
    // Only a buffer compiled as it is now, in step with its editor.
    if (It == Compiled.end() || D.Changed > Doc.Generation || D.Opened > Doc.Generation ||
        !D.OutOfSync.empty() || Doc.sources().text(It->second) != D.Text)
      continue;
    Views.push_back(Doc.view(Uri, It->second, D.Version));
  }
  return Views;
}

std::optional<Workspace::Snapshot> Workspace::snapshot(const std::string &Uri) const {
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return std::nullopt;
  return Snapshot{It->second.Text, It->second.Version, It->second.Analysis};
}

std::vector<std::shared_ptr<const ParsedDocument>> Workspace::analyses() const {
  std::vector<std::shared_ptr<const ParsedDocument>> Result;
  for (const auto &[Uri, D] : Docs)
    if (D.Analysis)
      Result.push_back(D.Analysis);
  return Result;
}

std::shared_ptr<const ParsedDocument> Workspace::current(const std::string &Uri) const {
  auto It = Docs.find(Uri);
  if (It == Docs.end() || !It->second.Analysis || It->second.Analysis->Generation < It->second.Changed)
    return nullptr;
  return It->second.Analysis;
}

std::optional<AnalysisInput> Workspace::prepare(const std::string &Uri) const {
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return std::nullopt;
  AnalysisInput In;
  In.Uri = Uri;
  In.Version = It->second.Version;
  In.Generation = Generation;
  In.Text = It->second.Text;
  In.SecurityFindings = SecurityFindings;
  if (isFileUri(Uri)) {
    if (!OpenTexts) {
      auto Texts = std::make_shared<Compilation::OpenTexts>();
      for (const auto &[Open, D] : Docs)
        if (!D.Path.empty())
          Texts->emplace(D.Path, D.Text);
      OpenTexts = std::move(Texts);
    }
    In.OpenFiles = OpenTexts;
  }
  return In;
}

bool Workspace::install(std::shared_ptr<const ParsedDocument> Doc) {
  auto It = Docs.find(Doc->Uri);
  if (It == Docs.end())
    return false; // Closed while it was being analysed.
  Document &D = It->second;
  if (Doc->Generation < D.Opened || (D.Analysis && D.Analysis->Generation > Doc->Generation))
    return false; // Of the text before a close and open, or older than the one kept.
  D.Analysis = std::move(Doc);
  return true;
}

std::shared_ptr<const ParsedDocument> Workspace::get(const std::string &Uri) {
  if (auto Current = current(Uri))
    return Current;
  std::optional<AnalysisInput> In = prepare(Uri);
  if (!In)
    return nullptr;
  std::shared_ptr<const ParsedDocument> Doc = analyse(*In, Cache);
  install(Doc);
  return Doc;
}

} // namespace cfc::lsp
