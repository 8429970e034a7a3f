// DiffPrinter — a TemplateDiff for people (cdk diff's layout: a line per
// resource, its property changes indented under it) and for tools (JSON).
#pragma once

#include "Diff/TemplateDiff.h"

#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

namespace cfc::diff {

/// The text form: sections with `[+]`/`[-]`/`[~]` lines, property changes
/// `old → new` with `(replaces)` / `(may replace)`, a data-at-risk marker
/// and a summary line ("no differences" when Diff is empty).
void printDiff(const TemplateDiff &Diff, llvm::raw_ostream &OS);

/// The JSON form of `--format=json` (documented in docs/deploy.md).
nlohmann::ordered_json diffToJson(const TemplateDiff &Diff);

/// "2 resources to add, 1 to remove, 1 to modify (1 replaced); 1 with data
/// at risk", or "no differences".
std::string summaryLine(const TemplateDiff &Diff);

} // namespace cfc::diff
