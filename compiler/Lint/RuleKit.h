// RuleKit — what the security rules are written with: a finding, a rule
// row, the stack a resource belongs to (for rules that look at other
// resources), and small queries over lowered values (IR/Queries.h, which
// the service rules of compiler/Rules share). Internal to Lint/.
#pragma once

#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Queries.h"
#include "IR/Template.h"

#include "llvm/ADT/ArrayRef.h"
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
using Stack = ir::ResourceIndex;

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

// ---- Value queries (IR/Queries.h, shared with the service rules) ------------

using ir::asList;
using ir::knownBool;
using ir::knownInt;
using ir::knownString;
using ir::lookup;
using ir::prop;
using ir::quoted;
using ir::referencedId;
using ir::spelledString;

/// Whether V is "*" or a list holding "*".
bool hasWildcard(const ValuePtr &V);

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
