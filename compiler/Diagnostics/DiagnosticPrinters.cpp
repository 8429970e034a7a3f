// DiagnosticPrinters — clang-style text, and JSON through nlohmann.
#include "Diagnostics/DiagnosticPrinters.h"


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

/// Display columns of Text: one per code point, tabs to the next multiple
/// of 8. (LLVM's printer gives up on lines with non-ASCII characters; a
/// caret under "é" is worth the few lines here.)
static unsigned displayWidth(llvm::StringRef Text) {
  unsigned Width = 0;
  for (unsigned char C : Text) {
    if (C == '\t')
      Width = (Width / 8 + 1) * 8;
    else if ((C & 0xC0) != 0x80) // Not a UTF-8 continuation byte.
      ++Width;
  }
  return Width;
}

/// The source line with tabs expanded, as it is shown.
static std::string expandTabs(llvm::StringRef Line) {
  std::string Out;
  unsigned Width = 0; // Kept as it goes: measuring Out at each tab is quadratic.
  for (char C : Line) {
    if (C == '\t') {
      Out.append(8 - Width % 8, ' ');
      Width = (Width / 8 + 1) * 8;
      continue;
    }
    Out += C;
    if ((static_cast<unsigned char>(C) & 0xC0) != 0x80)
      ++Width;
  }
  return Out;
}

/// At most this many bytes of a source line are shown, around the start of
/// the range: a one-line generated template (or minified JSON) would
/// otherwise be printed whole under each diagnostic.
constexpr uint32_t MaxExcerpt = 160, ExcerptBefore = 60;

static void printOne(const SourceManager &SM, llvm::raw_ostream &OS, bool Colors, FileId File,
                     SourceRange Range, const char *Label, llvm::raw_ostream::Colors LabelColor,
                     const std::string &Message, llvm::ArrayRef<FixIt> Fixes) {
  auto Bold = [&] {
    if (Colors)
      OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  };
  auto Reset = [&] {
    if (Colors)
      OS.resetColor();
  };
  Bold();
  if (File == 0) {
    OS << "cfc: ";
  } else {
    LineColumn LC = SM.lineColumn(File, Range.Begin);
    OS << SM.name(File) << ":" << LC.Line << ":" << LC.Column << ": ";
  }
  if (Colors)
    OS.changeColor(LabelColor, /*Bold=*/true);
  OS << Label << ": ";
  Reset();
  Bold();
  OS << Message << "\n";
  Reset();
  if (File == 0)
    return;

  llvm::StringRef Text = SM.text(File);
  llvm::StringRef Line = SM.lineText(File, Range.Begin);
  uint32_t LineBegin = static_cast<uint32_t>(Line.data() - Text.data());
  uint32_t LineEnd = LineBegin + static_cast<uint32_t>(Line.size());
  uint32_t Begin = std::min(Range.Begin, LineEnd);
  uint32_t End = std::max(Begin + 1, std::min(Range.End, LineEnd));
  // The part of the line shown: all of it, or a window around Begin with
  // "..." where it was cut (never inside a UTF-8 sequence).
  uint32_t From = LineBegin, To = LineEnd;
  if (LineEnd - LineBegin > MaxExcerpt) {
    if (Begin > LineBegin + ExcerptBefore)
      From = Begin - ExcerptBefore;
    while (From > LineBegin && (static_cast<unsigned char>(Text[From]) & 0xC0) == 0x80)
      --From;
    To = std::min(LineEnd, From + MaxExcerpt);
    while (To < LineEnd && (static_cast<unsigned char>(Text[To]) & 0xC0) == 0x80)
      ++To;
  }
  std::string Lead = From > LineBegin ? "..." : "";
  unsigned CaretCol = Lead.size() + displayWidth(Text.slice(From, Begin));
  unsigned Width = std::max(1u, displayWidth(Text.slice(Begin, std::min(End, To))));
  OS << Lead << expandTabs(Text.slice(From, To)) << (To < LineEnd ? "..." : "") << "\n";
  if (Colors)
    OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
  OS.indent(CaretCol) << "^" << std::string(Width - 1, '~') << "\n";
  Reset();
  // The first fix-it on this line, under the caret (as clang shows them).
  for (const FixIt &F : Fixes) {
    if (F.File != File || F.Replacement.empty() || F.Replacement.find('\n') != std::string::npos ||
        F.Range.Begin < From || F.Range.Begin > To || F.Replacement.size() > MaxExcerpt)
      continue;
    if (Colors)
      OS.changeColor(llvm::raw_ostream::GREEN);
    OS.indent(Lead.size() + displayWidth(Text.slice(From, F.Range.Begin))) << F.Replacement << "\n";
    Reset();
    break;
  }
}

void printText(const Diagnostic &D, const SourceManager &SM, llvm::raw_ostream &OS,
               bool Colors) {
  std::string Message = D.Message + " [" + diag::codeString(D.Kind) + "]";
  llvm::raw_ostream::Colors Color = D.Level == Severity::Error     ? llvm::raw_ostream::RED
                                    : D.Level == Severity::Warning ? llvm::raw_ostream::MAGENTA
                                                                   : llvm::raw_ostream::CYAN;
  printOne(SM, OS, Colors, D.File, D.Range, severityName(D.Level), Color, Message, D.Fixes);
  for (const Note &N : D.Notes)
    printOne(SM, OS, Colors, N.File, N.Range, "note", llvm::raw_ostream::BLACK, N.Message, {});
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
