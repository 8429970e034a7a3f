// FmtCommand — `cfc fmt [--check] PATH...`: rewrites .cfn files in the
// canonical layout (compiler/Format), or with --check names those that are
// not in it. A file with syntax errors, or one the formatter cannot lay out
// safely (CFC7001), is left untouched and its diagnostics printed.
#include "Driver/Commands.h"

#include "Diagnostics/FileDiagnostics.h"
#include "Diagnostics/DiagnosticPrinters.h"
#include "Format/Format.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace cfc::driver {

/// Path itself if it is a file, else every .cfn file below the folder.
/// Links to folders are not followed: one pointing up the tree (`sub/up ->
/// ..`) made the walk endless, and it took all the memory.
static std::vector<std::string> sourcesIn(const std::string &Path) {
  if (!llvm::sys::fs::is_directory(Path))
    return {Path};
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Path, EC, /*follow_symlinks=*/false), End;
       It != End && !EC; It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".cfn" &&
        !llvm::sys::fs::is_directory(It->path()))
      Files.push_back(It->path());
  std::sort(Files.begin(), Files.end());
  return Files;
}

static bool writeFile(const std::string &Path, llvm::StringRef Text, DiagnosticEngine &Diags) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (!EC) {
    OS << Text;
    OS.close();
    EC = OS.error();
  }
  if (EC)
    Diags.report(0, {}, diag::CannotReadFile, Path, EC.message());
  return !EC;
}

/// Formats one file; false if it could not be (diagnostics in Diags), and
/// Differs says whether its layout is not the canonical one.
static bool formatOne(const std::string &Path, const FmtOptions &Opts, SourceManager &SM,
                      DiagnosticEngine &Diags, bool &Differs) {
  llvm::ErrorOr<FileId> File = SM.addFile(Path);
  if (!File) {
    reportUnreadable(Diags, Path, File.getError());
    return false;
  }
  format::FormatOptions FO;
  FO.BreakVerification = Opts.BreakVerification;
  std::optional<std::string> Text = format::formatFile(SM, *File, Diags, FO);
  if (!Text)
    return false;
  Differs = *Text != SM.text(*File);
  if (!Differs || Opts.Check)
    return true;
  return writeFile(Path, *Text, Diags);
}

int runFmt(const FmtOptions &Opts) {
  SourceManager SM;
  DiagnosticEngine Diags;
  bool Failed = false, AnyDiffers = false;
  for (const std::string &Path : Opts.Paths) {
    std::vector<std::string> Files = sourcesIn(Path);
    if (Files.empty())
      Diags.report(0, {}, diag::NoSourceFiles, Path);
    for (const std::string &File : Files) {
      bool Differs = false;
      if (!formatOne(File, Opts, SM, Diags, Differs))
        Failed = true;
      if (Differs && Opts.Check)
        llvm::outs() << File << "\n";
      AnyDiffers |= Differs;
    }
  }
  bool Colors = llvm::errs().has_colors();
  for (const Diagnostic &D : Diags.sorted())
    printText(D, SM, llvm::errs(), Colors);
  return Failed || Diags.hasErrors() || (Opts.Check && AnyDiffers) ? InputErrors : Success;
}

} // namespace cfc::driver
