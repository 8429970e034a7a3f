// Compilation — loading sources and running the phases over them.
#include "Frontend/Compilation.h"

#include "llvm/Support/FileSystem.h"
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
      Diags.report(0, {}, diag::CannotReadFile, Path, Id.getError().message());
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
    Files.push_back(parseFile(SM, Id, Diags, ParseOpts));
  Pending.clear();
}

} // namespace cfc
