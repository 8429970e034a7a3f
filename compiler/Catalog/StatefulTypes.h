// StatefulTypes — which resource types hold data that a delete or a
// replacement destroys. One list, used wherever cfc must know: the stdlib's
// default DeletionPolicy, `cfc diff` and `cfc check --against` (a replacement
// or removal of such a resource), and `cfc deploy`'s refusal without
// --allow-replace.
#pragma once

#include <string_view>

namespace cfc::catalog {

/// How CloudFormation can keep a resource's data when it deletes it.
enum class DataKeeping {
  None,    ///< no data to keep
  Retain,  ///< DeletionPolicy Retain only
  Snapshot ///< DeletionPolicy Snapshot is supported (and Retain)
};

/// What a delete or a replacement of a resource of this CloudFormation type
/// does to data: None for types that hold none.
DataKeeping dataKeepingOf(std::string_view CfnType);

/// True when deleting or replacing a resource of this type loses data.
inline bool holdsData(std::string_view CfnType) {
  return dataKeepingOf(CfnType) != DataKeeping::None;
}

/// Whether a DeletionPolicy or UpdateReplacePolicy keeps the data of a
/// resource of this type: Retain and RetainExceptOnCreate always, Snapshot
/// where the type can be snapshotted.
inline bool policyKeepsData(std::string_view CfnType, std::string_view Policy) {
  return Policy == "Retain" || Policy == "RetainExceptOnCreate" ||
         (Policy == "Snapshot" && dataKeepingOf(CfnType) == DataKeeping::Snapshot);
}

} // namespace cfc::catalog
