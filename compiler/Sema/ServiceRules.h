// ServiceRules — the rules services enforce across a resource's properties
// that cfn-lint writes as JSON Schemas (if/then/else: a DynamoDB table billed
// PAY_PER_REQUEST takes no ProvisionedThroughput), checked on the values
// known at compile time. The schemas come with the catalog
// (catalog::ConditionalRule); a three-valued evaluator judges them, so that a
// rule whose outcome depends on a deploy-time value (a parameter, an Fn::If)
// passes instead of guessing.
#pragma once

#include "Catalog/ResourceType.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Value.h"

#include <string>

namespace cfc::sema {

/// Reports, as CFC2060, each conditional rule of RT that the properties
/// Props of resource Name break for certain.
void checkConditionalRules(const catalog::ResourceType &RT, const ir::Value &Props, const std::string &Name,
                           DiagnosticEngine &Diags);

} // namespace cfc::sema
