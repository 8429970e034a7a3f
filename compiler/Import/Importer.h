// Importer — `cfc import`: turns an existing CloudFormation template into
// .cfn source that builds back to an equivalent template.
#pragma once

#include "Basic/SourceRange.h"

#include "llvm/ADT/StringRef.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cfc {
class DiagnosticEngine;
class SourceManager;
} // namespace cfc

namespace cfc::import {

/// Where each value of a template is in its text, by JSON pointer
/// ("/Resources/Web/Properties/ImageId"). A YAML value's range is empty: the
/// reader knows where it starts, not where it ends.
using Positions = std::map<std::string, SourceRange>;

/// Key as a token of a JSON pointer ('~' and '/' escaped).
std::string pointerToken(llvm::StringRef Key);

/// Something of the template with no cfc idiom: what it is, where, and the
/// escape hatch that keeps it (raw(...), @attributes(...)) or why it is lost.
struct Finding {
  std::string What;  ///< "Fn::Transform", "UpdatePolicy"...
  std::string Where; ///< "resource WebServer", "template"...
  std::string How;   ///< "kept through raw(...)"
};

/// Reads a template's text, JSON or YAML (short-form tags become their long
/// forms), into one JSON document. False with Error (and the byte offset it
/// was found at) when the text is no template. Where, when given, gets the
/// place of each value.
bool readTemplate(llvm::StringRef Text, bool Yaml, nlohmann::ordered_json &Out, std::string &Error,
                  size_t &ErrorOffset, Positions *Where = nullptr);

/// The value of the quoted YAML scalar Text starts with (past a tag), read
/// from the source when it spans lines and this reader folds it exactly;
/// else nullopt, and yaml-cpp's reading stands (QuotedScalars.cpp).
std::optional<std::string> rereadMultilineQuoted(llvm::StringRef Text);

/// The places of the values of a JSON text that parses (TemplateReferences.cpp).
void jsonPositions(llvm::StringRef Text, Positions &Out);

/// Reports (CFC5010-5012, in File at the places Where knows) each Ref,
/// Fn::GetAtt, Fn::Sub variable, DependsOn, condition or map name of the
/// template that names nothing in it; CloudFormation would refuse the
/// template, and the source imported from it would not build. Returns
/// whether all resolve.
bool checkReferences(const nlohmann::ordered_json &Template, const Positions &Where, FileId File,
                     const SourceManager &SM, DiagnosticEngine &Diags);

/// Whether the template's Transform names AWS::LanguageExtensions
/// (LanguageExtensions.cpp).
bool usesLanguageExtensions(const nlohmann::ordered_json &Template);
/// Whether Key is an `Fn::ForEach::Name` entry of a section.
bool isForEachKey(llvm::StringRef Key);
/// The Fn::ForEach entries of each section (Conditions, Resources,
/// Outputs), by section, taken out of Template: the importer keeps them as
/// written, in the description's @attributes, where the compiler merges
/// them into the sections it writes.
nlohmann::ordered_json takeForEachEntries(nlohmann::ordered_json &Template);

/// The .cfn source of a template read by readTemplate; what has no idiom is
/// appended to Findings.
std::string importTemplate(const nlohmann::ordered_json &Template, std::vector<Finding> &Findings);

} // namespace cfc::import
