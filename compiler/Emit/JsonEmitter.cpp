// JsonEmitter — Template to JSON through nlohmann's ordered_json.
#include "Emit/Emitter.h"

#include <cmath>
#include <cstdlib>

namespace cfc::emit {

using nlohmann::ordered_json;
using ir::Value;

/// A number's spelling as a JSON number: an integer when it is one.
static ordered_json numberJson(const std::string &Spelling) {
  double D = std::strtod(Spelling.c_str(), nullptr);
  if (std::floor(D) == D && std::fabs(D) < 9007199254740992.0 &&
      Spelling.find_first_of(".eE") == std::string::npos)
    return static_cast<int64_t>(D);
  return D;
}

ordered_json valueToJson(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::None:
    return ordered_json({{"Ref", "AWS::NoValue"}});
  case Value::Kind::Bool:
    return V.asBool();
  case Value::Kind::Int:
  case Value::Kind::Duration:
  case Value::Kind::Size:
    return V.asInt();
  case Value::Kind::Number:
    return numberJson(V.text());
  case Value::Kind::String:
    return V.text();
  case Value::Kind::List: {
    ordered_json A = ordered_json::array();
    for (const ir::ValuePtr &E : V.elements())
      A.push_back(valueToJson(*E));
    return A;
  }
  case Value::Kind::Object: {
    ordered_json O = ordered_json::object();
    for (const auto &[K, E] : V.fields())
      if (E->kind() != Value::Kind::None)
        O[K] = valueToJson(*E);
    return O;
  }
  case Value::Kind::Intrinsic: {
    ordered_json Args;
    if (V.singleArgument() && V.elements().size() == 1) {
      Args = valueToJson(*V.elements()[0]);
    } else {
      Args = ordered_json::array();
      for (const ir::ValuePtr &E : V.elements())
        Args.push_back(valueToJson(*E));
    }
    ordered_json O = ordered_json::object();
    O[V.text()] = std::move(Args);
    return O;
  }
  }
  return nullptr;
}

/// Writes `@attributes({...})` keys into an entry; objects merge with what
/// the compiler wrote (a resource's Metadata keeps "cfc:source").
static void addAttributes(ordered_json &Entry, const ir::ValuePtr &Attributes) {
  if (!Attributes)
    return;
  for (const auto &[K, V] : Attributes->fields()) {
    ordered_json X = valueToJson(*V);
    if (Entry.contains(K) && Entry[K].is_object() && X.is_object())
      Entry[K].update(X);
    else
      Entry[K] = std::move(X);
  }
}

ordered_json toJson(const ir::Template &T, const ir::DependencyGraph &G) {
  ordered_json J = ordered_json::object();
  J["AWSTemplateFormatVersion"] = "2010-09-09";
  if (!T.Description.empty())
    J["Description"] = T.Description;
  if (!T.Parameters.empty()) {
    ordered_json &Ps = J["Parameters"] = ordered_json::object();
    for (const ir::Parameter &P : T.Parameters) {
      ordered_json X = ordered_json::object();
      X["Type"] = P.Type;
      if (!P.Description.empty())
        X["Description"] = P.Description;
      if (P.Default)
        X["Default"] = valueToJson(*P.Default);
      if (!P.AllowedValues.empty()) {
        ordered_json A = ordered_json::array();
        for (const ir::ValuePtr &V : P.AllowedValues)
          A.push_back(valueToJson(*V));
        X["AllowedValues"] = A;
      }
      if (P.MinValue) X["MinValue"] = *P.MinValue;
      if (P.MaxValue) X["MaxValue"] = *P.MaxValue;
      if (P.MinLength) X["MinLength"] = *P.MinLength;
      if (P.MaxLength) X["MaxLength"] = *P.MaxLength;
      if (P.NoEcho) X["NoEcho"] = true;
      addAttributes(X, P.Attributes);
      Ps[P.LogicalId] = std::move(X);
    }
  }
  if (!T.Rules.empty()) {
    ordered_json &Rules = J["Rules"] = ordered_json::object();
    for (const ir::Rule &R : T.Rules) {
      ordered_json X = ordered_json::object();
      if (R.RuleCondition)
        X["RuleCondition"] = valueToJson(*R.RuleCondition);
      X["Assertions"] = ordered_json::array(
          {ordered_json({{"Assert", valueToJson(*R.Assert)}, {"AssertDescription", R.Description}})});
      Rules[R.LogicalId] = std::move(X);
    }
  }
  if (!T.Conditions.empty()) {
    ordered_json &Cs = J["Conditions"] = ordered_json::object();
    for (const ir::Condition &C : T.Conditions)
      Cs[C.LogicalId] = valueToJson(*C.Expression);
  }
  addAttributes(J, T.Attributes);
  ordered_json &Rs = J["Resources"] = ordered_json::object();
  for (size_t I = 0; I < T.Resources.size(); ++I) {
    const ir::Resource &R = T.Resources[I];
    ordered_json X = ordered_json::object();
    X["Type"] = R.Type;
    if (!R.Condition.empty())
      X["Condition"] = R.Condition;
    if (I < G.DependsOn.size() && !G.DependsOn[I].empty())
      X["DependsOn"] = G.DependsOn[I];
    if (!R.DeletionPolicy.empty())
      X["DeletionPolicy"] = R.DeletionPolicy;
    if (!R.UpdateReplacePolicy.empty())
      X["UpdateReplacePolicy"] = R.UpdateReplacePolicy;
    ordered_json Props = valueToJson(*R.Properties);
    if (!Props.empty())
      X["Properties"] = std::move(Props);
    X["Metadata"] = ordered_json({{"cfc:source", R.SourceLocation}});
    addAttributes(X, R.Attributes);
    Rs[R.LogicalId] = std::move(X);
  }
  if (!T.Outputs.empty()) {
    ordered_json &Os = J["Outputs"] = ordered_json::object();
    for (const ir::Output &O : T.Outputs) {
      ordered_json X = ordered_json::object();
      if (!O.Description.empty())
        X["Description"] = O.Description;
      if (!O.Condition.empty())
        X["Condition"] = O.Condition;
      X["Value"] = valueToJson(*O.Value);
      if (O.ExportName)
        X["Export"] = ordered_json({{"Name", valueToJson(*O.ExportName)}});
      Os[O.LogicalId] = std::move(X);
    }
  }
  return J;
}

std::string emitJson(const ir::Template &T, const ir::DependencyGraph &G) {
  return toJson(T, G).dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace cfc::emit
