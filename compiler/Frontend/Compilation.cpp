// Compilation — loading sources and running the phases over them.
#include "Frontend/Compilation.h"

#include "Diagnostics/FileDiagnostics.h"
#include "Catalog/Catalog.h"
#include "Frontend/Stdlib.h"
#include "IR/Limits.h"
#include "IR/References.h"
#include "Frontend/Acknowledgements.h"
#include "Rules/Rules.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace cfc {

void Compilation::addPath(llvm::StringRef Path) {
  if (!llvm::sys::fs::is_directory(Path)) {
    uint64_t Size = 0;
    if (!llvm::sys::fs::file_size(Path, Size) && Size > SourceManager::MaxFileSize) {
      Diags.report(0, {}, diag::FileTooLarge, Path, Size, SourceManager::MaxFileSize);
      return;
    }
    auto Id = SM.addFile(Path);
    if (!Id) {
      reportUnreadable(Diags, Path, Id.getError());
      return;
    }
    Pending.push_back(*Id);
    return;
  }
  std::vector<std::string> Found;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Path, EC), End; It != End && !EC; It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".cfn")
      Found.push_back(It->path());
  if (EC) {
    Diags.report(0, {}, diag::CannotReadFile, Path, EC.message());
    return;
  }
  if (Found.empty()) {
    Diags.report(0, {}, diag::NoSourceFiles, Path);
    return;
  }
  std::sort(Found.begin(), Found.end());
  for (const std::string &File : Found)
    addPath(File);
}

FileId Compilation::addSource(std::string Text, llvm::StringRef Name) {
  FileId Id = SM.addBuffer(std::move(Text), Name);
  Pending.push_back(Id);
  return Id;
}

void Compilation::parse() {
  for (FileId Id : Pending)
    Files.push_back(parseCached(Id));
  Pending.clear();
}

std::shared_ptr<ast::File> Compilation::parseCached(FileId Id) {
  if (!Cache)
    return parseFile(SM, Id, Diags, ParseOpts);
  llvm::StringRef Name = SM.name(Id), Text = SM.text(Id);
  if (auto Hit = Cache->find(Name, Id, Text)) {
    for (const Diagnostic &D : Hit->Diagnostics)
      Diags.replay(D);
    return Hit->Ast;
  }
  // A new file reports only into itself, so what parsing adds is its own.
  size_t Before = Diags.diagnostics().size();
  auto Entry = std::make_shared<ParseCache::Entry>();
  Entry->Text = Text.str();
  Entry->Ast = parseFile(SM, Id, Diags, ParseOpts);
  Entry->Diagnostics.assign(Diags.diagnostics().begin() + Before, Diags.diagnostics().end());
  Cache->store(Name, Id, Entry);
  return Entry->Ast;
}

std::vector<const ast::File *> Compilation::loadAll(const ast::ImportDecl &Import, FileId From) {
  std::string Key;
  std::string Text;
  std::string Name;
  if (!Import.Module.empty()) {
    std::string Dotted;
    for (const ast::Identifier &Part : Import.Module)
      Dotted += (Dotted.empty() ? "" : ".") + Part.Name;
    std::vector<std::string> Known;
    const StdlibModule *Found = nullptr;
    for (const StdlibModule &M : stdlibModules()) {
      Known.push_back(std::string("std.") + M.Name);
      if (Dotted == Known.back())
        Found = &M;
    }
    // A module that exists only in CFC_STDLIB_PATH (being written).
    std::string FreshName = Dotted.rfind("std.", 0) == 0 ? Dotted.substr(4) : "";
    StdlibModule Fresh{FreshName.c_str(), ""};
    if (!Found && !FreshName.empty() && !Hermetic)
      if (const char *Dir = std::getenv("CFC_STDLIB_PATH"))
        if (llvm::sys::fs::exists(std::string(Dir) + "/" + FreshName + ".cfn"))
          Found = &Fresh;
    if (!Found) {
      std::string List;
      for (const std::string &K : Known)
        List += (List.empty() ? "" : ", ") + K;
      Diags.report(From, Import.PathRange, diag::UnknownModule, Dotted,
                   "; the standard library has " + List + ", and other files are imported by path (import \"./file.cfn\")");
      return {};
    }
    Key = Dotted;
    Text = Found->Source;
    Name = std::string("std/") + Found->Name + ".cfn";
    // For working on the standard library: read it from a folder instead
    // of the copy built into the binary.
    if (const char *Dir = Hermetic ? nullptr : std::getenv("CFC_STDLIB_PATH")) {
      llvm::SmallString<256> Path(Dir);
      llvm::sys::path::append(Path, std::string(Found->Name) + ".cfn");
      if (auto Buffer = readSourceFile(Path, SourceManager::MaxFileSize)) {
        Text = (*Buffer)->getBuffer().str();
        Name = Path.str().str();
      }
    }
  } else {
    llvm::SmallString<256> Path(llvm::sys::path::parent_path(SM.name(From)));
    llvm::sys::path::append(Path, Import.Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Key = Name = Path.str().str();
  }
  auto Files = [&](const std::vector<std::shared_ptr<ast::File>> &Owned) {
    std::vector<const ast::File *> Result;
    for (const auto &F : Owned)
      Result.push_back(F.get());
    return Result;
  };
  if (auto It = Modules.find(Key); It != Modules.end())
    return Files(It->second);
  std::vector<std::shared_ptr<ast::File>> Parsed;
  if (!Import.Module.empty()) {
    Parsed.push_back(parseModuleFile(Name, std::move(Text), Import, From));
  } else if (Hermetic) {
    Diags.report(From, Import.PathRange, diag::CannotReadFile, Name,
                 "this compilation is hermetic: importing files and folders is turned off");
  } else if (llvm::sys::fs::is_directory(Name)) {
    // A folder is one module of all its .cfn files, in name order.
    std::vector<std::string> Found;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Name, EC), End; It != End && !EC; It.increment(EC))
      if (llvm::sys::path::extension(It->path()) == ".cfn")
        Found.push_back(It->path());
    std::sort(Found.begin(), Found.end());
    if (Found.empty())
      Diags.report(From, Import.PathRange, diag::NoSourceFiles, Name);
    for (const std::string &File : Found)
      Parsed.push_back(parseModuleFile(File, "", Import, From));
  } else {
    Parsed.push_back(parseModuleFile(Name, "", Import, From));
  }
  Parsed.erase(std::remove(Parsed.begin(), Parsed.end(), nullptr), Parsed.end());
  auto &Slot = Modules[Key];
  Slot = std::move(Parsed);
  return Files(Slot);
}

std::shared_ptr<ast::File> Compilation::parseModuleFile(const std::string &Name, std::string Text,
                                                        const ast::ImportDecl &Import, FileId From) {
  FileId Id;
  const std::string *OpenText = nullptr;
  if (OpenFiles && Text.empty())
    if (auto Open = OpenFiles->find(Name); Open != OpenFiles->end())
      OpenText = &Open->second;
  if (OpenText) {
    Id = SM.addBuffer(*OpenText, Name);
  } else if (Text.empty() && Name.rfind("std/", 0) != 0) {
    auto Loaded = SM.addFile(Name);
    if (!Loaded) {
      reportUnreadable(Diags, Name, Loaded.getError(), From, Import.PathRange);
      return nullptr;
    }
    Id = *Loaded;
  } else {
    Id = SM.addBuffer(std::move(Text), Name);
  }
  // A standard-library module (embedded or from CFC_STDLIB_PATH) is code the
  // user cannot change: its diagnostics are relocated to the user's code.
  if (!Import.Module.empty())
    SM.markLibrary(Id);
  return parseCached(Id);
}

Compilation::Lowered Compilation::lower(const LowerOptions &Opts) {
  std::vector<const ast::File *> Parsed;
  for (const auto &F : Files)
    Parsed.push_back(F.get());
  Lowered Result;
  Diags.setAcknowledger(acknowledgements(Files, SM));
  LowerOptions WithModules = Opts;
  WithModules.Modules = this;
  WithModules.ReadAssets = Opts.ReadAssets && !Hermetic; // asset() reads files too.
  Result.Template = cfc::lower(Parsed, SM, Diags, &catalog::Catalog::builtin(), WithModules);
  if (Diags.hasErrors())
    return Result;
  // Names written in raw(...) and @attributes(...) resolve before the graph
  // is drawn, which skips what it cannot find.
  if (!ir::checkReferences(Result.Template, &catalog::Catalog::builtin(), &SM, Diags))
    return Result;
  Result.Graph = ir::buildGraph(Result.Template, Diags);
  ir::checkConditionalReferences(Result.Template, Diags);
  ir::checkLimits(Result.Template, Diags);
  rules::checkServiceRules(Result.Template, Opts.Region, Diags);
  return Result;
}

} // namespace cfc
