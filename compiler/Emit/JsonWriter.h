// JsonWriter — ordered_json to text, as nlohmann's dump(2) writes it, byte
// for byte, but straight into one string: dump() went through a virtual
// output adapter per character and was a tenth of a 500-resource build.
// Floats and any string with non-ASCII bytes are written by nlohmann itself
// (shortest round-trip floats; invalid UTF-8 replaced), so nothing differs.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <nlohmann/json.hpp>

#include <string>

namespace cfc::emit {

/// Appends J to Out, indented by two spaces per level from Depth.
void writeJson(const nlohmann::ordered_json &J, std::string &Out, unsigned Depth = 0);
/// Appends S as a JSON string, quoted and escaped.
void writeJsonString(llvm::StringRef S, std::string &Out);

} // namespace cfc::emit
