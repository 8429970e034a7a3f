// ValueDigest — a short, stable digest of a value, for logical IDs that must
// change exactly when a value does (`@replaceOn`: a Lambda version published
// anew when its function's code or configuration changes).
//
// Equal values digest alike wherever and whenever they are compiled: the
// digest covers what the template would say, not how the source spelled it.
// Object fields count in key order (CloudFormation reads objects unordered)
// and fields that are none are left out (they are never emitted); where a
// value came from does not count.
#pragma once

#include "IR/Value.h"

#include <string>

namespace cfc::ir {

/// 8 upper-case hex digits (32 bits of a SHA-256): enough that a change is
/// all but never mistaken for no change, short enough to read in an ID.
std::string valueDigest(const Value &V);

} // namespace cfc::ir
