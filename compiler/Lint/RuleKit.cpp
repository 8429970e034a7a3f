// RuleKit — the generic checks the security rules are written with (the
// stack index and value queries are IR/Queries.h).
#include "Lint/RuleKit.h"

#include "llvm/ADT/STLExtras.h"

namespace cfc::lint {

// ---- Value queries ------------------------------------------------------------

bool hasWildcard(const ValuePtr &V) {
  return llvm::any_of(asList(V), [](const ValuePtr &E) { return knownString(E) == "*"; });
}

// ---- Generic checks ------------------------------------------------------------

void requireTrue(const ir::Resource &R, llvm::StringRef Path, Findings &Out) {
  ValuePtr V = prop(R, Path);
  if (!V)
    Out.push_back({nullptr, Path.str(), "is not set", ""});
  else if (knownBool(V) == false)
    Out.push_back({V, Path.str(), "is false", "true"});
}

void forbidTrue(const ir::Resource &R, llvm::StringRef Path, Findings &Out) {
  ValuePtr V = prop(R, Path);
  if (knownBool(V) == true)
    Out.push_back({V, Path.str(), "is true", "false"});
}

void requireSet(const ir::Resource &R, llvm::StringRef Path, Findings &Out) {
  if (!prop(R, Path))
    Out.push_back({nullptr, Path.str(), "is not set", ""});
}

void requireOneOf(const ir::Resource &R, llvm::StringRef Path,
                  std::initializer_list<llvm::StringRef> Allowed, Findings &Out) {
  ValuePtr V = prop(R, Path);
  if (!V) {
    Out.push_back({nullptr, Path.str(), "is not set", ""});
    return;
  }
  std::optional<std::string> S = knownString(V);
  if (S && !llvm::is_contained(Allowed, *S))
    Out.push_back({V, Path.str(), "is " + quoted(*S), quoted(*Allowed.begin())});
}

// ---- Secrets -------------------------------------------------------------------

std::optional<std::string> exposedSecret(const ValuePtr &V, const Stack &S) {
  if (std::optional<std::string> Text = knownString(V)) {
    llvm::StringRef T(*Text);
    // Dynamic references are resolved by CloudFormation and never stored;
    // a plain SSM parameter is readable by anyone who may read parameters.
    if (T.startswith("{{resolve:secretsmanager:") || T.startswith("{{resolve:ssm-secure:"))
      return std::nullopt;
    if (T.startswith("{{resolve:ssm:"))
      return std::string("is a plain SSM parameter (not a SecureString)");
    return std::string("is a plain string");
  }
  if (!V || V->kind() != Value::Kind::Intrinsic || V->text() != "Ref")
    return std::nullopt;
  std::optional<std::string> Id = referencedId(V);
  const ir::Parameter *P = Id ? S.parameter(*Id) : nullptr;
  if (!P)
    return std::nullopt;
  if (P->Default)
    return "is parameter '" + P->LogicalId + "', which has a default";
  if (!P->NoEcho)
    return "is parameter '" + P->LogicalId + "', which is not NoEcho (declare it as a secret)";
  return std::nullopt;
}

ValuePtr writtenHere(const ValuePtr &V) {
  bool ParameterRef = V && V->kind() == Value::Kind::Intrinsic && V->text() == "Ref";
  return ParameterRef ? nullptr : V;
}

} // namespace cfc::lint
