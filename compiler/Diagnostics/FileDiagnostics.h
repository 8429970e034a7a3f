// FileDiagnostics — one way to say that a file could not be read: too
// large (CFC0002, also when stat did not tell: a /proc file, a file that
// grew), or any other reason (CFC0001: missing, a folder, a FIFO, a device).
#pragma once

#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"

#include <string>
#include <system_error>

namespace cfc {

/// Reports why SourceManager::addFile (or readSourceFile with
/// SourceManager::MaxFileSize) refused Path, at Range of File (0: none).
inline void reportUnreadable(DiagnosticEngine &Diags, llvm::StringRef Path, std::error_code EC,
                             FileId File = 0, SourceRange Range = {}) {
  if (EC == make_error_code(FileError::TooLarge))
    Diags.report(File, Range, diag::FileTooLarge, Path.str(),
                 "more than " + std::to_string(SourceManager::MaxFileSize), SourceManager::MaxFileSize);
  else
    Diags.report(File, Range, diag::CannotReadFile, Path.str(), EC.message());
}

} // namespace cfc
