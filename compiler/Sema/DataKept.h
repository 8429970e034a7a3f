// DataKept — what a component's resources keep of their data when the stack
// deletes or replaces them, read off its declarations: for `cfc describe`
// and the language server's hover, which show it without compiling.
#pragma once

#include "AST/AST.h"

#include <string>
#include <vector>

namespace cfc::sema {

/// A resource of a component that holds data, and the DeletionPolicy the
/// standard library gives it by default (Sema/StackPolicies.cpp decides).
struct KeptData {
  std::string Name;   ///< The declaration's name ("table").
  std::string Type;   ///< "aws.dynamodb.Table".
  std::string Policy; ///< "Snapshot", "Retain", "Delete" (a cluster's member).
};

/// The resources the component declares itself (in loops too) whose type
/// holds data, with their default policy; `@retain` and a written
/// DeletionPolicy count as they are.
std::vector<KeptData> dataKeptBy(const ast::ComponentDecl &C);

/// One line saying how to change it, for the texts that show dataKeptBy.
inline constexpr const char *RemovalHint =
    "@removal(\"destroy\") on the instance, or `removal: destroy` in cfc.yaml, deletes it instead";

} // namespace cfc::sema
