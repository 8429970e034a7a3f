// SarifPrinter — diagnostics as a SARIF 2.1.0 log, the format GitHub code
// scanning and other CI tools read (`cfc check --format=sarif`).
#pragma once

#include "Basic/SourceManager.h"
#include "Diagnostics/Diagnostic.h"

#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace cfc {

/// One SARIF run collecting the diagnostics of one or more compilations
/// (each with its own SourceManager), printed once at the end.
class SarifLog {
public:
  /// Extra properties of a rule (the other scanners' ids), by kind.
  using RuleProperties = std::function<nlohmann::ordered_json(diag::Kind)>;

  SarifLog(std::string Version, RuleProperties Properties)
      : Version(std::move(Version)), Properties(std::move(Properties)) {}

  /// Adds one result per diagnostic; file names are made relative to the
  /// current folder.
  void add(llvm::ArrayRef<Diagnostic> Diags, const SourceManager &SM);
  /// The whole log, followed by a newline.
  void print(llvm::raw_ostream &OS) const;

private:
  std::string Version;
  RuleProperties Properties;
  std::set<unsigned> Kinds; ///< Kinds that occur, for tool.driver.rules.
  /// Whether a location names a standard-library module (uriBaseId STDLIB,
  /// then described in run.originalUriBaseIds).
  bool NamesStdlib = false;
  nlohmann::ordered_json Results = nlohmann::ordered_json::array();
};

} // namespace cfc
