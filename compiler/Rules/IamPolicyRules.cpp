// IamPolicyRules — the grammar of IAM policy documents (the IAM JSON policy
// elements reference), which IAM and the services holding resource policies
// reject as MalformedPolicyDocument: Version, Statement, and in each
// statement Sid, Effect, Action/NotAction, Resource/NotResource,
// Principal/NotPrincipal and Condition. Three kinds of document: identity
// policies (IAM policies: Resource, no Principal), trust policies (a role's
// AssumeRolePolicyDocument: Principal, no Resource) and resource policies
// (bucket, queue, topic and key policies: Principal). Only compile-time
// values are judged.
#include "Rules/RuleContext.h"

#include "Basic/Names.h"
#include "Rules/IamActions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

namespace cfc::rules {

namespace {

enum class DocKind { Identity, Trust, Resource };

constexpr llvm::StringLiteral DocumentElements[] = {"Version", "Id", "Statement"};
constexpr llvm::StringLiteral StatementElements[] = {"Sid",         "Effect",       "Action",
                                                     "NotAction",   "Resource",     "NotResource",
                                                     "Principal",   "NotPrincipal", "Condition"};
constexpr llvm::StringLiteral PrincipalKeys[] = {"AWS", "Service", "Federated", "CanonicalUser"};
/// The condition operators, without the "IfExists" suffix and the
/// "ForAllValues:"/"ForAnyValue:" set qualifiers.
constexpr llvm::StringLiteral ConditionOperators[] = {
    "StringEquals",         "StringNotEquals",        "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
    "StringLike",           "StringNotLike",          "NumericEquals",          "NumericNotEquals",
    "NumericLessThan",      "NumericLessThanEquals",  "NumericGreaterThan",     "NumericGreaterThanEquals",
    "DateEquals",           "DateNotEquals",          "DateLessThan",           "DateLessThanEquals",
    "DateGreaterThan",      "DateGreaterThanEquals",  "Bool",                   "BinaryEquals",
    "IpAddress",            "NotIpAddress",           "ArnEquals",              "ArnLike",
    "ArnNotEquals",         "ArnNotLike",             "Null"};

template <size_t N> std::vector<std::string> names(const llvm::StringLiteral (&Table)[N]) {
  return std::vector<std::string>(std::begin(Table), std::end(Table));
}

bool isDeployTime(const ValuePtr &V) { return V && V->kind() == Value::Kind::Intrinsic; }
bool isAbsent(const ValuePtr &V) { return !V || V->kind() == Value::Kind::None; }

/// The fields of an object that are emitted (an optional left out is not),
/// read in place: a copy of the fields for each question cost more than
/// the question.
class Present {
public:
  using Field = std::pair<std::string, ValuePtr>;
  explicit Present(const std::vector<Field> &Fields) : First(Fields.data()), Last(Fields.data() + Fields.size()) {}

  class iterator {
  public:
    iterator(const Field *P, const Field *End) : P(P), End(End) { skipAbsent(); }
    const Field &operator*() const { return *P; }
    iterator &operator++() {
      ++P;
      skipAbsent();
      return *this;
    }
    bool operator!=(const iterator &Other) const { return P != Other.P; }

  private:
    void skipAbsent() {
      while (P != End && isAbsent(P->second))
        ++P;
    }
    const Field *P, *End;
  };

  iterator begin() const { return {First, Last}; }
  iterator end() const { return {Last, Last}; }
  bool empty() const { return !(begin() != end()); }

private:
  const Field *First, *Last;
};

Present present(const ValuePtr &Obj) { return Present(Obj->fields()); }

/// "a string", "a list"... for messages.
std::string shape(const Value &V) { return ir::describe(V); }

bool isScalar(const ValuePtr &V) {
  switch (V->kind()) {
  case Value::Kind::String:
  case Value::Kind::Int:
  case Value::Kind::Number:
  case Value::Kind::Bool:
  case Value::Kind::Intrinsic:
    return true;
  default:
    return false;
  }
}

/// Why an action is not `service:action` (or "*"), or "".
std::string badAction(llvm::StringRef A) {
  if (A == "*")
    return "";
  auto [Service, Name] = A.split(':');
  if (!A.contains(':'))
    return "has no service prefix (\"service:action\", e.g. \"s3:GetObject\", or \"*\")";
  auto ServiceChar = [](char C) { return llvm::isAlnum(C) || C == '-' || C == '*' || C == '?'; };
  auto NameChar = [](char C) { return llvm::isAlnum(C) || C == '-' || C == '_' || C == '*' || C == '?'; };
  if (Service.empty() || !llvm::all_of(Service, ServiceChar))
    return "has a service prefix that is not a service's (letters, digits and hyphens; e.g. \"s3:GetObject\")";
  if (Name.empty() || !llvm::all_of(Name, NameChar))
    return "has an action name that is not an action's (letters and digits, with * and ? as wildcards)";
  return "";
}

class DocumentChecker {
public:
  DocumentChecker(const ir::Resource &R, Context &C, DocKind Kind, std::string Label)
      : R(R), C(C), Kind(Kind), Label(std::move(Label)) {}

  void check(const ValuePtr &Doc) {
    if (isAbsent(Doc) || isDeployTime(Doc) || Doc->kind() == Value::Kind::String)
      return; // Deploy-time, or JSON text (not judged).
    if (Doc->kind() != Value::Kind::Object) {
      C.report(R, Doc, diag::IamPolicyStatement, Label, "is " + shape(*Doc) + ", not a policy document (an object)");
      return;
    }
    for (const auto &[Key, V] : present(Doc))
      if (!llvm::is_contained(DocumentElements, Key))
        C.report(R, V, diag::IamPolicyUnknownElement, Key, Label, "policy document",
                 didYouMean(Key, names(DocumentElements)));
    if (ValuePtr Version = lookup(Doc, "Version")) {
      std::optional<std::string> Text = knownString(Version);
      if (Text && *Text != "2012-10-17" && *Text != "2008-10-17")
        C.reportWithFix(R, Version, "use \"2012-10-17\"", quoted("2012-10-17"), diag::IamPolicyVersion, *Text,
                        Label);
      else if (!Text && !isDeployTime(Version))
        C.report(R, Version, diag::IamPolicyStatement, Label,
                 "has a Version that is " + shape(*Version) + "; it is the string \"2012-10-17\"");
    }
    ValuePtr Statement = lookup(Doc, "Statement");
    if (!Statement) {
      // A misspelled Statement was reported as such.
      if (!hasAlike(Doc, "Statement", DocumentElements))
        C.report(R, Doc, diag::IamPolicyStatement, Label, "has no Statement; a policy holds a statement or a list of them");
      return;
    }
    if (isDeployTime(Statement))
      return;
    if (Statement->kind() == Value::Kind::Object) {
      checkStatement(Statement);
      return;
    }
    if (Statement->kind() != Value::Kind::List) {
      C.report(R, Statement, diag::IamPolicyStatement, Label,
               "has a Statement that is " + shape(*Statement) + "; it is a statement (an object) or a list of them");
      return;
    }
    for (const ValuePtr &S : Statement->elements()) {
      if (isAbsent(S) || isDeployTime(S))
        continue;
      if (S->kind() != Value::Kind::Object) {
        C.report(R, S, diag::IamPolicyStatement, Label,
                 "has a statement that is " + shape(*S) + "; each statement is an object");
        continue;
      }
      checkStatement(S);
    }
  }

private:
  const ir::Resource &R;
  Context &C;
  DocKind Kind;
  std::string Label;
  llvm::StringSet<> Sids;

  /// Whether Obj has an unknown key that did-you-mean takes for Element
  /// (already reported: one mistake, one error).
  template <size_t N>
  static bool hasAlike(const ValuePtr &Obj, llvm::StringRef Element, const llvm::StringLiteral (&Table)[N]) {
    for (const auto &[Key, V] : present(Obj))
      if (!llvm::is_contained(Table, Key) && closest(Key, names(Table)) == Element)
        return true;
    return false;
  }

  std::string where() const { return "a statement of " + Label; }

  void checkStatement(const ValuePtr &S) {
    for (const auto &[Key, V] : present(S))
      if (!llvm::is_contained(StatementElements, Key))
        C.report(R, V, diag::IamPolicyUnknownElement, Key, Label, "policy statement",
                 didYouMean(Key, names(StatementElements)));
    auto Has = [&](llvm::StringRef Element) {
      return lookup(S, Element) != nullptr || hasAlike(S, Element, StatementElements);
    };
    checkSid(S);
    checkEffect(S, Has("Effect"));
    checkActions(S, Has);
    checkResources(S, Has);
    checkPrincipals(S, Has);
    if (ValuePtr Condition = lookup(S, "Condition"))
      checkCondition(Condition);
  }

  void checkSid(const ValuePtr &S) {
    ValuePtr Sid = lookup(S, "Sid");
    if (!Sid || isDeployTime(Sid))
      return;
    std::optional<std::string> Text = knownString(Sid);
    if (!Text) {
      C.report(R, Sid, diag::IamPolicyStatement, where(), "has a Sid that is " + shape(*Sid) + "; a Sid is a string");
      return;
    }
    // Resource policies of other services (KMS, S3, SQS, SNS) take other
    // characters ("Enable IAM User Permissions"); IAM's own do not.
    if (Kind == DocKind::Resource)
      return;
    if (!llvm::all_of(*Text, [](char Ch) { return llvm::isAlnum(Ch); }))
      C.report(R, Sid, diag::IamPolicyStatement, where(),
               "has Sid " + quoted(*Text) + ", which is not letters and digits only (A-Z, a-z, 0-9)");
    else if (!Sids.insert(*Text).second)
      C.report(R, Sid, diag::IamPolicyStatement, where(),
               "has Sid " + quoted(*Text) + " twice; the Sids of a policy are unique");
  }

  void checkEffect(const ValuePtr &S, bool Mentioned) {
    ValuePtr Effect = lookup(S, "Effect");
    if (!Effect) {
      if (!Mentioned)
        C.report(R, S, diag::IamPolicyEffect, where(), "has no Effect");
      return;
    }
    if (isDeployTime(Effect))
      return;
    std::optional<std::string> Text = knownString(Effect);
    if (!Text) {
      C.report(R, Effect, diag::IamPolicyEffect, where(), "has an Effect that is " + shape(*Effect));
      return;
    }
    if (*Text == "Allow" || *Text == "Deny")
      return;
    for (llvm::StringRef Known : {"Allow", "Deny"})
      if (llvm::StringRef(*Text).equals_insensitive(Known)) {
        C.reportWithFix(R, Effect, "use " + quoted(Known), quoted(Known), diag::IamPolicyEffect, where(),
                        "has Effect " + quoted(*Text));
        return;
      }
    C.report(R, Effect, diag::IamPolicyEffect, where(), "has Effect " + quoted(*Text));
  }

  /// Exactly one of Element and its Not form; each checked by Each.
  template <typename HasFn>
  bool exactlyOne(const ValuePtr &S, llvm::StringRef Element, HasFn &Has, bool Required, diag::Kind Kind,
                  llvm::StringRef Why) {
    std::string Not = ("Not" + Element).str();
    ValuePtr Yes = lookup(S, Element), No = lookup(S, Not);
    if (Yes && No) {
      C.report(R, No, Kind, where(), "has both " + Element.str() + " and " + Not + "; it takes one of them");
      return false;
    }
    if (!Yes && !No && Required && !Has(Element) && !Has(Not)) {
      C.report(R, S, Kind, where(), "has neither " + Element.str() + " nor " + Not + "; " + Why.str());
      return false;
    }
    return true;
  }

  /// The strings of a string-or-list element, reporting what is neither;
  /// deploy-time parts are left out.
  std::vector<std::pair<std::string, ValuePtr>> strings(const ValuePtr &V, llvm::StringRef Element,
                                                         diag::Kind Kind) {
    std::vector<std::pair<std::string, ValuePtr>> Result;
    if (isDeployTime(V))
      return Result;
    if (V->kind() != Value::Kind::String && V->kind() != Value::Kind::List) {
      C.report(R, V, Kind, where(),
               "has " + Element.str() + " " + shape(*V) + "; it is a string or a list of strings");
      return Result;
    }
    for (const ValuePtr &E : asList(V)) {
      if (isAbsent(E) || isDeployTime(E))
        continue;
      if (std::optional<std::string> Text = knownString(E))
        Result.emplace_back(*Text, E);
      else if (E->kind() != Value::Kind::String)
        C.report(R, E, Kind, where(),
                 "has " + Element.str() + " holding " + shape(*E) + "; it is a string or a list of strings");
    }
    return Result;
  }

  template <typename HasFn> void checkActions(const ValuePtr &S, HasFn &Has) {
    if (!exactlyOne(S, "Action", Has, true, diag::IamPolicyAction, "a statement names its actions"))
      return;
    for (llvm::StringRef Element : {"Action", "NotAction"})
      if (ValuePtr V = lookup(S, Element))
        for (const auto &[Text, At] : strings(V, Element, diag::IamPolicyAction))
          if (std::string Why = badAction(Text); !Why.empty())
            C.report(R, At, diag::IamPolicyAction, where(), "has action " + quoted(Text) + ", which " + Why);
          else
            checkKnownAction(Text, At);
  }

  /// An action against the IAM service authorization reference: an unknown
  /// service or action is a warning (the reference may lag behind a new
  /// one), a pattern that matches no action of a known service an error.
  void checkKnownAction(llvm::StringRef Action, const ValuePtr &At) {
    if (Action == "*")
      return;
    // Named, not a structured binding: clang 14 cannot capture one in a lambda.
    std::pair<llvm::StringRef, llvm::StringRef> Parts = Action.split(':');
    llvm::StringRef Service = Parts.first, Name = Parts.second;
    if (Service.find_first_of("*?") != llvm::StringRef::npos)
      return;
    bool Listed = false;
    const std::vector<std::string> *Actions = iamServiceActions(Service, Name, Listed);
    if (!Actions) {
      std::string Alike = closest(Service, iamServicePrefixes());
      std::string Text = "has action " + quoted(Action) + ", whose service prefix \"" + Service.str() +
                         "\" is no service's in the IAM service authorization reference";
      if (Alike.empty())
        C.report(R, At, diag::IamUnknownAction, where(), Text);
      else
        C.reportWithFix(R, At, "use " + quoted(Alike + ":" + Name.str()), quoted(Alike + ":" + Name.str()),
                        diag::IamUnknownAction, where(), Text + "; did you mean '" + Alike + "'?");
      return;
    }
    if (Name.find_first_of("*?") != llvm::StringRef::npos) {
      if (llvm::none_of(*Actions, [&](const std::string &A) { return ir::globMatchIgnoringCase(Name, A); }))
        C.report(R, At, diag::IamActionMatchesNothing, where(), quoted(Action), Service);
      return;
    }
    if (Listed)
      return;
    std::string Alike = closest(Name, *Actions);
    std::string Text = "has action " + quoted(Action) + ", which the IAM service authorization reference does not list "
                       "for service \"" + Service.str() + "\"";
    if (Alike.empty())
      C.report(R, At, diag::IamUnknownAction, where(), Text);
    else
      C.reportWithFix(R, At, "use " + quoted(Service.str() + ":" + Alike), quoted(Service.str() + ":" + Alike),
                      diag::IamUnknownAction, where(), Text + "; did you mean '" + Alike + "'?");
  }

  template <typename HasFn> void checkResources(const ValuePtr &S, HasFn &Has) {
    if (Kind == DocKind::Trust) {
      for (llvm::StringRef Element : {"Resource", "NotResource"})
        if (ValuePtr V = lookup(S, Element))
          C.report(R, V, diag::IamPolicyResource, where(),
                   "has " + Element.str() + ", which a role's trust policy does not take (the role is its resource)");
      return;
    }
    if (!exactlyOne(S, "Resource", Has, Kind == DocKind::Identity, diag::IamPolicyResource,
                    "an IAM policy's statement names the resources it is about (\"*\" for all)"))
      return;
    for (llvm::StringRef Element : {"Resource", "NotResource"})
      if (ValuePtr V = lookup(S, Element))
        strings(V, Element, diag::IamPolicyResource);
  }

  template <typename HasFn> void checkPrincipals(const ValuePtr &S, HasFn &Has) {
    if (Kind == DocKind::Identity) {
      for (llvm::StringRef Element : {"Principal", "NotPrincipal"})
        if (ValuePtr V = lookup(S, Element))
          C.report(R, V, diag::IamPolicyPrincipal, where(),
                   "has " + Element.str() +
                       ", which an identity-based policy does not take (its principal is the role, user or group it is "
                       "attached to)");
      return;
    }
    if (!exactlyOne(S, "Principal", Has, true, diag::IamPolicyPrincipal,
                    Kind == DocKind::Trust ? "a trust policy names who may assume the role"
                                           : "a resource-based policy names whom it is about"))
      return;
    for (llvm::StringRef Element : {"Principal", "NotPrincipal"}) {
      ValuePtr V = lookup(S, Element);
      if (!V || isDeployTime(V))
        continue;
      if (V->kind() == Value::Kind::String) {
        if (knownString(V) != "*")
          C.report(R, V, diag::IamPolicyPrincipal, where(),
                   "has " + Element.str() + " " + quoted(V->text()) +
                       "; a principal is \"*\" or an object of AWS, Service, Federated or CanonicalUser");
        continue;
      }
      if (V->kind() != Value::Kind::Object) {
        C.report(R, V, diag::IamPolicyPrincipal, where(),
                 "has " + Element.str() + " " + shape(*V) +
                     "; a principal is \"*\" or an object of AWS, Service, Federated or CanonicalUser");
        continue;
      }
      if (present(V).empty())
        C.report(R, V, diag::IamPolicyPrincipal, where(), "has an empty " + Element.str());
      for (const auto &[Key, P] : present(V)) {
        if (!llvm::is_contained(PrincipalKeys, Key)) {
          C.report(R, P, diag::IamPolicyPrincipal, where(),
                   "has " + Element.str() + " \"" + Key +
                       "\", which is no kind of principal (AWS, Service, Federated or CanonicalUser)" +
                       didYouMean(Key, names(PrincipalKeys)));
          continue;
        }
        strings(P, Element.str() + "." + Key, diag::IamPolicyPrincipal);
      }
    }
  }

  static bool knownOperator(llvm::StringRef Op) {
    if (!Op.consume_front("ForAllValues:"))
      Op.consume_front("ForAnyValue:");
    Op.consume_back("IfExists");
    return llvm::is_contained(ConditionOperators, Op);
  }

  void checkCondition(const ValuePtr &Condition) {
    if (isDeployTime(Condition))
      return;
    if (Condition->kind() != Value::Kind::Object) {
      C.report(R, Condition, diag::IamPolicyCondition, where(),
               "is " + shape(*Condition) + "; a Condition is an object of operators (StringEquals: {...})");
      return;
    }
    for (const auto &[Op, Keys] : present(Condition)) {
      if (!knownOperator(Op)) {
        C.report(R, Keys, diag::IamPolicyCondition, where(),
                 "has operator \"" + Op + "\", which is no condition operator" +
                     didYouMean(Op, names(ConditionOperators)));
        continue;
      }
      if (isDeployTime(Keys))
        continue;
      if (Keys->kind() != Value::Kind::Object) {
        C.report(R, Keys, diag::IamPolicyCondition, where(),
                 "has operator \"" + Op + "\" with " + shape(*Keys) +
                     "; an operator takes an object of condition keys and their values");
        continue;
      }
      for (const auto &[Key, V] : present(Keys)) {
        bool Ok = isScalar(V);
        if (V->kind() == Value::Kind::List)
          Ok = llvm::all_of(V->elements(), [](const ValuePtr &E) { return isAbsent(E) || isScalar(E); });
        if (!Ok)
          C.report(R, V, diag::IamPolicyCondition, where(),
                   "has key \"" + Key + "\" of \"" + Op + "\" with " + shape(*V) +
                       "; a condition key takes a value or a list of values");
      }
    }
  }
};

void checkDocument(const ir::Resource &R, Context &C, llvm::StringRef Property, DocKind Kind) {
  ValuePtr Doc = prop(R, Property);
  if (!Doc)
    return;
  DocumentChecker(R, C, Kind, Property.str() + " of '" + R.LogicalId + "'").check(Doc);
}

} // namespace

void checkIamPolicy(const ir::Resource &R, Context &C) {
  checkDocument(R, C, "PolicyDocument", DocKind::Identity);
}

void checkIamInlinePolicies(const ir::Resource &R, Context &C) {
  if (R.Type == "AWS::IAM::Role")
    checkDocument(R, C, "AssumeRolePolicyDocument", DocKind::Trust);
  ValuePtr Policies = prop(R, "Policies");
  if (!Policies || Policies->kind() != Value::Kind::List)
    return;
  const std::vector<ValuePtr> &List = Policies->elements();
  for (size_t I = 0; I < List.size(); ++I) {
    ValuePtr Doc = lookup(List[I], "PolicyDocument");
    if (!Doc)
      continue;
    std::string Label = "Policies[" + std::to_string(I) + "].PolicyDocument of '" + R.LogicalId + "'";
    if (std::optional<std::string> Name = knownString(lookup(List[I], "PolicyName")))
      Label = "policy " + quoted(*Name) + " of '" + R.LogicalId + "'";
    DocumentChecker(R, C, DocKind::Identity, Label).check(Doc);
  }
}

void checkResourcePolicy(const ir::Resource &R, Context &C) {
  checkDocument(R, C, R.Type == "AWS::KMS::Key" ? "KeyPolicy" : "PolicyDocument", DocKind::Resource);
}

} // namespace cfc::rules
