// Rules — what AWS services enforce when CloudFormation creates a resource
// but a resource schema cannot say: a DynamoDB key attribute must be
// defined, a FIFO queue's name ends in ".fifo", a lifecycle transition
// waits S3's minimum days... Each breach is an error of `cfc build` (and so
// of `cfc check` and the language server), reported where the value was
// written; codes 2100-2199 (docs/diagnostics.md).
#pragma once

#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Template.h"

#include "llvm/ADT/StringRef.h"

namespace cfc::rules {

/// Reports every resource of T that breaks a service rule. Only what is
/// known at compile time is judged: a deploy-time value (a Ref, an If, a
/// parameter) gets the benefit of the doubt. Region is the stack's region
/// when known (`--region`, cfc.yaml), else empty.
void checkServiceRules(const ir::Template &T, llvm::StringRef Region, DiagnosticEngine &Diags);

} // namespace cfc::rules
