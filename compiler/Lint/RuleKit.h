// RuleKit — what the security rules are written with: a finding, a rule
// row, the stack a resource belongs to (for rules that look at other
// resources), and small queries over lowered values. Internal to Lint/.
#pragma once

#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Template.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cfc::lint {

using ir::Value;
using ir::ValuePtr;

/// One breach of a rule: where (a property's value, or null for the
/// resource), which property, what is wrong, and the value that fixes it.
struct Finding {
  ValuePtr At;
  std::string Property;
  std::string Problem;
  std::string Replacement; ///< Source text to put over At; empty: no fix-it.
};

using Findings = std::vector<Finding>;

/// The template being checked, indexed for the rules that relate resources
/// (a bucket and its policy, a log bucket and the buckets logging to it).
class Stack {
public:
  explicit Stack(const ir::Template &T);

  /// The resources of a CloudFormation type, in template order.
  llvm::ArrayRef<const ir::Resource *> ofType(llvm::StringRef Type) const;
  /// The root parameter with this logical ID, or null.
  const ir::Parameter *parameter(llvm::StringRef LogicalId) const;

private:
  const ir::Template &T;
  llvm::StringMap<std::vector<const ir::Resource *>> ByType;
};

using CheckFn = void (*)(const ir::Resource &, const Stack &, Findings &);

/// A rule: its code, the resource types it applies to, the check, the fix
/// (said in the fix-it) and the other scanners' ids.
struct Rule {
  diag::Kind Kind;
  std::initializer_list<llvm::StringRef> Types;
  CheckFn Check;
  llvm::StringRef Fix;
  std::initializer_list<std::pair<llvm::StringRef, llvm::StringRef>> Ids;
};

/// The rules of each area, in code order (S3Rules.cpp, IamRules.cpp...).
llvm::ArrayRef<Rule> storageRules();    // rows 1-7
llvm::ArrayRef<Rule> iamRules();        // rows 8-14
llvm::ArrayRef<Rule> serverlessRules(); // rows 15-27
llvm::ArrayRef<Rule> databaseRules();   // rows 28-39
llvm::ArrayRef<Rule> networkRules();    // rows 40-43
llvm::ArrayRef<Rule> auditRules();      // rows 44-48

// ---- Value queries ------------------------------------------------------------

/// The value at a dotted path ("A.B") of an object, or null when absent.
ValuePtr lookup(const ValuePtr &Obj, llvm::StringRef Path);
inline ValuePtr prop(const ir::Resource &R, llvm::StringRef Path) { return lookup(R.Properties, Path); }

/// A compile-time boolean (CloudFormation also takes "true"/"false"), or
/// nothing when the value is decided at deploy time.
std::optional<bool> knownBool(const ValuePtr &V);
/// A compile-time string, or nothing.
std::optional<std::string> knownString(const ValuePtr &V);
/// A compile-time integer (or an integer spelled as a string), or nothing.
std::optional<int64_t> knownInt(const ValuePtr &V);
/// The elements of a list, or the value itself when it is a single one.
std::vector<ValuePtr> asList(const ValuePtr &V);
/// Whether V is "*" or a list holding "*".
bool hasWildcard(const ValuePtr &V);
/// The logical ID a `Ref` or `Fn::GetAtt` names, or nothing.
std::optional<std::string> referencedId(const ValuePtr &V);
/// The text of a string as written: a constant's, or the template of a
/// `Fn::Sub` ("arn:${AWS::Partition}:..."); nothing for other values.
std::optional<std::string> spelledString(const ValuePtr &V);
std::string quoted(llvm::StringRef S);

// ---- Generic checks ------------------------------------------------------------

/// Path must be true; absent counts as false (CloudFormation's default).
void requireTrue(const ir::Resource &R, llvm::StringRef Path, Findings &Out);
/// Path must not be true; absent is fine.
void forbidTrue(const ir::Resource &R, llvm::StringRef Path, Findings &Out);
/// Path must be set, to anything.
void requireSet(const ir::Resource &R, llvm::StringRef Path, Findings &Out);
/// Path must be one of Allowed (the first is the fix); absent is reported
/// at the resource.
void requireOneOf(const ir::Resource &R, llvm::StringRef Path,
                  std::initializer_list<llvm::StringRef> Allowed, Findings &Out);

/// How a secret (a password, a token) reaches the template, when that is
/// unsafe: "a plain string", "parameter 'P', which has a default"...; nothing
/// when it is safe (a Secrets Manager or SecureString dynamic reference, a
/// NoEcho parameter without default) or decided at deploy time.
std::optional<std::string> exposedSecret(const ValuePtr &V, const Stack &S);
/// Where to report a finding about V: V itself, or the resource (null) when
/// V is a parameter's Ref, whose origin is the parameter's declaration.
ValuePtr writtenHere(const ValuePtr &V);

} // namespace cfc::lint
