// FuzzSupport — the helpers the fuzz targets share.
#include "FuzzSupport.h"

#include "Diagnostics/DiagnosticPrinters.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

namespace cfc::fuzz {

bool verbose() {
  static const bool On = [] {
    const char *Value = std::getenv("CFC_FUZZ_VERBOSE");
    return Value && *Value && std::string(Value) != "0";
  }();
  return On;
}

void printDiagnostics(const DiagnosticEngine &Diags, const SourceManager &SM) {
  if (!verbose())
    return;
  for (const Diagnostic &D : Diags.sorted())
    printText(D, SM, llvm::errs(), /*Colors=*/false);
}

void propertyFailed(const std::string &What) {
  llvm::errs() << "cfc fuzz: property failed: " << What << "\n";
  llvm::errs().flush();
  std::abort();
}

} // namespace cfc::fuzz
