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

/// A JSON number's text as dump() writes it, without dump()'s serializer
/// for integers: that allocates about a kilobyte per call, and a template
/// of 400,000 numbers took 800 MB through it.
std::string numberText(const nlohmann::ordered_json &J);

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

/// How deep a template's objects and lists may nest, in JSON as in YAML:
/// real templates nest a dozen levels, and every phase after reading walks
/// the document recursively.
constexpr unsigned MaxTemplateDepth = 256;

/// Positions are kept for values at most this deep: a JSON pointer is as
/// long as its depth, so a table of every value of a document nested 250
/// levels would be quadratic (gigabytes for 1 MB). Deeper values are
/// reported at their nearest placed ancestor.
constexpr unsigned MaxPositionDepth = 32;

/// The value of the quoted YAML scalar Text starts with (past a tag), read
/// from the source when it spans lines and this reader folds it exactly;
/// else nullopt, and yaml-cpp's reading stands (QuotedScalars.cpp).
std::optional<std::string> rereadMultilineQuoted(llvm::StringRef Text);

/// The places of the values of a JSON text that parses (TemplateReferences.cpp).
void jsonPositions(llvm::StringRef Text, Positions &Out);

/// False, with Error and its byte offset, when a JSON text nests deeper
/// than MaxTemplateDepth or gives a key twice in one object, both of which
/// nlohmann's parser accepts (TemplateReferences.cpp). Checked before that
/// parser reads the text; syntax errors are left to it.
bool checkJsonShape(llvm::StringRef Text, std::string &Error, size_t &ErrorOffset);

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
