// AssetWriter — reads each asset's files again, zips them and checks they
// still hash to the key the template was given.
#include "Emit/AssetWriter.h"
#include "Emit/ZipWriter.h"
#include "IR/AssetDigest.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace cfc::emit {

namespace fs = llvm::sys::fs;

std::string assetRootFor(llvm::StringRef TemplateFile) {
  if (TemplateFile.empty() || TemplateFile == "-")
    return "cfc.out";
  llvm::StringRef Folder = llvm::sys::path::parent_path(TemplateFile);
  return Folder.empty() ? "." : Folder.str();
}

namespace {

/// Zips A's files to Out; the key they hash to now, or the unreadable file's
/// error as "!name: message".
std::string zipTo(const ir::Asset &A, llvm::raw_ostream &Out) {
  ZipWriter Zip(Out);
  ir::AssetDigest Digest;
  for (const ir::AssetFile &F : A.Files) {
    auto Buffer = llvm::MemoryBuffer::getFile(F.Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return "!" + F.Name + ": " + Buffer.getError().message();
    Zip.add(F.Name, (*Buffer)->getBuffer(), F.Executable);
    Digest.addFile(F.Name, F.Executable, (*Buffer)->getBuffer());
  }
  Zip.finish();
  return Digest.key();
}

bool writeAsset(const ir::Asset &A, llvm::StringRef Root, DiagnosticEngine &Diags) {
  llvm::SmallString<256> Final(Root);
  llvm::sys::path::append(Final, A.Key);
  auto Fail = [&](const std::string &Why) {
    Diags.report(A.Where.File, A.Where.Range, diag::AssetWriteFailed, A.ShownPath, Final.str(), Why);
    return false;
  };
  if (std::error_code EC = fs::create_directories(llvm::sys::path::parent_path(Final)))
    return Fail(EC.message());
  llvm::Expected<fs::TempFile> Temp = fs::TempFile::create(Final + ".tmp-%%%%%%");
  if (!Temp)
    return Fail(llvm::toString(Temp.takeError()));
  std::string Key;
  {
    llvm::raw_fd_ostream Out(Temp->FD, /*shouldClose=*/false);
    Key = zipTo(A, Out);
    Out.flush();
    if (Out.has_error()) {
      std::string Why = Out.error().message();
      Out.clear_error();
      llvm::consumeError(Temp->discard());
      return Fail(Why);
    }
  }
  if (Key != A.Key) {
    llvm::consumeError(Temp->discard());
    if (Key.rfind("!", 0) == 0)
      return Fail("cannot read " + Key.substr(1));
    // The template already names the old content's key.
    Diags.report(A.Where.File, A.Where.Range, diag::AssetChanged, A.ShownPath);
    return false;
  }
  if (llvm::Error E = Temp->keep(Final))
    return Fail(llvm::toString(std::move(E)));
  return true;
}

} // namespace

std::string zipAsset(const ir::Asset &A) {
  std::string Bytes;
  llvm::raw_string_ostream Out(Bytes);
  std::string Key = zipTo(A, Out);
  Out.flush();
  return Key.rfind("!", 0) == 0 ? "" : Bytes;
}

bool writeAssets(const ir::Template &T, llvm::StringRef Root, DiagnosticEngine &Diags) {
  bool Ok = true;
  for (const ir::Asset &A : T.Assets)
    Ok &= writeAsset(A, Root, Diags);
  return Ok;
}

} // namespace cfc::emit
