// SarifPrinter — building the SARIF 2.1.0 log with nlohmann::json.
#include "Diagnostics/SarifPrinter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace cfc {

namespace {

constexpr const char *Schema = "https://json.schemastore.org/sarif-2.1.0.json";
/// The project's address: one CMake setting, CFC_PROJECT_URL (docs/ci.md).
constexpr const char *ProjectUri = CFC_PROJECT_URL;
constexpr const char *DocsUri = CFC_PROJECT_URL "/blob/main/docs/diagnostics.md";

/// Each code's section of docs/diagnostics.md, as GitHub names it
/// ("cfc0001--cannot-read-a-file"); made from the headings at build time.
struct DocAnchor {
  unsigned Code;
  const char *Anchor;
};
constexpr DocAnchor DocAnchors[] = {
#include "DiagnosticDocs.inc"
};

/// The documentation link of a code: its section, or the page when the
/// section is missing (test/Driver/diagnostic-coverage.test prevents that).
std::string helpUri(unsigned Code) {
  for (const DocAnchor &A : DocAnchors)
    if (A.Code == Code)
      return std::string(DocsUri) + "#" + A.Anchor;
  return DocsUri;
}

const char *level(Severity S) {
  switch (S) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Info:
    return "note";
  }
  return "error";
}

/// The file as a URI relative to the current folder (code scanning matches
/// it against the repository), with forward slashes.
std::string relativeUri(llvm::StringRef Name) {
  llvm::SmallString<256> Cwd;
  std::string Path = Name.str();
  if (llvm::sys::path::is_absolute(Name) && !llvm::sys::fs::current_path(Cwd)) {
    llvm::StringRef Rel = Name;
    if (Rel.consume_front(Cwd) && Rel.startswith("/"))
      Path = Rel.drop_front().str();
  }
  llvm::StringRef P = Path;
  P.consume_front("./");
  return llvm::sys::path::convert_to_slash(P);
}

nlohmann::ordered_json region(const SourceManager &SM, FileId File, SourceRange Range) {
  // SARIF's default column unit is the UTF-16 code unit, 1-based; the LSP
  // position is the same unit, 0-based.
  LineColumn Begin = SM.lspPosition(File, Range.Begin);
  LineColumn End = SM.lspPosition(File, std::max(Range.End, Range.Begin));
  nlohmann::ordered_json R;
  R["startLine"] = Begin.Line + 1;
  R["startColumn"] = Begin.Column + 1;
  R["endLine"] = End.Line + 1;
  R["endColumn"] = End.Column + 1;
  return R;
}

/// {uri, uriBaseId}: relative to the checkout (%SRCROOT%), or a file: URI
/// for a file outside the current folder.
nlohmann::ordered_json artifact(llvm::StringRef Name) {
  std::string Uri = relativeUri(Name);
  nlohmann::ordered_json A;
  if (llvm::sys::path::is_absolute(Uri)) {
    A["uri"] = "file://" + Uri;
  } else {
    A["uri"] = Uri;
    A["uriBaseId"] = "%SRCROOT%";
  }
  return A;
}

nlohmann::ordered_json location(const SourceManager &SM, FileId File, SourceRange Range) {
  nlohmann::ordered_json Physical;
  if (SM.isLibrary(File)) {
    // A standard-library module is in no repository: it is named relative
    // to a base of its own (STDLIB), which code scanning does not resolve
    // against the checkout.
    Physical["artifactLocation"]["uri"] = llvm::sys::path::filename(SM.name(File)).str();
    Physical["artifactLocation"]["uriBaseId"] = "STDLIB";
  } else {
    Physical["artifactLocation"] = artifact(SM.name(File));
  }
  Physical["region"] = region(SM, File, Range);
  nlohmann::ordered_json L;
  L["physicalLocation"] = std::move(Physical);
  return L;
}

nlohmann::ordered_json fix(const FixIt &F, const SourceManager &SM) {
  nlohmann::ordered_json Replacement;
  Replacement["deletedRegion"] = region(SM, F.File, F.Range);
  Replacement["insertedContent"]["text"] = F.Replacement;
  nlohmann::ordered_json Change;
  Change["artifactLocation"] = artifact(SM.name(F.File));
  Change["replacements"] = nlohmann::ordered_json::array({Replacement});
  nlohmann::ordered_json J;
  J["description"]["text"] = F.Message;
  J["artifactChanges"] = nlohmann::ordered_json::array({Change});
  return J;
}

} // namespace

void SarifLog::add(llvm::ArrayRef<Diagnostic> Diags, const SourceManager &SM) {
  for (const Diagnostic &D : Diags) {
    Kinds.insert(D.Kind);
    nlohmann::ordered_json R;
    R["ruleId"] = diag::codeString(D.Kind);
    R["level"] = level(D.Level);
    R["message"]["text"] = D.Message;
    R["locations"] = nlohmann::ordered_json::array();
    if (D.File)
      R["locations"].push_back(location(SM, D.File, D.Range));
    NamesStdlib |= SM.isLibrary(D.File);
    for (const Note &N : D.Notes)
      NamesStdlib |= SM.isLibrary(N.File);
    if (!D.Notes.empty()) {
      R["relatedLocations"] = nlohmann::ordered_json::array();
      for (const Note &N : D.Notes) {
        nlohmann::ordered_json L = N.File ? location(SM, N.File, N.Range) : nlohmann::ordered_json::object();
        L["message"]["text"] = N.Message;
        // A viewer that cannot open the library's file still shows where.
        if (N.File && SM.isLibrary(N.File))
          L["message"]["text"] = N.Message + ", std/" + llvm::sys::path::filename(SM.name(N.File)).str() + ":" +
                                 std::to_string(SM.lineColumn(N.File, N.Range.Begin).Line);
        R["relatedLocations"].push_back(std::move(L));
      }
    }
    for (const FixIt &F : D.Fixes)
      if (F.File)
        R["fixes"].push_back(fix(F, SM));
    Results.push_back(std::move(R));
  }
}

void SarifLog::print(llvm::raw_ostream &OS) const {
  nlohmann::ordered_json Rules = nlohmann::ordered_json::array();
  for (unsigned K : Kinds) {
    auto Kind = static_cast<diag::Kind>(K);
    const diag::KindInfo &Info = diag::info(Kind);
    std::string Code = diag::codeString(Kind);
    nlohmann::ordered_json Rule;
    Rule["id"] = Code;
    Rule["name"] = Info.Name;
    Rule["shortDescription"]["text"] = Info.Name;
    Rule["helpUri"] = helpUri(Info.Code);
    Rule["defaultConfiguration"]["level"] = level(Info.DefaultSeverity);
    nlohmann::ordered_json Props = Properties ? Properties(Kind) : nlohmann::ordered_json();
    if (!Props.empty())
      Rule["properties"] = std::move(Props);
    Rules.push_back(std::move(Rule));
  }
  nlohmann::ordered_json Driver;
  Driver["name"] = "cfc";
  Driver["version"] = Version;
  Driver["informationUri"] = ProjectUri;
  Driver["rules"] = std::move(Rules);
  nlohmann::ordered_json Run;
  Run["tool"]["driver"] = std::move(Driver);
  if (NamesStdlib)
    Run["originalUriBaseIds"]["STDLIB"]["description"]["text"] =
        "cfc's standard library (std.*), built into cfc: in no repository";
  Run["columnKind"] = "utf16CodeUnits";
  Run["results"] = Results;
  nlohmann::ordered_json Log;
  Log["$schema"] = Schema;
  Log["version"] = "2.1.0";
  Log["runs"] = nlohmann::ordered_json::array({Run});
  OS << Log.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

} // namespace cfc
