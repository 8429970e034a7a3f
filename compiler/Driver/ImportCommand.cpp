// ImportCommand — `cfc import TEMPLATE [-o FILE]`: reads a CloudFormation
// template and writes .cfn source (compiler/Import does the work); what had
// no idiom is reported as a warning naming the escape hatch that kept it.
#include "Driver/Commands.h"

#include "Diagnostics/FileDiagnostics.h"
#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "Diagnostics/DiagnosticPrinters.h"
#include "Import/Importer.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace cfc::driver {

static int report(DiagnosticEngine &Diags, const SourceManager &SM) {
  bool Colors = llvm::errs().has_colors();
  for (const Diagnostic &D : Diags.sorted())
    printText(D, SM, llvm::errs(), Colors);
  return Diags.hasErrors() ? InputErrors : Success;
}

int runImport(const ImportOptions &Opts) {
  SourceManager SM;
  DiagnosticEngine Diags;
  llvm::ErrorOr<FileId> File = SM.addFile(Opts.Path);
  if (!File) {
    reportUnreadable(Diags, Opts.Path, File.getError());
    return report(Diags, SM);
  }
  llvm::StringRef Ext = llvm::sys::path::extension(Opts.Path);
  bool Yaml = Ext == ".yaml" || Ext == ".yml" || Ext == ".template";
  if (!Yaml && Ext != ".json") {
    // Neither extension: YAML reads JSON too, so read it as YAML.
    Diags.report(*File, {}, diag::ImportUnknownExtension, Opts.Path, Ext.empty() ? "none" : Ext.str());
    Yaml = true;
  }
  nlohmann::ordered_json Template;
  std::string Error;
  size_t Offset = 0;
  import::Positions Where;
  if (!import::readTemplate(SM.text(*File), Yaml, Template, Error, Offset, &Where)) {
    uint32_t At = static_cast<uint32_t>(Offset);
    Diags.report(*File, {At, At}, diag::ImportInvalidTemplate, Opts.Path, Error);
    return report(Diags, SM);
  }
  // A reference to nothing would give source that cannot build (or, kept
  // in raw(...), a template CloudFormation refuses): say so, write nothing.
  if (!import::checkReferences(Template, Where, *File, SM, Diags))
    return report(Diags, SM);
  std::vector<import::Finding> Findings;
  std::string Source = import::importTemplate(Template, Findings);
  // One warning per kind of gap, naming its first place: a template with
  // Metadata on forty resources deserves one line, not forty.
  std::map<std::pair<std::string, std::string>, std::pair<std::string, unsigned>> Grouped;
  std::vector<std::pair<std::string, std::string>> Order;
  for (const import::Finding &F : Findings) {
    auto [It, New] = Grouped.try_emplace({F.What, F.How}, F.Where, 0);
    ++It->second.second;
    if (New)
      Order.push_back(It->first);
  }
  for (const auto &K : Order) {
    const auto &[Where, Count] = Grouped[K];
    std::string Places = Count > 1 ? Where + " and " + std::to_string(Count - 1) + " more" : Where;
    Diags.report(*File, {}, diag::ImportNoIdiom, K.first, Places, K.second);
  }
  if (Opts.OutputFile.empty() || Opts.OutputFile == "-") {
    llvm::outs() << Source << "\n";
  } else {
    std::error_code EC;
    llvm::ToolOutputFile Out(Opts.OutputFile, EC, llvm::sys::fs::OF_None);
    if (EC) {
      Diags.report(0, {}, diag::CannotReadFile, Opts.OutputFile, EC.message());
      return report(Diags, SM);
    }
    Out.os() << Source << "\n";
    Out.keep();
  }
  return report(Diags, SM);
}

} // namespace cfc::driver
