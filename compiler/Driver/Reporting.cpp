// Reporting — printing diagnostics once per run, and the progress line.
#include "Driver/Reporting.h"

#include "Diagnostics/DiagnosticPrinters.h"
#include "Lint/Lint.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace cfc::driver {

// ---- progress --------------------------------------------------------------

Progress::Progress(ProgressMode Mode, size_t Total, bool Quiet) : Total(Total) {
  bool Terminal = llvm::sys::Process::StandardErrIsDisplayed();
  InPlace = Terminal;
  Enabled = !Quiet && Total > 1 &&
            (Mode == ProgressMode::Always || (Mode == ProgressMode::Auto && Terminal));
}

void Progress::step(llvm::StringRef Verb, llvm::StringRef What) {
  if (!Enabled)
    return;
  ++Done;
  std::string Line = "[" + std::to_string(Done) + "/" + std::to_string(Total) + "] " + Verb.str() +
                     " " + What.str();
  if (InPlace) {
    // Erase to the end of the line: a shorter line leaves no tail behind.
    llvm::errs() << "\r" << Line << "\x1b[K";
    Shown = true;
  } else {
    llvm::errs() << Line << "\n";
  }
  llvm::errs().flush();
}

void Progress::clear() {
  if (!Shown)
    return;
  llvm::errs() << "\r\x1b[K";
  llvm::errs().flush();
  Shown = false;
}

// ---- diagnostics -----------------------------------------------------------

/// The other scanners' ids of a security rule, as SARIF rule properties.
static nlohmann::ordered_json ruleProperties(diag::Kind Kind) {
  nlohmann::ordered_json Props = nlohmann::ordered_json::object();
  for (const auto &[Tool, Id] : lint::crossToolIds(Kind))
    Props[Tool.str()] = Id.str();
  return Props;
}

Reporter::Reporter(DiagnosticFormat Format, bool Quiet, Progress *Line)
    : Format(Format), Quiet(Quiet), Line(Line) {
  if (Format == DiagnosticFormat::Sarif)
    Sarif = std::make_unique<SarifLog>(CFC_VERSION, ruleProperties);
}

void Reporter::add(llvm::ArrayRef<Diagnostic> Diags, const SourceManager &SM) {
  std::vector<Diagnostic> Kept;
  for (const Diagnostic &D : Diags) {
    Errors |= D.Level == Severity::Error;
    if (!Quiet || D.Level == Severity::Error)
      Kept.push_back(D);
  }
  switch (Format) {
  case DiagnosticFormat::Sarif:
    Sarif->add(Kept, SM);
    return;
  case DiagnosticFormat::Json:
    for (const Diagnostic &D : Kept)
      Json.push_back(toJson(D, SM));
    return;
  case DiagnosticFormat::Text:
    if (Kept.empty())
      return;
    if (Line)
      Line->clear();
    for (const Diagnostic &D : Kept)
      printText(D, SM, llvm::errs(), llvm::errs().has_colors());
    return;
  }
}

void Reporter::finish() {
  if (Format == DiagnosticFormat::Sarif) {
    Sarif->print(llvm::outs());
  } else if (Format == DiagnosticFormat::Json) {
    llvm::outs() << Json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                 << "\n";
  }
  llvm::outs().flush();
}

} // namespace cfc::driver
