// ValueLimits — a property's value, known at compile time, against the
// constraints of AWS's provider schemas (catalog::ValueLimits): ranges,
// lengths, patterns, integer enums, item counts, unique items; and an
// object's presence rules (one of, any of, requires). Deploy-time values
// are never judged. Used by the property checker, which walks the types.
#pragma once

#include "Basic/SourceManager.h"
#include "Catalog/ResourceType.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Value.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace cfc::sema {

/// Reports where V breaks the bounds of L that apply to its own kind (a
/// string's length and pattern, a number's range, a list's item count and
/// uniqueness, an integer's enum). What names the property in messages.
/// Elements and map values are the caller's: it knows their types.
void checkValueLimits(const ir::Value &V, const catalog::ValueLimits &L, const std::string &What,
                      const SourceManager &SM, DiagnosticEngine &Diags);

/// Reports where the object Obj breaks a presence rule. Owner names it in
/// messages. A property whose presence is decided at deploy time (an
/// Fn::If that may be AWS::NoValue) makes its rules pass.
void checkPresenceRules(const ir::Value &Obj, llvm::ArrayRef<catalog::PresenceRule> Rules,
                        const std::string &Owner, DiagnosticEngine &Diags);

} // namespace cfc::sema
