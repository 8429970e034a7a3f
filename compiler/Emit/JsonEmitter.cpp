// JsonEmitter — Template to JSON through nlohmann's ordered_json.
#include "Emit/Emitter.h"
#include "Emit/JsonWriter.h"

#include "llvm/ADT/StringMap.h"

#include <algorithm>
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

/// Sets Key of the object O to X, through Index (each key's place among
/// O's members): ordered_json's operator[] searches the members, so an
/// object of 60,000 fields took seconds to write.
static void setMember(ordered_json &O, llvm::StringMap<size_t> &Index, const std::string &Key, ordered_json X) {
  auto &Members = O.get_ref<ordered_json::object_t &>();
  auto [It, New] = Index.try_emplace(Key, Members.size());
  if (New)
    Members.emplace_back(Key, std::move(X));
  else
    (Members.begin() + static_cast<std::ptrdiff_t>(It->second))->second = std::move(X);
}

/// Each key of the object O with its place among O's members.
static llvm::StringMap<size_t> memberIndex(const ordered_json &O) {
  llvm::StringMap<size_t> Index;
  size_t I = 0;
  for (const auto &Member : O.get_ref<const ordered_json::object_t &>())
    Index.try_emplace(Member.first, I++);
  return Index;
}

ordered_json valueToJson(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::None:
    if (V.isJsonNull())
      return nullptr;
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
    llvm::StringMap<size_t> Index;
    for (const auto &[K, E] : V.fields())
      if (!E->isAbsent())
        setMember(O, Index, K, valueToJson(*E));
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

/// `@dependsOn(a)` with `@attributes({DependsOn: ["b"]})` depends on both:
/// the written names follow the compiler's, each once.
static ordered_json mergedDependsOn(const ordered_json &Compiler, const ordered_json &Written) {
  ordered_json Out = Compiler.is_array() ? Compiler : ordered_json::array({Compiler});
  auto add = [&Out](const ordered_json &Name) {
    if (std::find(Out.begin(), Out.end(), Name) == Out.end())
      Out.push_back(Name);
  };
  if (Written.is_array())
    for (const ordered_json &Name : Written)
      add(Name);
  else
    add(Written);
  return Out;
}

/// Writes `@attributes({...})` keys into an entry; objects merge with what
/// the compiler wrote (a resource's Metadata keeps "cfc:source").
static void addAttributes(ordered_json &Entry, const ir::ValuePtr &Attributes) {
  if (!Attributes)
    return;
  for (const auto &[K, V] : Attributes->fields()) {
    ordered_json X = valueToJson(*V);
    if (Entry.contains(K) && Entry[K].is_object() && X.is_object()) {
      ordered_json &Into = Entry[K]; // update() would search Into per key.
      llvm::StringMap<size_t> Index = memberIndex(Into);
      for (auto &Member : X.get_ref<ordered_json::object_t &>())
        setMember(Into, Index, Member.first, std::move(Member.second));
    }
    else if (K == "DependsOn" && Entry.contains(K))
      Entry[K] = mergedDependsOn(Entry[K], X);
    else
      Entry[K] = std::move(X);
  }
}

// ---- entries -------------------------------------------------------------------

static ordered_json parameterJson(const ir::Parameter &P) {
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
  return X;
}

static ordered_json ruleJson(const ir::Rule &R) {
  ordered_json X = ordered_json::object();
  if (R.RuleCondition)
    X["RuleCondition"] = valueToJson(*R.RuleCondition);
  X["Assertions"] = ordered_json::array(
      {ordered_json({{"Assert", valueToJson(*R.Assert)}, {"AssertDescription", R.Description}})});
  return X;
}

static const std::vector<std::string> &dependsOn(const ir::DependencyGraph &G, size_t I) {
  static const std::vector<std::string> None;
  return I < G.DependsOn.size() ? G.DependsOn[I] : None;
}

static ordered_json resourceJson(const ir::Resource &R, const std::vector<std::string> &DependsOn) {
  ordered_json X = ordered_json::object();
  X["Type"] = R.Type;
  if (!R.Condition.empty())
    X["Condition"] = R.Condition;
  if (!DependsOn.empty())
    X["DependsOn"] = DependsOn;
  if (!R.DeletionPolicy.empty())
    X["DeletionPolicy"] = R.DeletionPolicy;
  if (!R.UpdateReplacePolicy.empty())
    X["UpdateReplacePolicy"] = R.UpdateReplacePolicy;
  ordered_json Props = valueToJson(*R.Properties);
  if (!Props.empty())
    X["Properties"] = std::move(Props);
  X["Metadata"] = ordered_json({{"cfc:source", R.SourceLocation}});
  if (!R.ComponentLocation.empty())
    X["Metadata"]["cfc:component"] = R.ComponentLocation;
  addAttributes(X, R.Attributes);
  return X;
}

static ordered_json outputJson(const ir::Output &O) {
  ordered_json X = ordered_json::object();
  if (!O.Description.empty())
    X["Description"] = O.Description;
  if (!O.Condition.empty())
    X["Condition"] = O.Condition;
  X["Value"] = valueToJson(*O.Value);
  if (O.ExportName)
    X["Export"] = ordered_json({{"Name", valueToJson(*O.ExportName)}});
  return X;
}

ordered_json toJson(const ir::Template &T, const ir::DependencyGraph &G) {
  ordered_json J = ordered_json::object();
  J["AWSTemplateFormatVersion"] = "2010-09-09";
  if (!T.Description.empty())
    J["Description"] = T.Description;
  if (!T.Parameters.empty()) {
    ordered_json &Ps = J["Parameters"] = ordered_json::object();
    for (const ir::Parameter &P : T.Parameters)
      Ps[P.LogicalId] = parameterJson(P);
  }
  if (!T.Rules.empty()) {
    ordered_json &Rules = J["Rules"] = ordered_json::object();
    for (const ir::Rule &R : T.Rules)
      Rules[R.LogicalId] = ruleJson(R);
  }
  if (!T.Conditions.empty()) {
    ordered_json &Cs = J["Conditions"] = ordered_json::object();
    for (const ir::Condition &C : T.Conditions)
      Cs[C.LogicalId] = valueToJson(*C.Expression);
  }
  addAttributes(J, T.Attributes);
  // Top-level @attributes may hold entries of these sections too (an
  // imported template's Fn::ForEach loops): the compiler's join them.
  ordered_json &Rs = J["Resources"];
  if (!Rs.is_object())
    Rs = ordered_json::object();
  for (size_t I = 0; I < T.Resources.size(); ++I)
    Rs[T.Resources[I].LogicalId] = resourceJson(T.Resources[I], dependsOn(G, I));
  if (!T.Outputs.empty()) {
    ordered_json &Os = J["Outputs"];
    if (!Os.is_object())
      Os = ordered_json::object();
    for (const ir::Output &O : T.Outputs)
      Os[O.LogicalId] = outputJson(O);
  }
  return J;
}

// ---- straight to text -----------------------------------------------------------
// The same template as writeJson(toJson(T, G)) writes, without building the
// tree for what is most of it: resources and their property values. Entries
// with @attributes (whose keys merge) and the few small sections go through
// the tree.

namespace {

class TemplateWriter {
public:
  explicit TemplateWriter(std::string &Out) : Out(Out) {}

  /// `{ "key": value, ... }` written member by member.
  class Object {
  public:
    Object(TemplateWriter &W, unsigned Depth) : W(W), Depth(Depth) {}
    void member(llvm::StringRef Key) {
      W.Out += Empty ? "{\n" : ",\n";
      Empty = false;
      W.indent(Depth + 1);
      W.string(Key);
      W.Out += ": ";
    }
    void close() {
      if (Empty) {
        W.Out += "{}";
        return;
      }
      W.Out += '\n';
      W.indent(Depth);
      W.Out += '}';
    }

  private:
    TemplateWriter &W;
    unsigned Depth;
    bool Empty = true;
  };

  void indent(unsigned Depth) { Out.append(2 * Depth, ' '); }
  void string(llvm::StringRef S) { writeJsonString(S, Out); }
  void json(const ordered_json &J, unsigned Depth) { writeJson(J, Out, Depth); }

  void list(const std::vector<ir::ValuePtr> &Elems, unsigned Depth) {
    if (Elems.empty()) {
      Out += "[]";
      return;
    }
    Out += "[\n";
    for (size_t I = 0; I < Elems.size(); ++I) {
      indent(Depth + 1);
      value(*Elems[I], Depth + 1);
      Out += I + 1 < Elems.size() ? ",\n" : "\n";
    }
    indent(Depth);
    Out += ']';
  }

  void value(const Value &V, unsigned Depth) {
    switch (V.kind()) {
    case Value::Kind::String:
      return string(V.text());
    case Value::Kind::Int:
    case Value::Kind::Duration:
    case Value::Kind::Size:
      Out += std::to_string(V.asInt());
      return;
    case Value::Kind::Bool:
      Out += V.asBool() ? "true" : "false";
      return;
    case Value::Kind::List:
      return list(V.elements(), Depth);
    case Value::Kind::Object: {
      if (hasDuplicateKeys(V))
        return json(valueToJson(V), Depth); // The tree keeps the first place, the last value.
      Object O(*this, Depth);
      for (const auto &[K, E] : V.fields())
        if (!E->isAbsent()) {
          O.member(K);
          value(*E, Depth + 1);
        }
      return O.close();
    }
    case Value::Kind::Intrinsic: {
      Object O(*this, Depth);
      O.member(V.text());
      if (V.singleArgument() && V.elements().size() == 1)
        value(*V.elements()[0], Depth + 1);
      else
        list(V.elements(), Depth + 1);
      return O.close();
    }
    default: // None (AWS::NoValue) and numbers: as the tree spells them.
      return json(valueToJson(V), Depth);
    }
  }

  void resource(const ir::Resource &R, const std::vector<std::string> &DependsOn, unsigned Depth) {
    if (R.Attributes)
      return json(resourceJson(R, DependsOn), Depth);
    Object O(*this, Depth);
    O.member("Type");
    string(R.Type);
    if (!R.Condition.empty()) {
      O.member("Condition");
      string(R.Condition);
    }
    if (!DependsOn.empty()) {
      O.member("DependsOn");
      json(ordered_json(DependsOn), Depth + 1);
    }
    if (!R.DeletionPolicy.empty()) {
      O.member("DeletionPolicy");
      string(R.DeletionPolicy);
    }
    if (!R.UpdateReplacePolicy.empty()) {
      O.member("UpdateReplacePolicy");
      string(R.UpdateReplacePolicy);
    }
    if (!emptyObject(*R.Properties)) {
      O.member("Properties");
      value(*R.Properties, Depth + 1);
    }
    O.member("Metadata");
    Object M(*this, Depth + 1);
    M.member("cfc:source");
    string(R.SourceLocation);
    if (!R.ComponentLocation.empty()) {
      M.member("cfc:component");
      string(R.ComponentLocation);
    }
    M.close();
    O.close();
  }

private:
  std::string &Out;

  /// What valueToJson makes an empty object of: an object of absent values.
  static bool emptyObject(const Value &V) {
    if (V.kind() != Value::Kind::Object)
      return false;
    for (const auto &Field : V.fields())
      if (!Field.second->isAbsent())
        return false;
    return true;
  }

  static bool hasDuplicateKeys(const Value &V) {
    const auto &Fields = V.fields();
    for (size_t I = 1; I < Fields.size(); ++I)
      for (size_t J = 0; J < I; ++J)
        if (Fields[I].first == Fields[J].first)
          return true;
    return false;
  }
};

} // namespace

static void writeTemplate(const ir::Template &T, const ir::DependencyGraph &G, std::string &Out) {
  TemplateWriter W(Out);
  TemplateWriter::Object Top(W, 0);
  Top.member("AWSTemplateFormatVersion");
  W.string("2010-09-09");
  if (!T.Description.empty()) {
    Top.member("Description");
    W.string(T.Description);
  }
  auto Section = [&](const char *Name, auto &Entries, auto Write) {
    if (Entries.empty())
      return;
    Top.member(Name);
    TemplateWriter::Object S(W, 1);
    for (size_t I = 0; I < Entries.size(); ++I) {
      S.member(Entries[I].LogicalId);
      Write(Entries[I], I);
    }
    S.close();
  };
  Section("Parameters", T.Parameters, [&](const ir::Parameter &P, size_t) { W.json(parameterJson(P), 2); });
  Section("Rules", T.Rules, [&](const ir::Rule &R, size_t) { W.json(ruleJson(R), 2); });
  Section("Conditions", T.Conditions, [&](const ir::Condition &C, size_t) { W.value(*C.Expression, 2); });
  Top.member("Resources");
  TemplateWriter::Object Rs(W, 1);
  for (size_t I = 0; I < T.Resources.size(); ++I) {
    Rs.member(T.Resources[I].LogicalId);
    W.resource(T.Resources[I], dependsOn(G, I), 2);
  }
  Rs.close();
  Section("Outputs", T.Outputs, [&](const ir::Output &O, size_t) { W.json(outputJson(O), 2); });
  Top.close();
}

/// About the bytes the template takes written out, so the text grows in
/// place instead of being copied at each doubling: the resources' values
/// as measured (a lower bound: measured at their own depth, they are
/// written three levels deeper), their entries' own lines, the rest.
static size_t expectedBytes(const ir::Template &T) {
  uint64_t Bytes = 4096;
  for (const ir::Resource &R : T.Resources)
    Bytes += 256 + R.SourceLocation.size() + (R.Properties ? 2 * R.Properties->expandedBytes() : 0);
  return static_cast<size_t>(std::min<uint64_t>(Bytes, uint64_t(64) << 20));
}

std::string emitJson(const ir::Template &T, const ir::DependencyGraph &G) {
  std::string Out;
  Out.reserve(expectedBytes(T));
  // Top-level @attributes may merge into any section: the tree does that.
  if (T.Attributes)
    writeJson(toJson(T, G), Out);
  else
    writeTemplate(T, G, Out);
  Out += "\n";
  return Out;
}

} // namespace cfc::emit
