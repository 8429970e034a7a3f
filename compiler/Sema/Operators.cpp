// Operators — binary operators. Constant operands fold (with units:
// durations and sizes add to themselves and scale by numbers); deploy-time
// operands lower to what CloudFormation has: Fn::Sub for string +,
// Fn::Equals for ==, Fn::And / Fn::Or for conditions. Nothing else.
#include "Sema/Evaluator.h"

#include <cmath>
#include <cstdio>

namespace cfc::sema {

using namespace ast;
using ir::DeployType;

namespace {

bool isNumeric(const Value &V) { return V.kind() == Value::Kind::Int || V.kind() == Value::Kind::Number; }

double toDouble(const Value &V) {
  return V.kind() == Value::Kind::Int ? static_cast<double>(V.asInt()) : std::strtod(V.text().c_str(), nullptr);
}

/// Shortest spelling that reads back as the same double.
std::string spell(double D) {
  char Buf[32];
  for (int Precision = 1; Precision <= 17; ++Precision) {
    std::snprintf(Buf, sizeof Buf, "%.*g", Precision, D);
    if (std::strtod(Buf, nullptr) == D)
      break;
  }
  return Buf;
}

bool equal(const Value &A, const Value &B) {
  if (isNumeric(A) && isNumeric(B))
    return toDouble(A) == toDouble(B);
  if (A.kind() != B.kind())
    return false;
  switch (A.kind()) {
  case Value::Kind::None: return true;
  case Value::Kind::Bool: return A.asBool() == B.asBool();
  case Value::Kind::String: return A.text() == B.text();
  case Value::Kind::Duration:
  case Value::Kind::Size: return A.asInt() == B.asInt();
  case Value::Kind::List:
    if (A.elements().size() != B.elements().size())
      return false;
    for (size_t I = 0; I < A.elements().size(); ++I)
      if (!equal(*A.elements()[I], *B.elements()[I]))
        return false;
    return true;
  case Value::Kind::Object:
    if (A.fields().size() != B.fields().size())
      return false;
    for (const auto &[K, V] : A.fields()) {
      ValuePtr Other = B.field(K);
      if (!Other || !equal(*V, *Other))
        return false;
    }
    return true;
  default: return false;
  }
}

} // namespace

ValuePtr Evaluator::evalBinary(Scope &S, const Binary *E, FileId File) {
  Origin O = at(File, E);
  std::string Op = spelling(E->Op).str();
  ValuePtr L = eval(S, E->Lhs, File);
  if (!L)
    return nullptr;

  // Logic first: constant operands short-circuit before the right side.
  if (E->Op == BinaryOp::And || E->Op == BinaryOp::Or) {
    bool IsAnd = E->Op == BinaryOp::And;
    if (L->kind() == Value::Kind::Bool && L->asBool() != IsAnd)
      return Value::boolean(!IsAnd, O);
    ValuePtr R = eval(S, E->Rhs, File);
    if (!R)
      return nullptr;
    if (L->kind() == Value::Kind::Bool) // true && r, false || r
      return R;
    auto Cond = [&](const ValuePtr &V) -> ValuePtr {
      if (V->kind() == Value::Kind::Intrinsic && V->deployType() == DeployType::Condition)
        return V;
      if (V->kind() == Value::Kind::Intrinsic && V->deployType() == DeployType::Bool)
        return Value::intrinsic("Fn::Equals", {V, Value::string("true", V->origin())},
                                DeployType::Condition, V->origin());
      return nullptr;
    };
    ValuePtr LC = Cond(L);
    if (!LC) {
      Diags.report(File, E->Lhs->range(), diag::TypeMismatch, "'" + Op + "'", "a bool", describe(*L));
      return nullptr;
    }
    if (R->kind() == Value::Kind::Bool)
      return R->asBool() == IsAnd ? LC : Value::boolean(!IsAnd, O);
    ValuePtr RC = Cond(R);
    if (!RC) {
      Diags.report(File, E->Rhs->range(), diag::TypeMismatch, "'" + Op + "'", "a bool", describe(*R));
      return nullptr;
    }
    // Flatten a && b && c into one Fn::And.
    std::string Fn = IsAnd ? "Fn::And" : "Fn::Or";
    std::vector<ValuePtr> Args;
    for (const ValuePtr &X : {LC, RC}) {
      if (X->text() == Fn)
        Args.insert(Args.end(), X->elements().begin(), X->elements().end());
      else
        Args.push_back(X);
    }
    return Value::intrinsic(Fn, std::move(Args), DeployType::Condition, O);
  }

  ValuePtr R = eval(S, E->Rhs, File);
  if (!R)
    return nullptr;
  auto Invalid = [&]() -> ValuePtr {
    Diags.report(File, E->OpRange, diag::InvalidOperands, Op, describe(*L), describe(*R));
    return nullptr;
  };

  if (E->Op == BinaryOp::Eq || E->Op == BinaryOp::Ne) {
    bool IsEq = E->Op == BinaryOp::Eq;
    // Whether something is none is known at compile time even when its
    // content is not: a deploy-time value is never none.
    if (L->kind() == Value::Kind::None || R->kind() == Value::Kind::None)
      return Value::boolean((L->kind() == R->kind()) == IsEq, O);
    if (L->isConstant() && R->isConstant())
      return Value::boolean(equal(*L, *R) == IsEq, O);
    // `x != none` asks whether an optional was given: an object or a list
    // is never none, whatever deploy-time values it holds.
    auto Structured = [](const Value &V) {
      return V.kind() == Value::Kind::Object || V.kind() == Value::Kind::List;
    };
    if ((L->kind() == Value::Kind::None && Structured(*R)) ||
        (R->kind() == Value::Kind::None && Structured(*L)))
      return Value::boolean(!IsEq, O);
    // A deploy-time value of no known shape that is no resource's attribute
    // (raw(...)'s Fn::FindInMap, aws.noValue) is compared as written, as
    // raw's results go unchecked elsewhere: CloudFormation judges it.
    auto Scalar = [](const Value &V) {
      if (V.kind() != Value::Kind::Intrinsic)
        return V.kind() == Value::Kind::String || isNumeric(V);
      if (V.deployType() == DeployType::Json)
        return V.refersToAttribute().empty() && V.text() != "Fn::If";
      return V.deployType() != DeployType::Condition;
    };
    if (!Scalar(*L) || !Scalar(*R))
      return Invalid();
    ValuePtr Eq = Value::intrinsic("Fn::Equals", {L, R}, DeployType::Condition, O);
    return IsEq ? Eq : Value::intrinsic("Fn::Not", {Eq}, DeployType::Condition, O);
  }

  // Lists concatenate whatever their elements are.
  if (E->Op == BinaryOp::Add && L->kind() == Value::Kind::List && R->kind() == Value::Kind::List) {
    std::vector<ValuePtr> All = L->elements();
    All.insert(All.end(), R->elements().begin(), R->elements().end());
    return Value::list(std::move(All), O);
  }
  if (!L->isConstant() || !R->isConstant()) {
    if (E->Op == BinaryOp::Add) {
      auto Stringy = [](const Value &V) {
        return V.kind() == Value::Kind::String || isNumeric(V) ||
               (V.kind() == Value::Kind::Intrinsic && V.deployType() == DeployType::String);
      };
      if (Stringy(*L) && Stringy(*R))
        return substitute({L, R}, O);
    }
    Diags.report(File, E->OpRange, diag::DeployTimeOperation, Op,
                 E->Op == BinaryOp::Add
                     ? "'+' joins strings at deploy time, but " + describe(L->isConstant() ? *R : *L) +
                           " is not a string"
                     : std::string(E->Op >= BinaryOp::Lt && E->Op <= BinaryOp::Ge
                                       ? "its conditions compare only with == and !="
                                       : "it has no arithmetic; compute the value before deploying"));
    return nullptr;
  }

  // Both constant.
  if (E->Op >= BinaryOp::Lt && E->Op <= BinaryOp::Ge) {
    int Cmp;
    if (isNumeric(*L) && isNumeric(*R))
      Cmp = toDouble(*L) < toDouble(*R) ? -1 : toDouble(*L) > toDouble(*R);
    else if (L->kind() == R->kind() && (L->kind() == Value::Kind::Duration || L->kind() == Value::Kind::Size))
      Cmp = L->asInt() < R->asInt() ? -1 : L->asInt() > R->asInt();
    else if (L->kind() == Value::Kind::String && R->kind() == Value::Kind::String)
      Cmp = L->text().compare(R->text());
    else
      return Invalid();
    bool Result = E->Op == BinaryOp::Lt ? Cmp < 0 : E->Op == BinaryOp::Le ? Cmp <= 0
                : E->Op == BinaryOp::Gt ? Cmp > 0 : Cmp >= 0;
    return Value::boolean(Result, O);
  }

  if (E->Op == BinaryOp::Add && L->kind() == Value::Kind::String && R->kind() == Value::Kind::String)
    return Value::string(L->text() + R->text(), O);
  if (E->Op == BinaryOp::Add && L->kind() == Value::Kind::List && R->kind() == Value::Kind::List) {
    std::vector<ValuePtr> All = L->elements();
    All.insert(All.end(), R->elements().begin(), R->elements().end());
    return Value::list(std::move(All), O);
  }

  // Units: duration±duration, duration*int, int*duration, duration/int (and sizes).
  bool LUnit = L->kind() == Value::Kind::Duration || L->kind() == Value::Kind::Size;
  bool RUnit = R->kind() == Value::Kind::Duration || R->kind() == Value::Kind::Size;
  if (LUnit || RUnit) {
    auto Make = [&](int64_t V) {
      return (LUnit ? L : R)->kind() == Value::Kind::Duration ? Value::duration(V, O) : Value::size(V, O);
    };
    if ((E->Op == BinaryOp::Add || E->Op == BinaryOp::Sub) && L->kind() == R->kind())
      return Make(E->Op == BinaryOp::Add ? L->asInt() + R->asInt() : L->asInt() - R->asInt());
    if (E->Op == BinaryOp::Mul && LUnit != RUnit && (LUnit ? R : L)->kind() == Value::Kind::Int)
      return Make(L->asInt() * R->asInt());
    if (E->Op == BinaryOp::Div && LUnit && R->kind() == Value::Kind::Int) {
      if (R->asInt() == 0) {
        Diags.report(File, E->range(), diag::DivisionByZero);
        return nullptr;
      }
      return Make(L->asInt() / R->asInt());
    }
    return Invalid();
  }

  if (!isNumeric(*L) || !isNumeric(*R))
    return Invalid();
  if ((E->Op == BinaryOp::Div || E->Op == BinaryOp::Mod) && toDouble(*R) == 0) {
    Diags.report(File, E->range(), diag::DivisionByZero);
    return nullptr;
  }
  if (L->kind() == Value::Kind::Int && R->kind() == Value::Kind::Int) {
    int64_t A = L->asInt(), B = R->asInt(), Result = 0;
    bool Overflow = false;
    switch (E->Op) {
    case BinaryOp::Add: Overflow = __builtin_add_overflow(A, B, &Result); break;
    case BinaryOp::Sub: Overflow = __builtin_sub_overflow(A, B, &Result); break;
    case BinaryOp::Mul: Overflow = __builtin_mul_overflow(A, B, &Result); break;
    case BinaryOp::Div: Result = A / B; break; // Integer division, as in most languages.
    default: Result = A % B; break;
    }
    if (Overflow) {
      Diags.report(File, E->range(), diag::NumberOutOfRange, Op, "the result does not fit in 64 bits");
      return nullptr;
    }
    return Value::integer(Result, O);
  }
  double A = toDouble(*L), B = toDouble(*R);
  double Result = E->Op == BinaryOp::Add ? A + B : E->Op == BinaryOp::Sub ? A - B
                : E->Op == BinaryOp::Mul ? A * B : E->Op == BinaryOp::Div ? A / B : std::fmod(A, B);
  return Value::number(spell(Result), O);
}

} // namespace cfc::sema
