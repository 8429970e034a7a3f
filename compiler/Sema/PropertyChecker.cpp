// PropertyChecker — resource properties against the catalog: unknown and
// read-only properties, missing required ones, wrong types, values outside
// the allowed ones, and references to the wrong kind of resource where the
// specification records what a property refers to.
#include "Sema/Evaluator.h"
#include "Sema/ServiceRules.h"
#include "Sema/ValueLimits.h"

#include "Catalog/Catalog.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <tuple>

namespace cfc::sema {

using catalog::PropertyType;
using catalog::TypeKind;
using ir::DeployType;

namespace {

/// How a type reads in a message, without an article: "string",
/// "list of int", "object (LifecycleConfiguration)".
std::string bareTypeText(const PropertyType *T) {
  switch (T->Kind) {
  case TypeKind::String: return "string";
  case TypeKind::Integer: return "int";
  case TypeKind::Number: return "number";
  case TypeKind::Boolean: return "bool";
  case TypeKind::Json: return "JSON value";
  case TypeKind::DateTime: return "date-time string";
  case TypeKind::Tag: return "tag {Key, Value}";
  case TypeKind::List: return "list of " + bareTypeText(T->Element);
  case TypeKind::Map: return "map of " + bareTypeText(T->Element);
  case TypeKind::Struct: return "object (" + T->Struct->Name + ")";
  case TypeKind::Union: {
    std::vector<std::string> Parts;
    for (const PropertyType *M : T->Members)
      Parts.push_back(bareTypeText(M));
    return llvm::join(Parts, " or ");
  }
  }
  return "value";
}

/// The same with an article: "a string", "an int".
std::string typeText(const PropertyType *T) {
  std::string Bare = bareTypeText(T);
  bool Vowel = std::string("aeiou").find(Bare[0]) != std::string::npos;
  return (Vowel ? "an " : "a ") + Bare;
}

/// Finds the AST object written at Range inside E (a value written in the
/// resource body), so errors in nested keys can point at the key.
const ast::Object *objectAt(const ast::Expr *E, SourceRange Range) {
  if (!E)
    return nullptr;
  if (auto *O = llvm::dyn_cast<ast::Object>(E)) {
    if (O->range() == Range)
      return O;
    for (const auto &F : O->Fields)
      if (F.Value && F.Value->range().Begin <= Range.Begin && Range.End <= F.Value->range().End)
        if (const ast::Object *Found = objectAt(F.Value, Range))
          return Found;
  }
  if (auto *L = llvm::dyn_cast<ast::List>(E))
    for (const ast::Expr *X : L->Elements)
      if (X && X->range().Begin <= Range.Begin && Range.End <= X->range().End)
        return objectAt(X, Range);
  return nullptr;
}

struct Checker {
  Evaluator &Ev;
  const catalog::ResourceType &RT;
  const ast::Object *Body;
  FileId BodyFile;

  DiagnosticEngine &diags() { return Ev.Diags; }

  /// Where the key Key of the object value Obj was written.
  Origin keyOrigin(const Value &Obj, llvm::StringRef Key) {
    const ir::Origin &O = Obj.origin();
    if (O.File == BodyFile)
      if (const ast::Object *A = objectAt(Body, O.Range))
        for (const auto &F : A->Fields)
          if (F.Key.Name == Key)
            return {O.File, F.Key.Range};
    if (ValuePtr V = Obj.field(Key))
      return V->origin();
    return O;
  }

  /// Whether V can be of type T, saying nothing (for unions).
  bool fits(const Value &V, const PropertyType *T) {
    if (V.kind() == Value::Kind::Intrinsic)
      return deployFits(V, T);
    switch (T->Kind) {
    case TypeKind::String:
    case TypeKind::DateTime: return V.kind() == Value::Kind::String;
    case TypeKind::Integer: return V.kind() == Value::Kind::Int;
    case TypeKind::Number: return V.kind() == Value::Kind::Int || V.kind() == Value::Kind::Number;
    case TypeKind::Boolean: return V.kind() == Value::Kind::Bool;
    case TypeKind::Json: return V.kind() != Value::Kind::Duration && V.kind() != Value::Kind::Size;
    case TypeKind::List: return V.kind() == Value::Kind::List;
    case TypeKind::Map:
    case TypeKind::Struct:
    case TypeKind::Tag: return V.kind() == Value::Kind::Object;
    case TypeKind::Union:
      return std::any_of(T->Members.begin(), T->Members.end(), [&](const PropertyType *M) { return fits(V, M); });
    }
    return false;
  }

  bool deployFits(const Value &V, const PropertyType *T) {
    DeployType D = V.deployType();
    if (D == DeployType::Json || V.text() == "Fn::If")
      return true; // Unknown shape: CloudFormation will tell.
    switch (T->Kind) {
    case TypeKind::String:
    case TypeKind::DateTime:
    case TypeKind::Integer:
    case TypeKind::Number: return D == DeployType::String || D == DeployType::Number;
    case TypeKind::Boolean: return D == DeployType::Bool || D == DeployType::Condition || D == DeployType::String;
    case TypeKind::List: return D == DeployType::StringList;
    case TypeKind::Json: return true;
    case TypeKind::Union:
      return std::any_of(T->Members.begin(), T->Members.end(), [&](const PropertyType *M) { return deployFits(V, M); });
    default: return false;
    }
  }

  void mismatch(const Value &V, const PropertyType *T, const std::string &What) {
    std::string Found = describe(V);
    if (V.kind() == Value::Kind::Duration)
      Found += " (convert it: seconds(x), minutes(x), days(x)...)";
    else if (V.kind() == Value::Kind::Size)
      Found += " (convert it: mb(x), gb(x), mib(x)...)";
    auto D = diags().report(V.origin().File, V.origin().Range, diag::TypeMismatch, What, typeText(T), Found);
    // Certain fixes: a number or bool written as a string, or the reverse.
    SourceRange R = V.origin().Range;
    if (T->Kind == TypeKind::String && (V.kind() == Value::Kind::Int || V.kind() == Value::Kind::Number ||
                                        V.kind() == Value::Kind::Bool))
      D.fix("write it as a string", R, "\"" + Ev.SM.text(V.origin().File).slice(R.Begin, R.End).str() + "\"");
    else if (V.kind() == Value::Kind::String && T->Kind == TypeKind::Integer && !V.text().empty() &&
             std::all_of(V.text().begin(), V.text().end(), isdigit))
      D.fix("write it as a number", R, V.text());
    else if (V.kind() == Value::Kind::String && T->Kind == TypeKind::Boolean &&
             (V.text() == "true" || V.text() == "false"))
      D.fix("write it as a bool", R, V.text());
  }

  void check(const ValuePtr &V, const PropertyType *T, const std::string &What,
             const catalog::Property *Prop, const catalog::ValueLimits *Limits) {
    if (V->kind() == Value::Kind::None || V->isVerbatim())
      return; // raw("True"): as written, for CloudFormation to judge.
    if (V->kind() == Value::Kind::Intrinsic) {
      if (!deployFits(*V, T))
        mismatch(*V, T, What);
      else if (Prop && !Prop->RelationshipRefs.empty())
        checkRelationship(*V, *Prop, What);
      return;
    }
    if (T->Kind == TypeKind::Union) {
      if (V->kind() == Value::Kind::Object && structMembers(T) > 1)
        return checkAgainstIntendedStruct(V, T, What);
      for (const PropertyType *M : T->Members)
        if (fits(*V, M))
          return check(V, M, What, Prop, Limits);
      return mismatch(*V, T, What);
    }
    if (!fits(*V, T))
      return mismatch(*V, T, What);
    if (Limits && !(T->Kind == TypeKind::String && !T->AllowedValues.empty()))
      checkValueLimits(*V, *Limits, What, Ev.SM, diags());
    // The specification's integer enums, where the schema has none.
    if (T->Kind == TypeKind::Integer && !T->AllowedValues.empty() && (!Limits || Limits->Enum.empty())) {
      catalog::ValueLimits FromSpec;
      FromSpec.Enum = T->AllowedValues;
      checkValueLimits(*V, FromSpec, What, Ev.SM, diags());
    }
    const catalog::ValueLimits *Items = Limits ? Limits->Items : nullptr;
    const catalog::ValueLimits *MapValues = Limits ? Limits->Values : nullptr;
    switch (T->Kind) {
    case TypeKind::String:
      if (!T->AllowedValues.empty() &&
          std::find(T->AllowedValues.begin(), T->AllowedValues.end(), V->text()) == T->AllowedValues.end()) {
        std::vector<std::string> Quoted;
        for (const std::string &A : T->AllowedValues)
          Quoted.push_back("\"" + A + "\"");
        auto D = diags().report(V->origin().File, V->origin().Range, diag::ValueNotAllowed, V->text(),
                                What, llvm::join(Quoted, ", "));
        if (std::string Best = closest(V->text(), T->AllowedValues); !Best.empty())
          D.fix("did you mean \"" + Best + "\"?", V->origin().Range, "\"" + Best + "\"");
      }
      return;
    case TypeKind::List:
      for (const ValuePtr &E : V->elements())
        check(E, T->Element, What, nullptr, Items);
      return;
    case TypeKind::Map:
      for (const auto &[K, E] : V->fields())
        check(E, T->Element, What, nullptr, MapValues);
      return;
    case TypeKind::Struct:
      return checkObject(*V, T->Struct->Properties, T->Struct->Name, nullptr, T->Struct->Rules);
    case TypeKind::Tag:
      for (const char *K : {"Key", "Value"}) {
        ValuePtr F = V->field(K);
        if (!F)
          diags().report(V->origin().File, V->origin().Range, diag::MissingRequiredProperty,
                         "the tag", K, "a string");
      }
      return;
    default:
      return;
    }
  }

  static unsigned structMembers(const PropertyType *U) {
    return static_cast<unsigned>(std::count_if(U->Members.begin(), U->Members.end(),
                                               [](const PropertyType *M) { return M->Kind == TypeKind::Struct; }));
  }

  /// How well an object matches a record of a union, for picking the one
  /// it was meant to be: every object fits every record by kind.
  struct StructMatch {
    bool Excluded = false;   ///< names another record by a fixed value
    bool Named = false;      ///< names this record by a fixed value
    bool Clean = false;      ///< every key known, every required one there
    bool Conforms = false;   ///< Clean, and so is every value inside
    size_t Shared = 0;       ///< keys the record knows
  };

  /// A string with fixed values is the union's tag (SAM's event `Type:
  /// "S3"`, an authorizer's `FunctionPayloadType: "REQUEST"`): a constant
  /// there names the record, or rules it out.
  static StructMatch matchStruct(const Value &V, const catalog::StructType &S) {
    StructMatch M;
    bool Complete = true;
    for (const catalog::Property &P : S.Properties) {
      ValuePtr F = V.field(P.Name);
      if (!F) {
        Complete &= !P.Required;
        continue;
      }
      ++M.Shared;
      if (P.Type->Kind != TypeKind::String || P.Type->AllowedValues.empty() || F->kind() != Value::Kind::String)
        continue;
      const auto &Allowed = P.Type->AllowedValues;
      bool Listed = std::find(Allowed.begin(), Allowed.end(), F->text()) != Allowed.end();
      (Listed ? M.Named : M.Excluded) = true;
    }
    M.Clean = Complete && M.Shared == V.fields().size();
    return M;
  }

  /// Whether V is a value of T all the way down, saying nothing: tells the
  /// record a union meant when the keys alone do not (a Lambda token and a
  /// request authorizer share their keys, not their identities' shapes).
  bool conforms(const Value &V, const PropertyType *T) {
    if (V.kind() == Value::Kind::None)
      return true;
    if (V.kind() == Value::Kind::Intrinsic)
      return deployFits(V, T);
    switch (T->Kind) {
    case TypeKind::Union:
      return std::any_of(T->Members.begin(), T->Members.end(), [&](const PropertyType *M) { return conforms(V, M); });
    case TypeKind::List:
      return V.kind() == Value::Kind::List &&
             std::all_of(V.elements().begin(), V.elements().end(),
                         [&](const ValuePtr &E) { return conforms(*E, T->Element); });
    case TypeKind::Map:
      return V.kind() == Value::Kind::Object &&
             std::all_of(V.fields().begin(), V.fields().end(),
                         [&](const auto &F) { return conforms(*F.second, T->Element); });
    case TypeKind::Struct: {
      if (V.kind() != Value::Kind::Object || !matchStruct(V, *T->Struct).Clean)
        return false;
      return std::all_of(V.fields().begin(), V.fields().end(), [&](const auto &F) {
        const catalog::Property *P = T->Struct->findProperty(F.first);
        return P && conforms(*F.second, P->Type);
      });
    }
    case TypeKind::String:
      return fits(V, T) && (T->AllowedValues.empty() || std::find(T->AllowedValues.begin(), T->AllowedValues.end(),
                                                                  V.text()) != T->AllowedValues.end());
    default:
      return fits(V, T);
    }
  }

  /// Checks an object against the record of a union it was meant to be:
  /// the one its tag names, else the one it fits cleanly, else the one
  /// that knows most of its keys. Reports a tag no record takes.
  void checkAgainstIntendedStruct(const ValuePtr &V, const PropertyType *U, const std::string &What) {
    const PropertyType *Best = nullptr;
    StructMatch BestMatch;
    auto Rank = [](const StructMatch &M) { return std::make_tuple(M.Named, M.Conforms, M.Clean, M.Shared); };
    for (const PropertyType *M : U->Members) {
      if (M->Kind != TypeKind::Struct)
        continue;
      StructMatch Match = matchStruct(*V, *M->Struct);
      Match.Conforms = Match.Clean && conforms(*V, M);
      if (!Match.Excluded && (!Best || Rank(Match) > Rank(BestMatch)))
        Best = M, BestMatch = Match;
    }
    if (Best)
      return check(V, Best, What, nullptr, nullptr);
    reportUnknownTag(*V, U, What);
  }

  /// Every record's tag rules the object out: says which values the tag
  /// takes across the union.
  void reportUnknownTag(const Value &V, const PropertyType *U, const std::string &What) {
    for (const auto &Field : V.fields()) {
      std::vector<std::string> Allowed;
      for (const PropertyType *M : U->Members)
        if (M->Kind == TypeKind::Struct)
          if (const catalog::Property *P = M->Struct->findProperty(Field.first))
            if (P->Type->Kind == TypeKind::String)
              Allowed.insert(Allowed.end(), P->Type->AllowedValues.begin(), P->Type->AllowedValues.end());
      if (Allowed.empty() || Field.second->kind() != Value::Kind::String ||
          std::find(Allowed.begin(), Allowed.end(), Field.second->text()) != Allowed.end())
        continue;
      std::vector<std::string> Quoted;
      for (const std::string &A : Allowed)
        Quoted.push_back("\"" + A + "\"");
      const ir::Origin &O = Field.second->origin();
      auto D = diags().report(O.File, O.Range, diag::ValueNotAllowed, Field.second->text(),
                              "'" + Field.first + "' of " + What, llvm::join(Quoted, ", "));
      if (std::string Close = closest(Field.second->text(), Allowed); !Close.empty())
        D.fix("did you mean \"" + Close + "\"?", O.Range, "\"" + Close + "\"");
      return;
    }
    mismatch(V, U, What);
  }

  /// Checks an object against a property list: unknown names, missing
  /// required ones, and each value. Attributes (read-only) are named as such.
  void checkObject(const Value &Obj, const std::vector<catalog::Property> &Props,
                   const std::string &Owner, const std::string *ResourceName,
                   llvm::ArrayRef<catalog::PresenceRule> Rules) {
    bool Misspelled = false, Missing = false;
    std::vector<std::string> Suggested;
    for (const auto &Field : Obj.fields()) {
      // Named, not a structured binding: clang 14 cannot capture one in a lambda.
      const std::string &Key = Field.first;
      const auto &V = Field.second;
      auto It = std::find_if(Props.begin(), Props.end(), [&](const catalog::Property &P) { return P.Name == Key; });
      if (It == Props.end()) {
        // Where the key was written, and the names it may have meant, only
        // for a report: finding them for every key was most of the check.
        Origin KO = keyOrigin(Obj, Key);
        std::vector<std::string> Names;
        for (const catalog::Property &P : Props)
          Names.push_back(P.Name);
        if (ResourceName && RT.findAttribute(Key)) {
          diags().report(KO.File, KO.Range, diag::ReadOnlyProperty, Key, RT.LangName, *ResourceName);
          continue;
        }
        std::string Best = closest(Key, Names);
        auto D = diags().report(KO.File, KO.Range, diag::UnknownProperty, Key, Owner,
                                Best.empty() ? "" : "; did you mean '" + Best + "'?");
        if (!Best.empty())
          D.fix("did you mean '" + Best + "'?", KO.Range, Best);
        Suggested.push_back(Best);
        Misspelled = true;
        continue;
      }
      check(V, It->Type, "'" + Key + "' of " + Owner, &*It, It->Limits);
    }
    // A misspelled required property is one mistake: the did-you-mean above
    // says it, so it is not reported as missing too.
    for (const catalog::Property &P : Props)
      if (P.Required && !Obj.field(P.Name) &&
          std::find(Suggested.begin(), Suggested.end(), P.Name) == Suggested.end()) {
        std::string Who = ResourceName ? "resource '" + *ResourceName + "' (" + Owner + ")" : Owner;
        diags().report(Obj.origin().File, Obj.origin().Range, diag::MissingRequiredProperty, Who,
                       P.Name, typeText(P.Type));
        Missing = true;
      }
    // An unknown or missing property is already one error about which
    // properties are there; the schema's rules would say it again.
    if (!Misspelled && !Missing && !Rules.empty())
      checkPresenceRules(Obj, Rules, ResourceName ? "resource '" + *ResourceName + "' (" + Owner + ")" : Owner,
                         diags());
  }

  /// References the spec's relationships leave out although AWS documents
  /// them as the way to fill the property: an API's root resource is the
  /// parent of its top-level resources and carries root-path methods. And
  /// names the spec gives one value twice: a Lambda alias's `Id` is its
  /// ARN (what Ref returns), the same as its `AliasArn`.
  static bool isUnlistedEquivalent(const Value &V, const catalog::Property &P) {
    struct Equivalent {
      llvm::StringRef ListedType, ListedAttribute, Type, Attribute;
    };
    static const Equivalent Table[] = {
        {"AWS::ApiGateway::Resource", "ResourceId", "AWS::ApiGateway::RestApi", "RootResourceId"},
        {"AWS::Lambda::Alias", "Id", "AWS::Lambda::Alias", "AliasArn"},
    };
    for (const Equivalent &E : Table)
      if (V.refersToType() == E.Type && V.refersToAttribute() == E.Attribute)
        for (const catalog::Relationship &R : P.RelationshipRefs)
          if (R.CfnType == E.ListedType && R.Attribute == E.ListedAttribute)
            return true;
    return false;
  }

  /// Where the spec says what a property points at (a Lambda's Role is an
  /// IAM role's Arn), a reference to something else is likely a mistake.
  void checkRelationship(const Value &V, const catalog::Property &P, const std::string &What) {
    if (V.refersToType().empty() || V.refersToType() == "?")
      return;
    if (isUnlistedEquivalent(V, P))
      return;
    for (const catalog::Relationship &R : P.RelationshipRefs) {
      if (R.CfnType != V.refersToType())
        continue;
      if (V.refersToAttribute() == R.Attribute)
        return;
      if (V.refersToAttribute().empty()) { // A Ref: fine if it returns that property.
        const catalog::ResourceType *Target = Ev.Catalog->lookup(R.CfnType);
        if (!Target || Target->PrimaryIdentifier.empty() || Target->PrimaryIdentifier[0] == R.Attribute)
          return;
      }
    }
    std::vector<std::string> Wanted;
    for (const catalog::Relationship &R : P.RelationshipRefs)
      Wanted.push_back(catalog::Catalog::languageName(R.CfnType) + "." + R.Attribute);
    std::string Found = catalog::Catalog::languageName(V.refersToType());
    Found += V.refersToAttribute().empty() ? " (its Ref)" : "." + V.refersToAttribute();
    diags().report(V.origin().File, V.origin().Range, diag::WrongReferenceKind, What,
                   llvm::join(Wanted, " or "), Found);
  }
};

} // namespace

/// A type of another organisation than AWS, spelled with its CloudFormation
/// name's case: a registry type (`Initech.TPS.Report`) or a module
/// (`My.S3.Bucket.MODULE`); "" for any other name.
static std::string otherOrganisationType(const ast::NamedType *T) {
  size_t N = T->Path.size();
  bool Module = N == 4 && T->Path[3].Name == "MODULE";
  if (N != 3 && !Module)
    return "";
  llvm::StringRef Org = T->Path[0].Name;
  // A lower-case organisation is cfc's spelling of a catalog type (a typo
  // of one is CFC2009); AWS's and Alexa's types are all in the catalog.
  if (Org.empty() || !isupper(static_cast<unsigned char>(Org[0])) || Org.equals_insensitive("aws") || Org.equals_insensitive("alexa"))
    return "";
  std::string Cfn;
  for (const ast::Identifier &Part : T->Path)
    Cfn += (Cfn.empty() ? "" : "::") + Part.Name;
  return Cfn;
}

std::string Evaluator::resolveResourceType(const ast::NamedType *T, FileId File) {
  std::string Name = T->dottedName();
  // `custom.Thing` is the custom resource type Custom::Thing.
  if (T->Path.size() == 2 && T->Path[0].Name == "custom")
    return "Custom::" + T->Path[1].Name;
  // CDK puts this one in every template it synthesizes; CloudFormation
  // takes it without a schema (it only counts CDK's use), so the catalog,
  // made of the schemas, lacks it.
  if (Name == "aws.cdk.Metadata")
    return "AWS::CDK::Metadata";
  if (!Catalog)
    return "";
  if (const catalog::ResourceType *RT = Catalog->lookup(Name))
    return RT->CfnType;
  if (std::string Other = otherOrganisationType(T); !Other.empty()) {
    Diags.report(File, T->range(), diag::UncheckedResourceType, Other);
    return Other;
  }
  std::vector<std::string> Close = Catalog->closestNames(Name, 1);
  Diags.report(File, T->range(), diag::UnknownResourceType, Name,
               Close.empty() ? "" : "; did you mean '" + Close[0] + "'?");
  return "";
}

/// The properties `aws cloudformation package` (and `sam package`) upload
/// from a local path and replace by their S3 location, whose schema type is
/// an object (the AWS CLI's list; string-typed ones take a path anyway).
static bool isPackagedProperty(llvm::StringRef CfnType, llvm::StringRef Property) {
  static const std::pair<llvm::StringRef, llvm::StringRef> Packaged[] = {
      {"AWS::Lambda::Function", "Code"},
      {"AWS::Lambda::LayerVersion", "Content"},
      {"AWS::ApiGateway::RestApi", "BodyS3Location"},
      {"AWS::ElasticBeanstalk::ApplicationVersion", "SourceBundle"},
      {"AWS::StepFunctions::StateMachine", "DefinitionS3Location"},
  };
  return llvm::is_contained(Packaged, std::make_pair(CfnType, Property));
}

ValuePtr Evaluator::withPackagePaths(const std::string &CfnType, const ValuePtr &Props) {
  if (Props->kind() != Value::Kind::Object)
    return Props;
  std::vector<std::pair<std::string, ValuePtr>> Checked;
  bool Any = false;
  const auto &Fields = Props->fields();
  for (size_t I = 0; I < Fields.size(); ++I) {
    const auto &Field = Fields[I];
    const ValuePtr &V = Field.second;
    if (!isPackagedProperty(CfnType, Field.first) || V->kind() != Value::Kind::String) {
      if (Any) // Copied from the first path on: most resources have none.
        Checked.push_back(Field);
      continue;
    }
    if (!Any)
      Checked.assign(Fields.begin(), Fields.begin() + static_cast<std::ptrdiff_t>(I));
    // A template written for packaging (cfn-lint's and SAM's test
    // templates, a CI pipeline's input): the path is kept as written, and
    // said once; the property is checked as a value of unknown shape.
    Diags.report(V->origin().File, V->origin().Range, diag::PackagePath, Field.first, V->text());
    Checked.emplace_back(Field.first, Value::intrinsic("Ref", {Value::string("AWS::NoValue", V->origin())},
                                                       DeployType::Json, V->origin(), /*Single=*/true));
    Any = true;
  }
  return Any ? Value::object(std::move(Checked), Props->origin()) : Props;
}

void Evaluator::checkProperties(const std::string &CfnType, const std::string &ResourceName,
                                const ValuePtr &Props, const ast::Object *Body, FileId File) {
  if (llvm::StringRef(CfnType).startswith("Custom::")) {
    if (!Props->field("ServiceToken"))
      Diags.report(File, Props->origin().Range, diag::MissingRequiredProperty,
                   "custom resource '" + ResourceName + "'", "ServiceToken", "a Lambda function or SNS topic ARN");
    return;
  }
  const catalog::ResourceType *RT = Catalog ? Catalog->lookup(CfnType) : nullptr;
  if (!RT)
    return;
  Checker C{*this, *RT, Body, File};
  size_t ErrorsBefore = Diags.errorCount();
  C.checkObject(*withPackagePaths(CfnType, Props), RT->Properties, RT->LangName, &ResourceName, RT->Rules);
  // A resource with an error in its properties has had its one message:
  // the services' rules would only say it again in other words.
  if (Diags.errorCount() == ErrorsBefore)
    checkConditionalRules(*RT, *Props, ResourceName, Diags);
}

std::optional<ir::DeployType> Evaluator::attributeType(const std::string &CfnType, llvm::StringRef Attr,
                                                       Origin Where, const std::string &ResourceId) {
  // A custom resource's attributes are whatever its handler returns; most
  // are strings, and treating them so lets them be interpolated.
  if (llvm::StringRef(CfnType).startswith("Custom::") || CfnType == "AWS::CloudFormation::CustomResource" ||
      !Catalog)
    return DeployType::String;
  const catalog::ResourceType *RT = Catalog->lookup(CfnType);
  if (!RT) // A type outside the catalog (CFC2050, CDK's): as a custom resource's.
    return DeployType::String;
  if (const catalog::Attribute *A = RT->findAttribute(Attr)) {
    switch (A->Type->Kind) {
    case TypeKind::List: return DeployType::StringList;
    case TypeKind::Integer:
    case TypeKind::Number: return DeployType::Number;
    case TypeKind::String:
    case TypeKind::DateTime: return DeployType::String;
    default: return DeployType::Json;
    }
  }
  std::vector<std::string> Names;
  for (const catalog::Attribute &A : RT->Attributes)
    Names.push_back(A.Name);
  std::string Best = closest(Attr, Names);
  auto D = Diags.report(Where.File, Where.Range, diag::UnknownAttribute, RT->LangName, Attr,
                        Best.empty() ? "" : "; did you mean '" + Best + "'?");
  if (!Best.empty())
    D.fix("did you mean '" + Best + "'?", Where.Range, Best);
  return std::nullopt;
}

} // namespace cfc::sema
