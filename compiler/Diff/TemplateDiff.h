// TemplateDiff — what changes between two CloudFormation templates: the
// resources added, removed and modified, each modification property by
// property, with whether CloudFormation replaces the resource (judged from
// the catalog's per-property update effects, and cascading through
// references to replaced resources) and whether data is at risk. A pure
// function of two templates and the catalog: `cfc diff --against`, `cfc
// check --against` and deploy/'s `cfc diff --stack` share it.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cfc::catalog {
class Catalog;
} // namespace cfc::catalog

namespace cfc::diff {

/// Whether an update replaces a resource (CDK's "requires replacement" /
/// "may be replaced"). Ordered: the stronger effect compares greater.
enum class Replacement { Never, Conditional, Always };

enum class ChangeKind { Added, Removed, Modified };

/// One step of a path inside a resource: a key, or an index into a list.
struct PathStep {
  std::string Key;
  size_t Index = 0;
  bool IsIndex = false;
};

/// "Properties.KeySchema[0].AttributeName".
std::string pathText(const std::vector<PathStep> &Path);

/// One difference inside a resource (or a Parameters/Outputs/Conditions
/// entry): a value at Path that was added, removed or changed.
struct ValueChange {
  std::vector<PathStep> Path; ///< From the resource's entry: Properties, DeletionPolicy...
  std::optional<nlohmann::ordered_json> Before, After; ///< Absent: not set.
  /// What this change does to the resource, from the catalog.
  Replacement Replaces = Replacement::Never;
  /// Why Replaces is not Never: "the catalog says a change to KeySchema
  /// replaces an AWS::DynamoDB::Table"; empty otherwise.
  std::string Reason;
  /// The value is written the same, but refers to a resource that is
  /// replaced, so it may change at deploy time; CausedBy names that resource.
  std::string CausedBy;
  /// Where the new value is written ("main.cfn:14"); filled by callers that
  /// know the source (the driver), empty otherwise.
  std::string Source;
};

/// A resource that was added, removed or modified.
struct ResourceChange {
  std::string LogicalId;
  ChangeKind Kind = ChangeKind::Modified;
  std::string TypeBefore, TypeAfter; ///< Empty for the side it is absent on.
  std::vector<ValueChange> Changes;  ///< Modified only; in path order.
  Replacement Replaces = Replacement::Never; ///< Modified only: the strongest change's.
  /// The type holds data (catalog/StatefulTypes.h): a removal or a
  /// replacement destroys it unless a policy keeps it.
  bool HoldsData = false;
  /// Removed, or (possibly) replaced, and no DeletionPolicy /
  /// UpdateReplacePolicy keeps the data.
  bool DataAtRisk = false;
  /// The policy that keeps the data when HoldsData and not DataAtRisk
  /// ("DeletionPolicy Retain"); empty otherwise.
  std::string KeptBy;
  /// The cfc:source of the template that declares it ("main.cfn:12"): the
  /// new one, or the old one for a removed resource; empty if none.
  std::string Source;

  const std::string &type() const { return TypeAfter.empty() ? TypeBefore : TypeAfter; }
};

/// A Parameters, Conditions, Outputs (or other top-level section) entry
/// that was added, removed or modified.
struct EntryChange {
  /// "Parameters", "Outputs", "Conditions", "Mappings"...; "Template" for
  /// the sections that are one value (Description, Transform...).
  std::string Section;
  std::string LogicalId; ///< Empty for "Template": the paths name the section.
  ChangeKind Kind = ChangeKind::Modified;
  std::vector<ValueChange> Changes; ///< Modified only.
};

struct TemplateDiff {
  /// In the new template's order, then the removed ones in the old's order.
  std::vector<ResourceChange> Resources;
  /// Sections in template order (Parameters, Conditions, Outputs, others).
  std::vector<EntryChange> Entries;

  bool empty() const { return Resources.empty() && Entries.empty(); }
};

/// The differences from Before (the deployed or saved template) to After
/// (the one that would be deployed now), both parsed from JSON or YAML in
/// their long form (Import/Importer.h's readTemplate). Deterministic.
/// Metadata keys of cfc's own (cfc:source, cfc:component) are no change.
TemplateDiff diffTemplates(const nlohmann::ordered_json &Before, const nlohmann::ordered_json &After,
                           const catalog::Catalog &Catalog);

/// How deep diffTemplates walks into values: its walks recurse, so a
/// template nested deeper (no real one comes near it) must be refused
/// before it is compared; nestsTooDeep says which.
constexpr unsigned MaxNesting = 128;

/// Whether a value of T lies deeper than MaxNesting levels (found without
/// recursion, so any parsed document can be asked).
bool nestsTooDeep(const nlohmann::ordered_json &T);

/// "never", "conditional", "always".
const char *replacementName(Replacement R);
/// "added", "removed", "modified".
const char *changeKindName(ChangeKind K);

} // namespace cfc::diff
