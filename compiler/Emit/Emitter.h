// Emitter — a Template as CloudFormation text. Deterministic: sections and
// resources in declaration order, keys as written, nothing from a hash map.
#pragma once

#include "IR/DependencyGraph.h"
#include "IR/Template.h"

#include <nlohmann/json.hpp>

#include <string>

namespace cfc::emit {

/// The template as a JSON document.
nlohmann::ordered_json toJson(const ir::Template &T, const ir::DependencyGraph &G);
/// JSON text, two-space indented, ending in a newline.
std::string emitJson(const ir::Template &T, const ir::DependencyGraph &G);
/// YAML text with the short-form intrinsic tags (!Ref, !GetAtt, !Sub...).
std::string emitYaml(const ir::Template &T, const ir::DependencyGraph &G);

/// A value as JSON (intrinsics as {"Fn::X": ...}). None values are dropped
/// from objects by the caller.
nlohmann::ordered_json valueToJson(const ir::Value &V);

} // namespace cfc::emit
