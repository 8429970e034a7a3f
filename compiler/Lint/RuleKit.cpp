// RuleKit — the stack index, value queries and generic checks the security
// rules are written with.
#include "Lint/RuleKit.h"

#include "llvm/ADT/STLExtras.h"

namespace cfc::lint {

Stack::Stack(const ir::Template &T) : T(T) {
  for (const ir::Resource &R : T.Resources)
    ByType[R.Type].push_back(&R);
}

llvm::ArrayRef<const ir::Resource *> Stack::ofType(llvm::StringRef Type) const {
  auto It = ByType.find(Type);
  if (It == ByType.end())
    return {};
  return It->second;
}

const ir::Parameter *Stack::parameter(llvm::StringRef LogicalId) const {
  for (const ir::Parameter &P : T.Parameters)
    if (P.LogicalId == LogicalId)
      return &P;
  return nullptr;
}

// ---- Value queries ------------------------------------------------------------

ValuePtr lookup(const ValuePtr &Obj, llvm::StringRef Path) {
  ValuePtr V = Obj;
  while (V && !Path.empty()) {
    if (V->kind() != Value::Kind::Object)
      return nullptr;
    auto [Head, Rest] = Path.split('.');
    V = V->field(Head);
    Path = Rest;
  }
  if (V && V->kind() == Value::Kind::None)
    return nullptr;
  return V;
}

std::optional<bool> knownBool(const ValuePtr &V) {
  if (!V || !V->isConstant())
    return std::nullopt;
  if (V->kind() == Value::Kind::Bool)
    return V->asBool();
  if (V->kind() == Value::Kind::String && (V->text() == "true" || V->text() == "false"))
    return V->text() == "true";
  return std::nullopt;
}

std::optional<std::string> knownString(const ValuePtr &V) {
  if (V && V->isConstant() && V->kind() == Value::Kind::String)
    return V->text();
  return std::nullopt;
}

std::optional<int64_t> knownInt(const ValuePtr &V) {
  if (!V || !V->isConstant())
    return std::nullopt;
  if (V->kind() == Value::Kind::Int)
    return V->asInt();
  int64_t N;
  if ((V->kind() == Value::Kind::String || V->kind() == Value::Kind::Number) &&
      !llvm::StringRef(V->text()).getAsInteger(10, N))
    return N;
  return std::nullopt;
}

std::vector<ValuePtr> asList(const ValuePtr &V) {
  if (!V || V->kind() == Value::Kind::None)
    return {};
  if (V->kind() == Value::Kind::List)
    return V->elements();
  return {V};
}

bool hasWildcard(const ValuePtr &V) {
  return llvm::any_of(asList(V), [](const ValuePtr &E) { return knownString(E) == "*"; });
}

std::optional<std::string> referencedId(const ValuePtr &V) {
  if (!V || V->kind() != Value::Kind::Intrinsic || (V->text() != "Ref" && V->text() != "Fn::GetAtt"))
    return std::nullopt;
  if (V->elements().empty())
    return std::nullopt;
  return knownString(V->elements().front());
}

std::optional<std::string> spelledString(const ValuePtr &V) {
  if (std::optional<std::string> S = knownString(V))
    return S;
  if (V && V->kind() == Value::Kind::Intrinsic && V->text() == "Fn::Sub" && !V->elements().empty())
    return knownString(V->elements().front());
  return std::nullopt;
}

std::string quoted(llvm::StringRef S) {
  std::string Result = "\"";
  Result += S;
  Result += '"';
  return Result;
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
