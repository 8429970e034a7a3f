// DiagnosticPrinters — text through llvm::SourceMgr, JSON through nlohmann.
#include "Diagnostics/DiagnosticPrinters.h"

#include "llvm/Support/SourceMgr.h"

namespace cfc {

const char *severityName(Severity Level) {
  switch (Level) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Info:
    return "info";
  }
  return "error";
}

/// SourceMgr knows error, warning, note and remark; "info" is printed as a
/// label of our own so that people read the word the docs use.
static llvm::SourceMgr::DiagKind llvmKind(Severity Level) {
  switch (Level) {
  case Severity::Error:
    return llvm::SourceMgr::DK_Error;
  case Severity::Warning:
    return llvm::SourceMgr::DK_Warning;
  case Severity::Info:
    return llvm::SourceMgr::DK_Remark;
  }
  return llvm::SourceMgr::DK_Error;
}

/// The range to underline: at least one column, and only its first line
/// (SourceMgr draws ranges on the caret's line only).
static llvm::SMRange caretRange(const SourceManager &SM, FileId File, SourceRange R) {
  llvm::StringRef Line = SM.lineText(File, R.Begin);
  uint32_t LineEnd = static_cast<uint32_t>(Line.end() - SM.text(File).begin());
  uint32_t End = std::min(R.End, LineEnd);
  if (End <= R.Begin)
    End = R.Begin + 1;
  return {SM.toSMLoc(File, R.Begin), SM.toSMLoc(File, End)};
}

static void printOne(const SourceManager &SM, llvm::raw_ostream &OS, bool Colors,
                     FileId File, SourceRange Range, llvm::SourceMgr::DiagKind Kind,
                     const std::string &Message, llvm::ArrayRef<FixIt> Fixes,
                     bool InfoLabel) {
  const llvm::SourceMgr &LSM = SM.llvmSourceMgr();
  if (File == 0) {
    llvm::SMDiagnostic Diag("cfc", Kind, Message);
    Diag.print(nullptr, OS, Colors, /*ShowKindLabel=*/!InfoLabel);
    return;
  }
  std::vector<llvm::SMFixIt> LLVMFixes;
  // Deletions show no text under the caret line; JSON and the LSP carry them.
  for (const FixIt &F : Fixes)
    if (F.File == File && !F.Replacement.empty())
      LLVMFixes.emplace_back(
          llvm::SMRange(SM.toSMLoc(File, F.Range.Begin), SM.toSMLoc(File, F.Range.End)),
          F.Replacement);
  llvm::SMDiagnostic Diag =
      LSM.GetMessage(SM.toSMLoc(File, Range.Begin), Kind,
                     InfoLabel ? "info: " + Message : Message,
                     {caretRange(SM, File, Range)}, LLVMFixes);
  Diag.print(nullptr, OS, Colors, /*ShowKindLabel=*/!InfoLabel);
}

void printText(const Diagnostic &D, const SourceManager &SM, llvm::raw_ostream &OS,
               bool Colors) {
  std::string Message = D.Message + " [" + diag::codeString(D.Kind) + "]";
  printOne(SM, OS, Colors, D.File, D.Range, llvmKind(D.Level), Message, D.Fixes,
           D.Level == Severity::Info);
  for (const Note &N : D.Notes)
    printOne(SM, OS, Colors, N.File, N.Range, llvm::SourceMgr::DK_Note, N.Message, {},
             false);
}

static void addPosition(nlohmann::ordered_json &J, const SourceManager &SM, FileId File,
                        SourceRange Range) {
  LineColumn Begin = SM.lineColumn(File, Range.Begin);
  LineColumn End = SM.lineColumn(File, Range.End);
  J["line"] = Begin.Line;
  J["column"] = Begin.Column;
  J["endLine"] = End.Line;
  J["endColumn"] = End.Column;
}

nlohmann::ordered_json toJson(const Diagnostic &D, const SourceManager &SM) {
  nlohmann::ordered_json J;
  J["file"] = D.File ? SM.name(D.File).str() : std::string();
  if (D.File)
    addPosition(J, SM, D.File, D.Range);
  J["severity"] = severityName(D.Level);
  J["code"] = diag::codeString(D.Kind);
  J["message"] = D.Message;
  J["fixes"] = nlohmann::ordered_json::array();
  for (const FixIt &F : D.Fixes) {
    nlohmann::ordered_json Fix;
    Fix["message"] = F.Message;
    addPosition(Fix, SM, F.File, F.Range);
    Fix["replacement"] = F.Replacement;
    J["fixes"].push_back(std::move(Fix));
  }
  J["notes"] = nlohmann::ordered_json::array();
  for (const Note &N : D.Notes) {
    nlohmann::ordered_json Note;
    Note["file"] = N.File ? SM.name(N.File).str() : std::string();
    if (N.File)
      addPosition(Note, SM, N.File, N.Range);
    Note["message"] = N.Message;
    J["notes"].push_back(std::move(Note));
  }
  return J;
}

void printJson(llvm::ArrayRef<Diagnostic> Diags, const SourceManager &SM,
               llvm::raw_ostream &OS) {
  nlohmann::ordered_json All = nlohmann::ordered_json::array();
  for (const Diagnostic &D : Diags)
    All.push_back(toJson(D, SM));
  OS << All.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

} // namespace cfc
