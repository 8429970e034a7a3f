// Diagnostic — one finding: a registered kind, a location, a message, and
// optional notes and fix-its. Plain data; printers live in DiagnosticPrinters.
#pragma once

#include "Basic/SourceRange.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace cfc {

enum class Severity { Error, Warning, Info };

namespace diag {
/// Every diagnostic kind, named as in DiagnosticKinds.def.
enum Kind : unsigned {
#define CFC_DIAG(Code, Name, Sev, Format) Name,
#include "Diagnostics/DiagnosticKinds.def"
#undef CFC_DIAG
  NumKinds
};

/// The registry entry of a kind.
struct KindInfo {
  unsigned Code;
  const char *Name;
  Severity DefaultSeverity;
  const char *Format;
};

const KindInfo &info(Kind K);
/// "CFC1008" for UnclosedDelimiter.
std::string codeString(Kind K);
/// All kinds, in registry order (for docs and coverage checks).
llvm::ArrayRef<KindInfo> allKinds();
} // namespace diag

/// A replacement that resolves the diagnostic: put Replacement over Range.
struct FixIt {
  std::string Message;
  FileId File = 0;
  SourceRange Range;
  std::string Replacement;
};

/// Related location, e.g. where an unclosed brace was opened.
struct Note {
  FileId File = 0;
  SourceRange Range;
  std::string Message;
};

struct Diagnostic {
  diag::Kind Kind;
  Severity Level;
  FileId File = 0; ///< 0 when the finding has no source location.
  SourceRange Range;
  std::string Message;
  std::vector<Note> Notes;
  /// Alternative fixes, best first.
  std::vector<FixIt> Fixes;
};

} // namespace cfc
