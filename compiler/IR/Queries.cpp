// Queries — the resource index and the value queries rules are written with.
#include "IR/Queries.h"

#include "Catalog/StatefulTypes.h"

#include "llvm/ADT/StringExtras.h"

namespace cfc::ir {

ResourceIndex::ResourceIndex(const Template &T) : T(T) {
  for (const Resource &R : T.Resources) {
    ByType[R.Type].push_back(&R);
    ById.try_emplace(R.LogicalId, &R); // The first, as Template::resource finds.
  }
}

const Resource *ResourceIndex::resource(llvm::StringRef LogicalId) const {
  auto It = ById.find(LogicalId);
  return It == ById.end() ? nullptr : It->second;
}

llvm::ArrayRef<const Resource *> ResourceIndex::ofType(llvm::StringRef Type) const {
  auto It = ByType.find(Type);
  if (It == ByType.end())
    return {};
  return It->second;
}

const Parameter *ResourceIndex::parameter(llvm::StringRef LogicalId) const {
  for (const Parameter &P : T.Parameters)
    if (P.LogicalId == LogicalId)
      return &P;
  return nullptr;
}

size_t findSubVariable(llvm::StringRef Text, size_t From) {
  for (size_t I = Text.find('$', From); I != llvm::StringRef::npos; I = Text.find('$', I + 1))
    if (I + 1 < Text.size() && Text[I + 1] == '{')
      return I;
  return llvm::StringRef::npos;
}

ValuePtr lookup(const ValuePtr &Obj, llvm::StringRef Path) {
  ValuePtr V = Obj;
  while (V && !Path.empty()) {
    if (V->kind() != Value::Kind::Object)
      return nullptr;
    // find(char) is a memchr; split('.') searches for a one-byte string.
    size_t Dot = Path.find('.');
    V = V->field(Path.substr(0, Dot));
    Path = Dot == llvm::StringRef::npos ? llvm::StringRef() : Path.substr(Dot + 1);
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

bool isKnownList(const ValuePtr &V) {
  if (!V || V->kind() != Value::Kind::List)
    return false;
  for (const ValuePtr &E : V->elements())
    if (!E || E->kind() == Value::Kind::Intrinsic)
      return false;
  return true;
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

bool globMatchIgnoringCase(llvm::StringRef Pattern, llvm::StringRef Text) {
  size_t P = 0, T = 0, Star = llvm::StringRef::npos, Resume = 0;
  while (T < Text.size()) {
    if (P < Pattern.size() &&
        (Pattern[P] == '?' || llvm::toLower(Pattern[P]) == llvm::toLower(Text[T]))) {
      ++P, ++T;
    } else if (P < Pattern.size() && Pattern[P] == '*') {
      Star = P++;
      Resume = T;
    } else if (Star != llvm::StringRef::npos) {
      P = Star + 1;
      T = ++Resume;
    } else {
      return false;
    }
  }
  while (P < Pattern.size() && Pattern[P] == '*')
    ++P;
  return P == Pattern.size();
}

std::string deletionPolicyOf(const Resource &R) {
  // @attributes is written over what the compiler set (Emit's addAttributes).
  if (std::optional<std::string> Written = knownString(lookup(R.Attributes, "DeletionPolicy")))
    return *Written;
  return R.DeletionPolicy;
}

bool deletionKeepsData(const Resource &R) { return catalog::policyKeepsData(R.Type, deletionPolicyOf(R)); }

} // namespace cfc::ir
