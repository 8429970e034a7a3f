// Bundle — runs esbuild on a Node.js asset folder (see Bundle.h). The
// bundle is written to stdout and kept by cfc, so that esbuild writes no
// path of this machine into it: names in the output and in an inline
// source map are relative to the folder, the working directory.
#include "Sema/Bundle.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SHA256.h"

namespace cfc::sema {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

/// How long esbuild may take: it bundles large apps in about a second.
constexpr unsigned BundleSeconds = 120;

/// esbuild's path, or "".
std::string findEsbuild(const std::string &Folder) {
  if (llvm::Optional<std::string> Set = llvm::sys::Process::GetEnv("CFC_ESBUILD")) {
    llvm::SmallString<256> Abs(*Set);
    fs::make_absolute(Abs);
    return fs::can_execute(Abs) ? Abs.str().str() : "";
  }
  llvm::SmallString<256> Dir(Folder);
  fs::make_absolute(Dir);
  for (llvm::StringRef D = Dir; !D.empty(); D = path::parent_path(D)) {
    llvm::SmallString<256> Candidate(D);
    path::append(Candidate, "node_modules", ".bin", "esbuild");
    if (fs::can_execute(Candidate))
      return Candidate.str().str();
  }
  llvm::ErrorOr<std::string> OnPath = llvm::sys::findProgramByName("esbuild");
  return OnPath ? *OnPath : "";
}

/// The entry to bundle, relative to Folder: the one asked for, else the
/// first of the usual names that exists; "" if none does.
std::string findEntry(const std::string &Folder, const std::string &Asked) {
  if (!Asked.empty()) {
    llvm::SmallString<256> P(Folder);
    path::append(P, Asked);
    return fs::is_regular_file(P) ? Asked : "";
  }
  for (const char *Name : {"index.ts", "index.mts", "index.js", "index.mjs", "index.cjs", "src/index.ts",
                           "src/index.js"}) {
    llvm::SmallString<256> P(Folder);
    path::append(P, Name);
    if (fs::is_regular_file(P))
      return Name;
  }
  return "";
}

/// A folder name for this request: the same files and options, the same bundle.
std::string bundleDirFor(const BundleRequest &R, const std::string &Entry, const std::string &Esbuild) {
  std::string Seed = R.Folder + '\0' + Entry + '\0' + (R.SourceMap ? "map" : "") + '\0' + R.Target + '\0' +
                     Esbuild + '\0' + R.Signature;
  auto Digest = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Seed));
  llvm::SmallString<256> Dir;
  path::system_temp_directory(/*ErasedOnReboot=*/true, Dir);
  path::append(Dir, "cfc-bundles", llvm::toHex(Digest, /*LowerCase=*/true).substr(0, 24));
  return Dir.str().str();
}

/// esbuild's first error line, for the diagnostic.
std::string firstError(const std::string &StderrFile) {
  auto Buffer = llvm::MemoryBuffer::getFile(StderrFile);
  if (!Buffer)
    return "";
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n', -1, false);
  for (llvm::StringRef L : Lines)
    if (L.contains("ERROR") || L.contains("error"))
      return L.trim().str();
  return Lines.empty() ? "" : Lines.front().trim().str();
}

} // namespace

BundleResult bundleWithEsbuild(const BundleRequest &R) {
  BundleResult Out;
  llvm::SmallString<256> PackageJson(R.Folder);
  path::append(PackageJson, "package.json");
  if (!fs::is_directory(R.Folder) || !fs::is_regular_file(PackageJson)) {
    Out.Problem = "bundling takes a folder with a package.json (its dependencies installed in node_modules)";
    return Out;
  }
  std::string Entry = findEntry(R.Folder, R.Entry);
  if (Entry.empty()) {
    Out.Problem = R.Entry.empty() ? "no entry found (index.ts, index.js, index.mjs or src/index.ts); name it with `entry`"
                                  : "the entry '" + R.Entry + "' is not a file of the folder";
    return Out;
  }
  std::string Esbuild = findEsbuild(R.Folder);
  llvm::ErrorOr<std::string> Env = llvm::sys::findProgramByName("env");
  if (Esbuild.empty() || !Env) {
    Out.BundlerMissing = true;
    return Out;
  }
  Out.OutDir = bundleDirFor(R, Entry, Esbuild);
  llvm::SmallString<256> Output(Out.OutDir);
  path::append(Output, path::stem(Entry) + ".js");
  if (fs::is_regular_file(Output))
    return Out; // Made before from the same files.

  llvm::SmallString<256> Work;
  if (std::error_code EC = fs::createUniqueDirectory("cfc-bundle", Work)) {
    Out.Problem = "cannot make a temporary folder: " + EC.message();
    return Out;
  }
  llvm::SmallString<256> Stdout(Work), Stderr(Work);
  path::append(Stdout, "out.js");
  path::append(Stderr, "err.txt");
  // `env -C` runs esbuild in the folder: the names it writes are relative to it.
  std::vector<std::string> Args = {*Env,          "-C",
                                   R.Folder,      Esbuild,
                                   Entry,         "--bundle",
                                   "--platform=node", "--format=cjs",
                                   "--target=" + R.Target, "--external:@aws-sdk/*",
                                   "--log-level=error", "--charset=utf8"};
  if (R.SourceMap)
    Args.push_back("--sourcemap=inline");
  std::vector<llvm::StringRef> ArgRefs(Args.begin(), Args.end());
  llvm::Optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Stdout),
                                                 llvm::StringRef(Stderr)};
  std::string ErrMsg;
  int Rc = llvm::sys::ExecuteAndWait(*Env, ArgRefs, llvm::None, Redirects, BundleSeconds, 0, &ErrMsg);
  if (Rc != 0) {
    std::string Why = firstError(Stderr.str().str());
    Out.Problem = "esbuild failed" + (Why.empty() ? (ErrMsg.empty() ? "" : ": " + ErrMsg) : ": " + Why);
    fs::remove_directories(Work);
    return Out;
  }
  // Moved into place whole, so a bundle that exists is complete.
  std::error_code EC = fs::create_directories(Out.OutDir);
  if (!EC)
    EC = fs::rename(Stdout, Output);
  fs::remove_directories(Work);
  if (EC)
    Out.Problem = "cannot keep the bundle in '" + Out.OutDir + "': " + EC.message();
  return Out;
}

} // namespace cfc::sema
