// Replacement — what a change does to its resource: the catalog's update
// effect of each property along the changed path (and of those inside the
// changed value), and the cascade through references to replaced resources.
// Internal to compiler/Diff.
#pragma once

#include "Diff/TemplateDiff.h"

#include <set>

namespace cfc::diff {

/// A value CloudFormation resolves at deploy time: {"Ref": ...},
/// {"Fn::X": ...} or {"Condition": ...}.
bool isIntrinsic(const nlohmann::ordered_json &V);

/// The resources V refers to: Ref, Fn::GetAtt and the variables of Fn::Sub.
void referencedNames(const nlohmann::ordered_json &V, std::set<std::string> &Out);

/// Sets C.Replaces and C.Reason from the catalog's entry for CfnType.
void judgeChange(const std::string &CfnType, ValueChange &C, const catalog::Catalog &Catalog);

/// The strongest effect among Changes.
Replacement strongestOf(const std::vector<ValueChange> &Changes);

/// Adds to each resource present in both templates (Kind Modified) a
/// "may change" for every value of its new entry (NewResources[id]) that
/// refers to a replaced resource, until no more resources are replaced.
void cascadeReplacements(std::vector<ResourceChange> &All, const nlohmann::ordered_json &NewResources,
                         const catalog::Catalog &Catalog);

/// Adds a "may change" for each output of After whose value refers to a
/// resource D replaces, when it has no change of its own.
void markOutputsOfReplaced(TemplateDiff &D, const nlohmann::ordered_json &After);

} // namespace cfc::diff
