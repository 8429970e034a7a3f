// FuzzImport — `cfc import` on any bytes: the template reader (JSON, or
// YAML with short-form tags when built with CFC_FUZZ_IMPORT_YAML), the
// reference check and the importer; the .cfn source it writes is then
// compiled (hermetically) as `cfc build` would. Property beyond "no crash":
// the importer writes source without syntax errors.
#include "FuzzSupport.h"

#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "Frontend/Compilation.h"
#include "Import/Importer.h"

#include "llvm/Support/raw_ostream.h"

using namespace cfc;

#ifdef CFC_FUZZ_IMPORT_YAML
static constexpr bool ReadYaml = true;
#else
static constexpr bool ReadYaml = false;
#endif

namespace {

void compileImported(const std::string &Source) {
  Compilation C;
  C.setHermetic(true);
  C.addSource(Source, "imported.cfn");
  C.parse();
  if (C.diagnostics().hasErrors()) {
    fuzz::printDiagnostics(C.diagnostics(), C.sources());
    fuzz::propertyFailed("the imported source has syntax errors");
  }
  C.lower(LowerOptions());
  fuzz::printDiagnostics(C.diagnostics(), C.sources());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  nlohmann::ordered_json Template;
  std::string Error;
  size_t Offset = 0;
  import::Positions Where;
  std::string Text = fuzz::text(Data, Size);
  if (!import::readTemplate(Text, ReadYaml, Template, Error, Offset, &Where)) {
    if (fuzz::verbose())
      llvm::errs() << "not a template (at byte " << Offset << "): " << Error << "\n";
    return 0;
  }
  // The reference check reads the positions of the text (JSON scanner,
  // YAML marks) and the template; cfc import stops here on an error.
  SourceManager SM;
  DiagnosticEngine Diags;
  FileId File = SM.addBuffer(Text, ReadYaml ? "template.yaml" : "template.json");
  if (!import::checkReferences(Template, Where, File, SM, Diags))
    return 0;
  std::vector<import::Finding> Findings;
  std::string Source = import::importTemplate(Template, Findings);
  if (fuzz::verbose())
    llvm::errs() << Source << "\n";
  compileImported(Source);
  return 0;
}
