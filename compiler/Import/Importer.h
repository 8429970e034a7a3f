// Importer — `cfc import`: turns an existing CloudFormation template into
// .cfn source that builds back to an equivalent template.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cfc::import {

/// Something of the template with no cfc idiom: what it is, where, and the
/// escape hatch that keeps it (raw(...), @attributes(...)) or why it is lost.
struct Finding {
  std::string What;  ///< "Fn::Transform", "UpdatePolicy"...
  std::string Where; ///< "resource WebServer", "template"...
  std::string How;   ///< "kept through raw(...)"
};

/// Reads a template's text, JSON or YAML (short-form tags become their long
/// forms), into one JSON document. False with Error (and the byte offset it
/// was found at) when the text is no template.
bool readTemplate(llvm::StringRef Text, bool Yaml, nlohmann::ordered_json &Out, std::string &Error,
                  size_t &ErrorOffset);

/// The .cfn source of a template read by readTemplate; what has no idiom is
/// appended to Findings.
std::string importTemplate(const nlohmann::ordered_json &Template, std::vector<Finding> &Findings);

} // namespace cfc::import
