// ServiceRules — a three-valued JSON Schema evaluator over lowered values
// (see the header). True and False are certain; Unknown means the answer
// hangs on something decided at deploy time, and a rule that is Unknown is
// not reported. Only the keywords the table generator lets through
// (tools/catalog/constraints-gen.py, KNOWN_KEYWORDS) are met here; any other
// makes its schema Unknown.
#include "Sema/ServiceRules.h"

#include "Basic/ArenaScope.h"
#include "Basic/EcmaRegex.h"
#include "Catalog/CatalogText.h"

#include "llvm/ADT/StringExtras.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <mutex>

namespace cfc::sema {

using ir::Value;
using nlohmann::json;

namespace {

enum class Truth { True, False, Unknown };

Truth negate(Truth T) {
  return T == Truth::True ? Truth::False : T == Truth::False ? Truth::True : Truth::Unknown;
}

/// Why a schema is False: the value at fault (or null: the object the rule
/// is about) and what is wrong with it, as a clause ("'Iops' is required").
struct Failure {
  const Value *At = nullptr;
  std::string Reason;
};

/// A JSON value as a message shows it: "PAY_PER_REQUEST" quoted, 60 bare.
std::string shown(const json &J) {
  if (J.is_string())
    return "\"" + J.get<std::string>() + "\"";
  return J.dump();
}

std::string shownList(const json &Values) {
  std::vector<std::string> Parts;
  std::vector<std::string> Seen; // cfn-lint lists -1 and "-1" alike: show one
  for (const json &V : Values) {
    std::string Bare = V.is_string() ? V.get<std::string>() : V.dump();
    if (std::find(Seen.begin(), Seen.end(), Bare) != Seen.end())
      continue;
    Seen.push_back(Bare);
    if (Parts.size() == 8) {
      Parts.push_back("...");
      break;
    }
    Parts.push_back(shown(V));
  }
  return llvm::join(Parts, ", ");
}

/// "\"A\"" for one value (or one spelled two ways), "one of ..." for more.
std::string valuesText(const json &Values) {
  std::string List = shownList(Values);
  return List.find(", ") == std::string::npos ? List : "one of " + List;
}

/// A value with no deploy-time part: a constant scalar (or None).
bool known(const Value &V) {
  return V.kind() != Value::Kind::Intrinsic && (V.kind() != Value::Kind::String || V.isConstant()) &&
         !V.isVerbatim(); // raw("True"): CloudFormation reads it, as what the rule cannot tell.
}

std::optional<double> numberOf(const Value &V) {
  if (V.kind() == Value::Kind::Int)
    return static_cast<double>(V.asInt());
  double N;
  if (V.kind() == Value::Kind::Number && !llvm::StringRef(V.text()).getAsDouble(N))
    return N;
  return std::nullopt;
}

/// Whether the constant V equals the JSON value J, as JSON Schema's const
/// and enum compare (no coercion between "1" and 1).
Truth equals(const Value &V, const json &J) {
  if (!known(V))
    return Truth::Unknown;
  switch (V.kind()) {
  case Value::Kind::String: return J.is_string() && J.get<std::string>() == V.text() ? Truth::True : Truth::False;
  case Value::Kind::Bool: return J.is_boolean() && J.get<bool>() == V.asBool() ? Truth::True : Truth::False;
  case Value::Kind::Int:
  case Value::Kind::Number: {
    std::optional<double> N = numberOf(V);
    return N && J.is_number() && J.get<double>() == *N ? Truth::True : Truth::False;
  }
  default: return Truth::Unknown; // Lists and objects: not compared.
  }
}

/// Present, absent, or decided at deploy time (an Fn::If may be NoValue).
Truth presence(const Value &Obj, llvm::StringRef Name) {
  ir::ValuePtr F = Obj.field(Name);
  if (!F || F->kind() == Value::Kind::None)
    return Truth::False;
  if (F->kind() == Value::Kind::Intrinsic && F->text() == "Fn::If")
    return Truth::Unknown;
  return Truth::True;
}

class Evaluator {
public:
  /// Whether V satisfies S; on False, F says why. Path names V in messages.
  Truth eval(const json &S, const Value &V, const std::string &Path, Failure &F, unsigned Depth = 0) {
    if (Depth > 32)
      return Truth::Unknown;
    if (S.is_boolean()) {
      if (!S.get<bool>())
        F = {&V, quoted(Path) + " must not be set"};
      return S.get<bool>() ? Truth::True : Truth::False;
    }
    if (!S.is_object())
      return Truth::Unknown;
    Truth All = Truth::True;
    for (const auto &[Key, Sub] : S.items()) {
      if (Key == "then" || Key == "else" || Key == "description" || Key == "format")
        continue;
      Failure Why;
      Truth T = keyword(Key, Sub, S, V, Path, Why, Depth);
      if (T == Truth::False) {
        F = std::move(Why);
        return Truth::False;
      }
      if (T == Truth::Unknown)
        All = Truth::Unknown;
    }
    return All;
  }

private:
  /// Why, with the condition under which it is wrong; an inner condition
  /// already said is extended with "and".
  static Failure withCondition(Failure Why, const std::string &When, llvm::StringRef Word) {
    if (When.empty())
      return Why;
    bool Said = Why.Reason.find(" when ") != std::string::npos || Why.Reason.find(" unless ") != std::string::npos;
    Why.Reason += (Said ? " and " : " " + Word.str() + " ") + When;
    return Why;
  }

  static std::string quoted(const std::string &Path) { return Path.empty() ? "the value" : "'" + Path + "'"; }
  static std::string child(const std::string &Path, llvm::StringRef Name) {
    return Path.empty() ? Name.str() : Path + "." + Name.str();
  }

  Truth keyword(const std::string &Key, const json &Sub, const json &S, const Value &V, const std::string &Path,
                Failure &F, unsigned Depth) {
    if (V.kind() == Value::Kind::Intrinsic)
      return Truth::Unknown; // Shape and content decided at deploy time.
    if (Key == "if")
      return conditional(Sub, S, V, Path, F, Depth);
    if (Key == "properties")
      return properties(Sub, V, Path, F, Depth);
    if (Key == "required")
      return required(Sub, V, Path, F);
    if (Key == "allOf" || Key == "anyOf" || Key == "oneOf")
      return combination(Key, Sub, V, Path, F, Depth);
    if (Key == "not") {
      Failure Ignored;
      Truth T = negate(eval(Sub, V, Path, Ignored, Depth + 1));
      if (T == Truth::False)
        F = {&V, quoted(Path) + " must not be " + positively(Sub)};
      return T;
    }
    if (Key == "const" || Key == "enum")
      return oneOfValues(Key == "const" ? json::array({Sub}) : Sub, V, Path, F);
    if (Key == "type")
      return type(Sub, V, Path, F);
    if (Key == "items" || Key == "contains" || Key == "minItems" || Key == "maxItems" || Key == "uniqueItems")
      return list(Key, Sub, V, Path, F, Depth);
    if (Key == "additionalProperties" || Key == "propertyNames" || Key == "dependentRequired" ||
        Key == "dependentExcluded")
      return objectKeyword(Key, Sub, S, V, Path, F, Depth);
    return scalar(Key, Sub, V, Path, F);
  }

  Truth conditional(const json &If, const json &S, const Value &V, const std::string &Path, Failure &F,
                    unsigned Depth) {
    Failure Ignored;
    Truth Condition = eval(If, V, Path, Ignored, Depth + 1);
    Failure ThenWhy, ElseWhy;
    Truth Then = S.contains("then") ? eval(S["then"], V, Path, ThenWhy, Depth + 1) : Truth::True;
    Truth Else = S.contains("else") ? eval(S["else"], V, Path, ElseWhy, Depth + 1) : Truth::True;
    if (Condition == Truth::True) {
      if (Then == Truth::False)
        F = withCondition(ThenWhy, conditionText(If, Path, ThenWhy.Reason), "when");
      return Then;
    }
    if (Condition == Truth::False) {
      if (Else == Truth::False)
        F = withCondition(ElseWhy, conditionText(If, Path, ElseWhy.Reason), "unless");
      return Else;
    }
    return Then == Truth::True && Else == Truth::True ? Truth::True : Truth::Unknown;
  }

  Truth properties(const json &Props, const Value &V, const std::string &Path, Failure &F, unsigned Depth) {
    if (V.kind() != Value::Kind::Object || !Props.is_object())
      return Truth::True;
    Truth All = Truth::True;
    for (const auto &[Name, Sub] : Props.items()) {
      Truth Present = presence(V, Name);
      if (Present == Truth::False)
        continue;
      ir::ValuePtr Field = V.field(Name);
      Failure Why;
      Truth T = Present == Truth::Unknown && Sub.is_boolean() && !Sub.get<bool>()
                    ? Truth::Unknown
                    : eval(Sub, *Field, child(Path, Name), Why, Depth + 1);
      if (T == Truth::False) {
        F = std::move(Why);
        return T;
      }
      if (T == Truth::Unknown)
        All = T;
    }
    return All;
  }

  Truth required(const json &Names, const Value &V, const std::string &Path, Failure &F) {
    if (V.kind() != Value::Kind::Object || !Names.is_array())
      return Truth::True;
    Truth All = Truth::True;
    for (const json &N : Names) {
      if (!N.is_string())
        continue;
      Truth P = presence(V, N.get<std::string>());
      if (P == Truth::False) {
        F = {&V, quoted(child(Path, N.get<std::string>())) + " is required"};
        return P;
      }
      if (P == Truth::Unknown)
        All = P;
    }
    return All;
  }

  Truth combination(const std::string &Key, const json &Subs, const Value &V, const std::string &Path, Failure &F,
                    unsigned Depth) {
    if (!Subs.is_array())
      return Truth::Unknown;
    unsigned True = 0, Unknown = 0;
    Failure First;
    for (const json &Sub : Subs) {
      Failure Why;
      Truth T = eval(Sub, V, Path, Why, Depth + 1);
      True += T == Truth::True;
      Unknown += T == Truth::Unknown;
      if (T == Truth::False && Key == "allOf") {
        F = std::move(Why);
        return T;
      }
      if (T == Truth::False && First.Reason.empty())
        First = std::move(Why);
    }
    if (Key == "allOf")
      return Unknown ? Truth::Unknown : Truth::True;
    if (Key == "anyOf") {
      if (True)
        return Truth::True;
      if (Unknown)
        return Truth::Unknown;
      F = Subs.size() == 1 ? First : Failure{&V, quoted(Path) + " matches none of the " + std::to_string(Subs.size()) + " forms allowed"};
      return Truth::False;
    }
    // oneOf: exactly one.
    if (True > 1) {
      F = {&V, quoted(Path) + " matches more than one of the forms allowed, which exclude each other"};
      return Truth::False;
    }
    if (Unknown)
      return Truth::Unknown;
    if (True == 1)
      return Truth::True;
    F = Subs.size() == 1 ? First : Failure{&V, quoted(Path) + " matches none of the " + std::to_string(Subs.size()) + " forms allowed"};
    return Truth::False;
  }

  Truth oneOfValues(const json &Values, const Value &V, const std::string &Path, Failure &F) {
    if (!Values.is_array())
      return Truth::Unknown;
    Truth Any = Truth::False;
    for (const json &J : Values) {
      Truth T = equals(V, J);
      if (T == Truth::True)
        return T;
      if (T == Truth::Unknown)
        Any = T;
    }
    if (Any == Truth::False)
      F = {&V, quoted(Path) + " must be " + valuesText(Values)};
    return Any;
  }

  Truth type(const json &Types, const Value &V, const std::string &Path, Failure &F) {
    std::vector<std::string> Wanted;
    if (Types.is_string())
      Wanted.push_back(Types.get<std::string>());
    else if (Types.is_array())
      for (const json &T : Types)
        if (T.is_string())
          Wanted.push_back(T.get<std::string>());
    for (const std::string &T : Wanted) {
      bool Fits = (T == "string" && V.kind() == Value::Kind::String) ||
                  (T == "integer" && V.kind() == Value::Kind::Int) ||
                  (T == "number" && (V.kind() == Value::Kind::Int || V.kind() == Value::Kind::Number)) ||
                  (T == "boolean" && V.kind() == Value::Kind::Bool) ||
                  (T == "array" && V.kind() == Value::Kind::List) ||
                  (T == "object" && V.kind() == Value::Kind::Object);
      if (Fits)
        return Truth::True;
    }
    F = {&V, quoted(Path) + " must be " + llvm::join(Wanted, " or ")};
    return Truth::False;
  }

  Truth list(const std::string &Key, const json &Sub, const Value &V, const std::string &Path, Failure &F,
             unsigned Depth) {
    if (V.kind() != Value::Kind::List)
      return Truth::True;
    const auto &Elements = V.elements();
    if (Key == "minItems" || Key == "maxItems") {
      if (!Sub.is_number())
        return Truth::Unknown;
      double N = Sub.get<double>();
      bool Ok = Key == "minItems" ? Elements.size() >= N : Elements.size() <= N;
      if (!Ok)
        F = {&V, quoted(Path) + " must have " + (Key == "minItems" ? "at least " : "at most ") +
                     catalog::numberText(N) + " items"};
      return Ok ? Truth::True : Truth::False;
    }
    if (Key == "uniqueItems")
      return Truth::True; // The catalog's own constraints judge uniqueness.
    bool Contains = Key == "contains";
    Truth Result = Contains ? Truth::False : Truth::True;
    for (size_t I = 0; I < Elements.size(); ++I) {
      Failure Why;
      Truth T = eval(Sub, *Elements[I], Path + "[" + std::to_string(I) + "]", Why, Depth + 1);
      if (!Contains && T == Truth::False) {
        F = std::move(Why);
        return T;
      }
      if (Contains && T == Truth::True)
        return T;
      if (T == Truth::Unknown)
        Result = Truth::Unknown;
    }
    if (Contains && Result == Truth::False)
      F = {&V, quoted(Path) + " must contain an item where " + positively(Sub)};
    return Result;
  }

  Truth objectKeyword(const std::string &Key, const json &Sub, const json &S, const Value &V,
                      const std::string &Path, Failure &F, unsigned Depth) {
    if (V.kind() != Value::Kind::Object)
      return Truth::True;
    if (Key == "additionalProperties") {
      if (!Sub.is_boolean() || Sub.get<bool>())
        return Sub.is_boolean() ? Truth::True : Truth::Unknown;
      const json Listed = S.value("properties", json::object());
      for (const auto &[Name, Field] : V.fields())
        if (!Listed.contains(Name) && Field->kind() != Value::Kind::None) {
          F = {Field.get(), quoted(child(Path, Name)) + " is not allowed here"};
          return Truth::False;
        }
      return Truth::True;
    }
    if (Key == "propertyNames")
      return Truth::Unknown; // Keys are not values with origins; not judged.
    // dependentRequired {A: [B...]}: A needs each B; dependentExcluded: A
    // excludes each B.
    if (!Sub.is_object())
      return Truth::Unknown;
    bool Excluded = Key == "dependentExcluded";
    Truth All = Truth::True;
    for (const auto &[Name, Others] : Sub.items()) {
      Truth A = presence(V, Name);
      if (A == Truth::False || !Others.is_array())
        continue;
      for (const json &Other : Others) {
        if (!Other.is_string())
          continue;
        Truth B = presence(V, Other.get<std::string>());
        if (A == Truth::Unknown || B == Truth::Unknown) {
          All = Truth::Unknown;
          continue;
        }
        if ((B == Truth::True) == Excluded) {
          const Value *At = Excluded ? V.field(Other.get<std::string>()).get() : &V;
          F = {At, quoted(child(Path, Other.get<std::string>())) + (Excluded ? " must not be set" : " is required") +
                       " when " + quoted(child(Path, Name)) + " is set"};
          return Truth::False;
        }
      }
    }
    return All;
  }

  Truth scalar(const std::string &Key, const json &Sub, const Value &V, const std::string &Path, Failure &F) {
    if (Key == "pattern" || Key == "minLength" || Key == "maxLength") {
      if (V.kind() != Value::Kind::String)
        return Truth::True;
      if (!known(V))
        return Truth::Unknown;
      if (Key == "pattern") {
        if (!Sub.is_string())
          return Truth::Unknown;
        PatternMatch M = searchPattern(Sub.get<std::string>(), V.text());
        if (M == PatternMatch::Fails)
          F = {&V, quoted(Path) + " must match " + Sub.get<std::string>()};
        return M == PatternMatch::Matches ? Truth::True : M == PatternMatch::Fails ? Truth::False : Truth::Unknown;
      }
      return Truth::Unknown; // Lengths: the catalog's own constraints judge them.
    }
    std::optional<double> N = numberOf(V);
    if (!N || !Sub.is_number())
      return V.kind() == Value::Kind::Int || V.kind() == Value::Kind::Number ? Truth::Unknown : Truth::True;
    double Bound = Sub.get<double>();
    bool Ok = true;
    std::string Want;
    if (Key == "minimum")
      Ok = *N >= Bound, Want = "at least " + catalog::numberText(Bound);
    else if (Key == "maximum")
      Ok = *N <= Bound, Want = "at most " + catalog::numberText(Bound);
    else if (Key == "exclusiveMinimum")
      Ok = *N > Bound, Want = "more than " + catalog::numberText(Bound);
    else if (Key == "exclusiveMaximum")
      Ok = *N < Bound, Want = "less than " + catalog::numberText(Bound);
    else if (Key == "multipleOf")
      Ok = Bound != 0 && std::fmod(*N, Bound) == 0, Want = "a multiple of " + catalog::numberText(Bound);
    else
      return Truth::Unknown;
    if (!Ok)
      F = {&V, quoted(Path) + " must be " + Want};
    return Ok ? Truth::True : Truth::False;
  }

  /// A simple schema as what a value is when it holds: "\"Text\"", "one of
  /// ...", "set"; for messages only.
  static std::string positively(const json &S) {
    if (S.is_object() && S.contains("const"))
      return shown(S["const"]);
    if (S.is_object() && S.contains("enum") && S["enum"].is_array())
      return valuesText(S["enum"]);
    return "this value";
  }

  /// The condition of an if, in words: "'BillingMode' is \"PAY_PER_REQUEST\"
  /// and 'Engine' is one of ...". Empty when it cannot be said simply.
  static std::string conditionText(const json &If, const std::string &Path, const std::string &Reason = "") {
    if (!If.is_object())
      return "";
    std::vector<std::string> Parts;
    std::vector<std::string> Described;
    // A condition on the value itself: `if: {maximum: 60}`.
    for (const char *Bound : {"maximum", "minimum"})
      if (If.contains(Bound) && If[Bound].is_number())
        Parts.push_back(quoted(Path) + (std::string(Bound) == "maximum" ? " is at most " : " is at least ") +
                        catalog::numberText(If[Bound].get<double>()));
    if (If.contains("const") || If.contains("enum"))
      Parts.push_back(quoted(Path) + " is " + positively(If));
    if (If.contains("properties") && If["properties"].is_object())
      for (const auto &[Name, Sub] : If["properties"].items()) {
        std::string Where = "'" + child(Path, Name) + "'";
        if (!Sub.is_object())
          continue;
        if (Sub.contains("const") || Sub.contains("enum")) {
          Parts.push_back(Where + " is " + positively(Sub));
        } else if (Sub.contains("not") && Sub["not"].is_object() &&
                   (Sub["not"].contains("const") || Sub["not"].contains("enum"))) {
          Parts.push_back(Where + " is not " + positively(Sub["not"]));
        } else if (Sub.contains("pattern") && Sub["pattern"].is_string()) {
          Parts.push_back(Where + " matches " + Sub["pattern"].get<std::string>());
        } else if (std::string Inner = conditionText(Sub, child(Path, Name), Reason); !Inner.empty()) {
          Parts.push_back(Inner);
        } else {
          continue;
        }
        Described.push_back(Name);
      }
    if (If.contains("anyOf") && If["anyOf"].is_array()) {
      std::vector<std::string> Alternatives;
      for (const json &Branch : If["anyOf"])
        if (std::string Text = conditionText(Branch, Path, Reason); !Text.empty())
          Alternatives.push_back(Text);
      if (Alternatives.size() == If["anyOf"].size())
        Parts.push_back(llvm::join(Alternatives, " or "));
    }
    // "'X' is set" says nothing when the reason names X already.
    if (If.contains("required") && If["required"].is_array())
      for (const json &N : If["required"]) {
        if (!N.is_string() || std::find(Described.begin(), Described.end(), N.get<std::string>()) != Described.end())
          continue;
        std::string Name = "'" + child(Path, N.get<std::string>()) + "'";
        if (Reason.find(Name) == std::string::npos)
          Parts.push_back(Name + " is set");
      }
    return llvm::join(Parts, " and ");
  }
};

/// The parsed schema of a rule; parsed once per process.
const json &schemaOf(const catalog::ConditionalRule &Rule) {
  static std::mutex Lock;
  static std::map<const catalog::ConditionalRule *, json> Parsed;
  std::lock_guard<std::mutex> Guard(Lock);
  arena::Permanent Shared; // Kept for every stack of the run.
  auto It = Parsed.find(&Rule);
  if (It == Parsed.end())
    It = Parsed.emplace(&Rule, json::parse(Rule.Schema, nullptr, /*allow_exceptions=*/false)).first;
  return It->second;
}

/// The values at Path inside V ("*": every element of a list).
void valuesAt(const Value &V, llvm::ArrayRef<std::string> Path, std::vector<const Value *> &Out) {
  if (Path.empty()) {
    Out.push_back(&V);
    return;
  }
  if (Path.front() == "*") {
    if (V.kind() == Value::Kind::List)
      for (const ir::ValuePtr &E : V.elements())
        valuesAt(*E, Path.drop_front(), Out);
    return;
  }
  if (V.kind() != Value::Kind::Object)
    return;
  if (ir::ValuePtr F = V.field(Path.front()); F && F->kind() != Value::Kind::None)
    valuesAt(*F, Path.drop_front(), Out);
}

} // namespace

void checkConditionalRules(const catalog::ResourceType &RT, const Value &Props, const std::string &Name,
                           DiagnosticEngine &Diags) {
  std::string Owner = "resource '" + Name + "' (" + RT.LangName + ")";
  for (const catalog::ConditionalRule &Rule : RT.Conditionals) {
    const json &Schema = schemaOf(Rule);
    if (Schema.is_discarded())
      continue;
    std::vector<const Value *> Targets;
    valuesAt(Props, Rule.Path, Targets);
    // "SecurityGroupIngress.*" reads as "an item of SecurityGroupIngress".
    std::string Base;
    for (const std::string &Part : Rule.Path)
      Base = Part == "*" ? "an item of " + Base : Base.empty() ? Part : Base + "." + Part;
    for (const Value *Target : Targets) {
      Failure Why;
      if (Evaluator().eval(Schema, *Target, "", Why) != Truth::False)
        continue;
      const Value *At = Why.At ? Why.At : Target;
      std::string Where = Rule.Path.empty() ? "" : " in " + Base;
      Diags.report(At->origin().File, At->origin().Range, diag::ServiceRuleViolated, Owner + Where, Why.Reason,
                   Rule.Id);
    }
  }
}

} // namespace cfc::sema
