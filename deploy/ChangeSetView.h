// ChangeSetView — what a change set will do, for a person to judge before
// it runs: each resource added, modified, replaced or removed with the
// properties that change and the source line that asked for it (the
// template's Metadata "cfc:source"), changes that broaden access (IAM
// statements, security-group rules, resource policies) flagged, and the
// data-holding resources it would replace or remove, which deploy refuses
// without --allow-replace.
#pragma once

#include "deploy/CloudFormation.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cfc::deploy {

struct ChangeView {
  cfn::ResourceChange Change;
  std::string Source;                  ///< "main.cfn:11", or "" when unknown.
  std::vector<std::string> Properties; ///< Changed properties, sorted.
  /// "True", "Conditional" or "False"/"" ; from CloudFormation, or (when
  /// it says nothing, as emulators do) judged from the resource
  /// specification's update behaviour of the changed properties.
  std::string Replacement;
  bool ReplacementJudged = false; ///< Replacement came from the specification.
  std::vector<std::string> Broadens; ///< Access this change grants that was not granted before.
  bool HoldsData = false;           ///< The type holds data (catalog::holdsData).

  bool replaces() const { return Replacement == "True" || Replacement == "Conditional"; }
  /// Data would be lost: a data-holding resource replaced or removed.
  bool losesData() const { return HoldsData && (Change.Action == "Remove" || replaces()); }
};

/// Reads the changes of a change set against the template being deployed
/// (New) and the one deployed now (Old; null for a new stack).
std::vector<ChangeView> viewChanges(const std::vector<cfn::ResourceChange> &Changes, const nlohmann::json &New,
                                    const nlohmann::json *Old);

/// The preview as text, one block per change, and a summary line.
std::string renderChanges(const std::vector<ChangeView> &Views);

/// The grants of access a resource's properties make, one string each
/// ("allows s3:GetObject on arn:aws:s3:::b/*", "ingress tcp 22 from
/// 0.0.0.0/0"); empty for types that grant none.
std::vector<std::string> accessGrants(const std::string &Type, const nlohmann::json &Properties);

/// The capabilities CloudFormation will ask for: CAPABILITY_IAM for IAM
/// resources, CAPABILITY_NAMED_IAM when one has a name, CAPABILITY_AUTO_EXPAND
/// for a Transform or a nested stack's macro.
std::vector<std::string> requiredCapabilities(const nlohmann::json &Template);

} // namespace cfc::deploy
