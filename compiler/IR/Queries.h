// Queries — reading a lowered template the way rules do: the resources of a
// type, a property at a dotted path, and what of a value is known at compile
// time. Shared by the security rules (compiler/Lint) and the service rules
// (compiler/Rules); a deploy-time value (a Ref, an If) answers "unknown".
#pragma once

#include "IR/Template.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace cfc::ir {

/// The template being checked, indexed for rules that relate resources
/// (a bucket and its policy, a queue and its dead-letter queue).
class ResourceIndex {
public:
  explicit ResourceIndex(const Template &T);

  /// The resources of a CloudFormation type, in template order.
  llvm::ArrayRef<const Resource *> ofType(llvm::StringRef Type) const;
  /// The resource with this logical ID, or null.
  const Resource *resource(llvm::StringRef LogicalId) const;
  /// The root parameter with this logical ID, or null.
  const Parameter *parameter(llvm::StringRef LogicalId) const;
  /// Every resource, in template order.
  llvm::ArrayRef<Resource> resources() const { return T.Resources; }

private:
  const Template &T;
  llvm::StringMap<std::vector<const Resource *>> ByType;
  /// Rules look resources up by ID for each resource they check: a search
  /// of the template each time made that quadratic.
  llvm::StringMap<const Resource *> ById;
};

/// Where the next "${" of an Fn::Sub template Text at or after From
/// starts, or npos. A memchr for '$': StringRef::find of a two-byte needle
/// fills a 256-entry skip table on each call for a text of 16 bytes or more.
size_t findSubVariable(llvm::StringRef Text, size_t From);

/// A resource's DeletionPolicy as the template will have it: set by
/// `@retain` (or a component) or written in `@attributes`; "" when none.
std::string deletionPolicyOf(const Resource &R);
/// Whether that policy keeps the resource's data when CloudFormation deletes
/// it (Retain, Snapshot, RetainExceptOnCreate).
bool deletionKeepsData(const Resource &R);

/// The value at a dotted path ("A.B") of an object, or null when absent.
ValuePtr lookup(const ValuePtr &Obj, llvm::StringRef Path);
inline ValuePtr prop(const Resource &R, llvm::StringRef Path) { return lookup(R.Properties, Path); }

/// A compile-time boolean (CloudFormation also takes "true"/"false"), or
/// nothing when the value is decided at deploy time.
std::optional<bool> knownBool(const ValuePtr &V);
/// A compile-time string, or nothing.
std::optional<std::string> knownString(const ValuePtr &V);
/// A compile-time integer (or an integer spelled as a string), or nothing.
std::optional<int64_t> knownInt(const ValuePtr &V);
/// The elements of a list, or the value itself when it is a single one.
std::vector<ValuePtr> asList(const ValuePtr &V);
/// Whether V is a list whose elements are all known: a deploy-time list
/// (a parameter's, an Fn::If) may hold anything.
bool isKnownList(const ValuePtr &V);
/// The logical ID a `Ref` or `Fn::GetAtt` names, or nothing.
std::optional<std::string> referencedId(const ValuePtr &V);
/// The text of a string as written: a constant's, or the template of a
/// `Fn::Sub` ("arn:${AWS::Partition}:..."); nothing for other values.
std::optional<std::string> spelledString(const ValuePtr &V);
/// S in double quotes, as it is written in source.
std::string quoted(llvm::StringRef S);

/// Whether Text matches Pattern, with `*` and `?` as wildcards, ignoring
/// case (as IAM compares action names).
bool globMatchIgnoringCase(llvm::StringRef Pattern, llvm::StringRef Text);

} // namespace cfc::ir
