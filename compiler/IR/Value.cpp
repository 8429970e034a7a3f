// Value — constructors and descriptions.
#include "IR/Value.h"

#include <algorithm>

namespace cfc::ir {

ValuePtr Value::field(llvm::StringRef Key) const {
  for (const auto &[Name, V] : Fields)
    if (Name == Key)
      return V;
  return nullptr;
}

static thread_local uint64_t BytesMade = 0;

uint64_t valueBytesMade() { return BytesMade; }
void resetValueBytesMade() { BytesMade = 0; }

/// A + B, saturating: a doubled list's expansion overflows 64 bits.
static uint64_t plus(uint64_t A, uint64_t B) { return A > UINT64_MAX - B ? UINT64_MAX : A + B; }

void Value::measure() {
  // A string's text counts four times: making one takes copies of its
  // pieces and of itself (interpolation, `+`, checks), which in a build's
  // one-shot arena are never freed either.
  BytesMade += sizeof(Value) + 4 * S.size() + Elems.size() * sizeof(ValuePtr) +
               Fields.size() * sizeof(Fields[0]);
  switch (K) {
  case Kind::None:
    Nodes = Bytes = 0;
    return;
  case Kind::String:
    Nodes = 1, Bytes = plus(S.size(), 2); // The quotes.
    return;
  case Kind::List:
  case Kind::Object:
  case Kind::Intrinsic:
    break;
  default:
    Nodes = 1, Bytes = K == Kind::Number ? S.size() : 1;
    return;
  }
  // dump(2): each element or member on a line of its own, indented two
  // spaces deeper than its container, with a comma and a line break; an
  // intrinsic is an object of one member ({"Fn::X": [args]} or a single
  // argument).
  Nodes = 1, Bytes = 2, Depth = 0;
  Calls = K == Kind::Intrinsic || (K == Kind::Object && Fields.size() == 1 && keyReadsAsCall(Fields[0].first));
  auto child = [this](const Value &C, uint64_t Own) {
    Calls |= C.Calls;
    if (C.K == Kind::None && K == Kind::Object)
      return; // Left out.
    Nodes = plus(Nodes, C.Nodes);
    Bytes = plus(Bytes, plus(plus(C.Bytes, Own), 2 * C.Nodes));
    Depth = std::max(Depth, C.Depth + 1);
  };
  for (const ValuePtr &E : Elems)
    child(*E, 2);
  for (const auto &F : Fields)
    child(*F.second, F.first.size() + 6);
  if (K == Kind::Intrinsic) {
    Bytes = plus(Bytes, S.size() + 8 + (Single && Elems.size() == 1 ? 0 : 2));
    Depth += Single && Elems.size() == 1 ? 0 : 1;
    Nodes = plus(Nodes, 1);
  }
}

/// One allocation for the value and its count (a build makes many values).
static std::shared_ptr<Value> blank() { return std::make_shared<Value>(); }

ValuePtr Value::none(Origin O) {
  auto V = blank();
  V->K = Kind::None, V->Where = O;
  V->measure();
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
  V->measure();
  return V;
}

ValuePtr Value::integer(int64_t I, Origin O) {
  auto V = blank();
  V->K = Kind::Int, V->I = I, V->Where = O;
  V->measure();
  return V;
}

ValuePtr Value::number(std::string Spelling, Origin O) {
  auto V = blank();
  V->K = Kind::Number, V->S = std::move(Spelling), V->Where = O;
  V->measure();
  return V;
}

ValuePtr Value::string(std::string S, Origin O) {
  auto V = blank();
  V->K = Kind::String, V->S = std::move(S), V->Where = O;
  V->measure();
  return V;
}

ValuePtr Value::verbatim(std::string S, Origin O) {
  auto V = blank();
  V->K = Kind::String, V->B = true, V->S = std::move(S), V->Where = O;
  V->measure();
  return V;
}

ValuePtr Value::duration(int64_t Ms, Origin O) {
  auto V = blank();
  V->K = Kind::Duration, V->I = Ms, V->Where = O;
  V->measure();
  return V;
}

ValuePtr Value::size(int64_t Bytes, Origin O) {
  auto V = blank();
  V->K = Kind::Size, V->I = Bytes, V->Where = O;
  V->measure();
  return V;
}

ValuePtr Value::list(std::vector<ValuePtr> Elems, Origin O) {
  auto V = blank();
  V->K = Kind::List, V->Where = O;
  for (const ValuePtr &E : Elems)
    V->Constant &= E->isConstant();
  V->Elems = std::move(Elems);
  V->measure();
  return V;
}

ValuePtr Value::object(std::vector<std::pair<std::string, ValuePtr>> Fields, Origin O) {
  auto V = blank();
  V->K = Kind::Object, V->Where = O;
  for (const auto &F : Fields)
    V->Constant &= F.second->isConstant();
  V->Fields = std::move(Fields);
  V->measure();
  return V;
}

ValuePtr Value::intrinsic(std::string Name, std::vector<ValuePtr> Args, DeployType T, Origin O,
                          bool Single) {
  auto V = blank();
  V->K = Kind::Intrinsic, V->S = std::move(Name), V->Elems = std::move(Args), V->DT = T;
  V->Constant = false, V->Single = Single, V->Where = O;
  V->measure();
  return V;
}

ValuePtr Value::at(const ValuePtr &V, Origin O) {
  auto Copy = std::shared_ptr<Value>(new Value(*V));
  Copy->Where = O;
  Copy->measure();
  return Copy;
}

ValuePtr Value::withReference(ValuePtr V, std::string CfnType, std::string Attribute) {
  // A value no one else holds yet (the Ref or GetAtt just made for a use)
  // is marked in place; copying it, its name and arguments, was most of
  // the cost of a reference. It was made mutable (blank()).
  auto Copy = V.use_count() == 1 ? std::const_pointer_cast<Value>(std::move(V))
                                 : std::shared_ptr<Value>(new Value(*V));
  Copy->RefType = std::move(CfnType), Copy->RefAttr = std::move(Attribute);
  Copy->measure();
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
