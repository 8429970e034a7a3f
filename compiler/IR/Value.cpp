// Value — constructors and descriptions.
#include "IR/Value.h"

namespace cfc::ir {

ValuePtr Value::field(llvm::StringRef Key) const {
  for (const auto &[Name, V] : Fields)
    if (Name == Key)
      return V;
  return nullptr;
}

/// One allocation for the value and its count (a build makes many values).
static std::shared_ptr<Value> blank() { return std::make_shared<Value>(); }

ValuePtr Value::none(Origin O) {
  auto V = blank();
  V->K = Kind::None, V->Where = O;
  return V;
}

ValuePtr Value::jsonNull(Origin O) {
  auto V = blank();
  V->K = Kind::None, V->B = true, V->Where = O;
  return V;
}

ValuePtr Value::boolean(bool B, Origin O) {
  auto V = blank();
  V->K = Kind::Bool, V->B = B, V->Where = O;
  return V;
}

ValuePtr Value::integer(int64_t I, Origin O) {
  auto V = blank();
  V->K = Kind::Int, V->I = I, V->Where = O;
  return V;
}

ValuePtr Value::number(std::string Spelling, Origin O) {
  auto V = blank();
  V->K = Kind::Number, V->S = std::move(Spelling), V->Where = O;
  return V;
}

ValuePtr Value::string(std::string S, Origin O) {
  auto V = blank();
  V->K = Kind::String, V->S = std::move(S), V->Where = O;
  return V;
}

ValuePtr Value::duration(int64_t Ms, Origin O) {
  auto V = blank();
  V->K = Kind::Duration, V->I = Ms, V->Where = O;
  return V;
}

ValuePtr Value::size(int64_t Bytes, Origin O) {
  auto V = blank();
  V->K = Kind::Size, V->I = Bytes, V->Where = O;
  return V;
}

ValuePtr Value::list(std::vector<ValuePtr> Elems, Origin O) {
  auto V = blank();
  V->K = Kind::List, V->Where = O;
  for (const ValuePtr &E : Elems)
    V->Constant &= E->isConstant();
  V->Elems = std::move(Elems);
  return V;
}

ValuePtr Value::object(std::vector<std::pair<std::string, ValuePtr>> Fields, Origin O) {
  auto V = blank();
  V->K = Kind::Object, V->Where = O;
  for (const auto &F : Fields)
    V->Constant &= F.second->isConstant();
  V->Fields = std::move(Fields);
  return V;
}

ValuePtr Value::intrinsic(std::string Name, std::vector<ValuePtr> Args, DeployType T, Origin O,
                          bool Single) {
  auto V = blank();
  V->K = Kind::Intrinsic, V->S = std::move(Name), V->Elems = std::move(Args), V->DT = T;
  V->Constant = false, V->Single = Single, V->Where = O;
  return V;
}

ValuePtr Value::at(const ValuePtr &V, Origin O) {
  auto Copy = std::shared_ptr<Value>(new Value(*V));
  Copy->Where = O;
  return Copy;
}

ValuePtr Value::withReference(const ValuePtr &V, std::string CfnType, std::string Attribute) {
  auto Copy = std::shared_ptr<Value>(new Value(*V));
  Copy->RefType = std::move(CfnType), Copy->RefAttr = std::move(Attribute);
  return Copy;
}

std::string describe(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::None: return V.isJsonNull() ? "json.null" : "none";
  case Value::Kind::Bool: return V.asBool() ? "bool true" : "bool false";
  case Value::Kind::Int: return "int " + std::to_string(V.asInt());
  case Value::Kind::Number: return "number " + V.text();
  case Value::Kind::String: return "a string";
  case Value::Kind::Duration: return "a duration";
  case Value::Kind::Size: return "a size";
  case Value::Kind::List: return "a list";
  case Value::Kind::Object: return "an object";
  case Value::Kind::Intrinsic:
    switch (V.deployType()) {
    case DeployType::String: return "a deploy-time string";
    case DeployType::Number: return "a deploy-time number";
    case DeployType::Bool:
    case DeployType::Condition: return "a deploy-time condition";
    case DeployType::StringList: return "a deploy-time list of strings";
    case DeployType::Json: return "a deploy-time value";
    }
  }
  return "a value";
}

} // namespace cfc::ir
