// DiagnosticEngine — the registry table and the collection of findings.
#include "Diagnostics/DiagnosticEngine.h"

#include "llvm/ADT/Hashing.h"

#include <algorithm>
#include <cstdint>

namespace cfc::diag {

static const KindInfo Registry[] = {
#define CFC_DIAG(Code, Name, Sev, Format) {Code, #Name, Severity::Sev, Format},
#include "Diagnostics/DiagnosticKinds.def"
#undef CFC_DIAG
};

const KindInfo &info(Kind K) { return Registry[K]; }

std::string codeString(Kind K) {
  return llvm::formatv("CFC{0:d4}", info(K).Code).str();
}

llvm::ArrayRef<KindInfo> allKinds() { return Registry; }

} // namespace cfc::diag

namespace cfc {

Diagnostic *DiagnosticBuilder::get() {
  return Index == SIZE_MAX ? nullptr : &Engine->Diags[Index];
}

// Strings reported are copied, not moved, into the engine's own region:
// they may have been made in the region of a parse tree.

DiagnosticBuilder &DiagnosticBuilder::note(FileId File, SourceRange Range, std::string Message) {
  arena::AllocateIn InHome(Engine->Home);
  if (Diagnostic *D = get())
    D->Notes.push_back({File, Range, std::string(Message)});
  return *this;
}

DiagnosticBuilder &DiagnosticBuilder::fix(std::string Message, SourceRange Range,
                                          std::string Replacement) {
  arena::AllocateIn InHome(Engine->Home);
  if (Diagnostic *D = Relocated ? nullptr : get())
    D->Fixes.push_back({std::string(Message), D->File, Range, std::string(Replacement)});
  return *this;
}

size_t DiagnosticEngine::findingHash(const Diagnostic &D) {
  return llvm::hash_combine(static_cast<unsigned>(D.Kind), D.File, D.Range.Begin, D.Range.End,
                            llvm::hash_value(D.Message));
}

void DiagnosticEngine::replay(const Diagnostic &D) {
  // Counted as add() counted it; the limit and the duplicate check were
  // applied when it was first reported.
  arena::AllocateIn InHome(Home);
  if (D.Level == Severity::Error) {
    if (ErrorsPerFile.size() <= D.File)
      ErrorsPerFile.resize(D.File + 1);
    ++ErrorsPerFile[D.File];
    ++Errors;
  }
  ByFinding.emplace(findingHash(D), Diags.size());
  Diags.push_back(D);
}

DiagnosticBuilder DiagnosticEngine::add(FileId File, SourceRange Range, diag::Kind Kind,
                                        std::string Message) {
  arena::AllocateIn InHome(Home);
  Severity Level = diag::info(Kind).DefaultSeverity;
  Diagnostic New{Kind, Level, File, Range, std::string(Message), {}, {}};
  bool Moved = Relocate && Relocate(New);
  // The same finding twice (a mistake inside a component, met once per
  // instance) is said once.
  size_t Hash = findingHash(New);
  for (auto [It, End] = ByFinding.equal_range(Hash); It != End; ++It) {
    const Diagnostic &D = Diags[It->second];
    if (D.Kind == Kind && D.File == New.File && D.Range == New.Range && D.Message == New.Message)
      return DiagnosticBuilder(*this, SIZE_MAX);
  }
  File = New.File;
  Range = New.Range;
  if (Level == Severity::Error && Acknowledge && Acknowledge(New))
    New.Level = Level = Severity::Warning;
  if (Level == Severity::Error) {
    if (ErrorsPerFile.size() <= File)
      ErrorsPerFile.resize(File + 1);
    unsigned &InFile = ErrorsPerFile[File];
    if (InFile > MaxErrorsPerFile)
      return DiagnosticBuilder(*this, SIZE_MAX);
    if (InFile++ == MaxErrorsPerFile) {
      ++Errors;
      Diags.push_back({diag::TooManyErrors, Severity::Error, File, Range,
                       llvm::formatv(diag::info(diag::TooManyErrors).Format,
                                     MaxErrorsPerFile).str(), {}, {}});
      return DiagnosticBuilder(*this, SIZE_MAX);
    }
    ++Errors;
  }
  ByFinding.emplace(Hash, Diags.size());
  Diags.push_back(std::move(New));
  return DiagnosticBuilder(*this, Diags.size() - 1, Moved);
}

std::vector<Diagnostic> DiagnosticEngine::sorted() const {
  std::vector<Diagnostic> Result = Diags;
  std::stable_sort(Result.begin(), Result.end(), [](const Diagnostic &A, const Diagnostic &B) {
    if (A.File != B.File)
      return A.File < B.File;
    return A.Range.Begin < B.Range.Begin;
  });
  return Result;
}

} // namespace cfc
