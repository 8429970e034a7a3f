// FuzzPipeline — `cfc build` and `cfc check` on one in-memory file: parse,
// check and lower (imports resolved hermetically: std.* from the binary, no
// file system), the security rules, then every emitter (JSON, YAML, DOT,
// Mermaid). Property beyond "no crash": a template that lowered without
// errors is emitted as JSON and YAML that read back.
#include "FuzzSupport.h"

#include "Emit/Emitter.h"
#include "Emit/GraphPrinter.h"
#include "Frontend/Compilation.h"
#include "IR/Limits.h"
#include "Lint/Lint.h"

#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

using namespace cfc;

namespace {

void checkJsonReadsBack(const std::string &Text) {
  if (!nlohmann::json::accept(Text))
    fuzz::propertyFailed("the emitted JSON does not parse");
}

void checkYamlReadsBack(const std::string &Text) {
  try {
    YAML::Load(Text);
  } catch (const YAML::Exception &E) {
    fuzz::propertyFailed(std::string("the emitted YAML does not parse: ") + E.what());
  }
}

void emitAll(Compilation &C, const Compilation::Lowered &L) {
  std::string Json = emit::emitJson(L.Template, L.Graph);
  checkJsonReadsBack(Json);
  checkYamlReadsBack(emit::emitYaml(L.Template, L.Graph));
  ir::checkTemplateSize(Json.size(), C.diagnostics());
  emit::emitDot(L.Template, L.Graph);
  emit::emitMermaid(L.Template, L.Graph);
  if (fuzz::verbose())
    llvm::errs() << Json;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Compilation C;
  C.setHermetic(true);
  C.addSource(fuzz::text(Data, Size), "fuzz/main.cfn");
  C.parse();
  if (!C.diagnostics().hasErrors()) {
    LowerOptions Opts;
    Opts.SourceRoot = "fuzz";
    Compilation::Lowered L = C.lower(Opts);
    if (!C.diagnostics().hasErrors()) {
      lint::checkSecurity(L.Template, C.diagnostics());
      emitAll(C, L);
    }
  }
  // What `cfc check` prints last: suppression comments are read too.
  lint::withoutSuppressed(C.diagnostics().sorted(), C.files(), C.sources());
  fuzz::printDiagnostics(C.diagnostics(), C.sources());
  return 0;
}
