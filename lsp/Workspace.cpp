// Workspace — open documents, their edits, and compiling them with the
// compiler's own front end.
#include "lsp/Workspace.h"

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
  return static_cast<uint32_t>(offsetOfPosition(text(), P));
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
  // A module: find the import that loaded it (load() answers from its cache).
  for (const ast::Decl *D : Ast->Decls)
    if (auto *I = llvm::dyn_cast<ast::ImportDecl>(D))
      if (const ast::File *M = Comp->load(*I, Main); M && M->Id == File)
        return M;
  return nullptr;
}

std::shared_ptr<ParsedDocument> ParsedDocument::build(const std::string &Uri, std::string Text,
                                                      std::optional<int> Version) {
  auto Doc = std::make_shared<ParsedDocument>();
  Doc->Uri = Uri;
  Doc->Version = Version;
  Doc->Comp = std::make_unique<Compilation>();
  if (Text.size() > SourceManager::MaxFileSize)
    Text.resize(SourceManager::MaxFileSize); // The CLI refuses it; keep what an editor shows.
  Doc->Main = Doc->Comp->addSource(std::move(Text), uriToPath(Uri));
  Doc->Comp->parse();
  Doc->Ast = Doc->Comp->files().front().get();
  LowerOptions Opts;
  Opts.Index = &Doc->Index;
  Doc->Comp->lower(Opts);
  Doc->Diagnostics = Doc->Comp->diagnostics().sorted();
  return Doc;
}

void Workspace::open(const std::string &Uri, std::string Text, std::optional<int> Version) {
  Docs[Uri] = {std::move(Text), Version, nullptr};
}

bool Workspace::change(const DidChangeTextDocumentParams &Params, std::string &Error) {
  auto It = Docs.find(Params.uri);
  if (It == Docs.end()) {
    Error = "document not open: " + Params.uri;
    return false;
  }
  Document &D = It->second;
  for (const TextDocumentContentChangeEvent &C : Params.contentChanges) {
    if (!C.range) {
      D.Text = C.text;
      continue;
    }
    size_t Begin = offsetOfPosition(D.Text, C.range->start);
    size_t End = std::max(Begin, offsetOfPosition(D.Text, C.range->end));
    D.Text.replace(Begin, End - Begin, C.text);
  }
  D.Version = Params.version;
  D.Built = nullptr;
  return true;
}

void Workspace::close(const std::string &Uri) { Docs.erase(Uri); }

std::shared_ptr<const ParsedDocument> Workspace::get(const std::string &Uri) {
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return nullptr;
  if (!It->second.Built)
    It->second.Built = ParsedDocument::build(Uri, It->second.Text, It->second.Version);
  return It->second.Built;
}

} // namespace cfc::lsp
