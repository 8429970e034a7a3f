// References — a walk over every value of a template that resolves each
// name it refers to (see References.h). Intrinsics come in two shapes:
// cfc's own (Value::Kind::Intrinsic, also what raw(...) makes) and plain
// JSON objects of one key ({"Ref": "X"} inside raw's arguments, in
// @attributes, in an imported template); both read the same.
#include "IR/References.h"
#include "IR/Queries.h"

#include "Basic/Names.h"
#include "Basic/SourceManager.h"
#include "Catalog/Catalog.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

namespace cfc::ir {

namespace {

/// What a logical ID names; also the kinds a place takes, as bits.
enum Kind : unsigned { Parameter = 1, Resource = 2, Condition = 4, Mapping = 8, Pseudo = 16 };

const char *const PseudoParameters[] = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
                                        "AWS::Partition", "AWS::Region",          "AWS::StackId",
                                        "AWS::StackName", "AWS::URLSuffix"};

/// "a parameter", "a resource or parameter"... for messages.
std::string kindText(unsigned Kinds) {
  std::vector<std::string> Words;
  if (Kinds & Parameter)
    Words.push_back("parameter");
  if (Kinds & Resource)
    Words.push_back("resource");
  if (Kinds & Condition)
    Words.push_back("condition");
  if (Kinds & Mapping)
    Words.push_back("mapping");
  if (Kinds & Pseudo)
    Words.push_back("pseudo parameter");
  std::string Text;
  for (size_t I = 0; I < Words.size(); ++I)
    Text += (I == 0 ? "" : I + 1 == Words.size() ? " or " : ", ") + Words[I];
  return Text;
}

std::string article(const std::string &Noun) {
  return (llvm::StringRef("aeiou").contains(Noun[0]) ? "an " : "a ") + Noun;
}

/// What a logical ID names. Conditions and mappings have namespaces of
/// their own (a condition may share its parameter's name); parameters and
/// resources share one, that of Ref.
struct Entity {
  unsigned Kinds = 0;
  std::string Type; ///< A resource's CloudFormation type.
};

/// The offset in Source (the text of a literal that starts there) of the
/// character at Offset of the string it denotes, or npos. Source may be a
/// cfc string ("...", with \-escapes, or """raw"""), or a JSON or YAML
/// scalar of an imported template; callers check what they find there.
size_t sourceOffset(llvm::StringRef Source, size_t Offset) {
  if (Source.startswith("\"\"\"")) {
    size_t Start = Source.startswith("\"\"\"\n") ? 4 : 3;
    return Start + Offset;
  }
  if (!Source.startswith("\"") && !Source.startswith("'"))
    return Offset; // A plain YAML scalar.
  char Quote = Source[0];
  size_t S = 1, V = 0;
  while (S < Source.size() && V < Offset) {
    char C = Source[S];
    if (C == Quote && Quote == '\'' && Source.substr(S, 2) == "''") {
      S += 2, ++V;
      continue;
    }
    if (C == Quote)
      return llvm::StringRef::npos;
    if (C != '\\' || Quote == '\'') {
      ++S, ++V;
      continue;
    }
    // An escape: \u{1F600} (cfc) or \u00e9 (JSON) is a code point of one
    // to four bytes of UTF-8, any other a single byte.
    if (Source.substr(S, 2) == "\\u") {
      size_t Digits = Source.substr(S + 2, 1) == "{" ? Source.find('}', S) : S + 6;
      llvm::StringRef Hex = Source.slice(S + 2, Digits).trim("{}");
      unsigned CodePoint = 0;
      if (Digits == llvm::StringRef::npos || Hex.getAsInteger(16, CodePoint))
        return llvm::StringRef::npos;
      S = Digits + (Source[S + 2] == '{' ? 1 : 0);
      V += CodePoint < 0x80 ? 1 : CodePoint < 0x800 ? 2 : CodePoint < 0x10000 ? 3 : 4;
      continue;
    }
    S += 2, ++V;
  }
  return V == Offset ? S : llvm::StringRef::npos;
}

class Checker {
public:
  Checker(const Template &T, const catalog::Catalog *Catalog, const SourceManager *SM, DiagnosticEngine &Diags,
          const ReferenceCodes &Codes)
      : T(T), Catalog(Catalog), SM(SM), Diags(Diags), Codes(Codes) {}

  bool run() {
    declare();
    for (const ir::Parameter &P : T.Parameters)
      if (P.Attributes)
        walk(*P.Attributes);
    for (const ir::Rule &R : T.Rules) {
      if (R.RuleCondition)
        walk(*R.RuleCondition);
      walk(*R.Assert);
    }
    for (const ir::Condition &C : T.Conditions)
      walk(*C.Expression, /*InCondition=*/true);
    // A resource's or output's Condition (@if) and @dependsOn are cfc's own
    // names, which the evaluator resolved; their @attributes may hold more.
    for (const ir::Resource &R : T.Resources) {
      walk(*R.Properties);
      if (R.Attributes)
        entry(*R.Attributes, /*IsResource=*/true);
    }
    for (const ir::Output &O : T.Outputs) {
      walk(*O.Value);
      if (O.ExportName)
        walk(*O.ExportName);
    }
    if (T.Attributes)
      sections(*T.Attributes);
    return Errors == 0;
  }

private:
  const Template &T;
  const catalog::Catalog *Catalog;
  const SourceManager *SM;
  DiagnosticEngine &Diags;
  const ReferenceCodes &Codes;
  llvm::StringMap<Entity> Names;
  /// A Transform (SAM, a macro) adds names cfc cannot see.
  bool OpenWorld = false;
  std::set<std::tuple<FileId, uint32_t, uint32_t, std::string>> Reported;
  unsigned Errors = 0;
  /// Catalog lookups by CloudFormation type, once each: a stack asks for
  /// the attributes of few types many times.
  llvm::StringMap<const catalog::ResourceType *> Types;

  // ---- names --------------------------------------------------------------

  void declare(const std::string &Name, Kind K, const std::string &Type = "") {
    Entity &E = Names[Name];
    E.Kinds |= K;
    if (K == Resource)
      E.Type = Type;
    // SAM's transform makes resources of its own (MyFunctionRole...), and
    // a module its resources, named after it (MyModuleBucket).
    if (llvm::StringRef(Type).startswith("AWS::Serverless::") || llvm::StringRef(Type).endswith("::MODULE"))
      OpenWorld = true;
  }

  void declare() {
    for (const char *P : PseudoParameters)
      declare(P, Pseudo);
    for (const ir::Parameter &P : T.Parameters)
      declare(P.LogicalId, Parameter);
    for (const ir::Condition &C : T.Conditions)
      declare(C.LogicalId, Condition);
    for (const ir::Resource &R : T.Resources)
      declare(R.LogicalId, Resource, R.Type);
    if (!T.Attributes)
      return;
    // Sections written through the description's @attributes (an imported
    // template's Mappings, or any section at all).
    for (const auto &[Section, Entries] : T.Attributes->fields()) {
      if (Section == "Transform")
        OpenWorld = true;
      std::optional<Kind> K = Section == "Parameters" ? Parameter
                              : Section == "Conditions" ? Condition
                              : Section == "Resources"  ? Resource
                              : Section == "Mappings"   ? std::optional<Kind>(Mapping)
                                                        : std::nullopt; // Metadata, Rules...
      if (!K || Entries->kind() != Value::Kind::Object)
        continue;
      for (const auto &[Id, E] : Entries->fields()) {
        if (Id == "Fn::Transform")
          OpenWorld = true; // AWS::Include and macros can add entries.
        ValuePtr Type = E->kind() == Value::Kind::Object ? E->field("Type") : nullptr;
        declare(Id, *K, Type && Type->kind() == Value::Kind::String ? Type->text() : "");
      }
    }
  }

  /// The names of the kinds a place takes, for did-you-mean.
  std::vector<std::string> candidates(unsigned Takes) const {
    std::vector<std::string> Out;
    for (const auto &E : Names)
      if (E.getValue().Kinds & Takes & ~Pseudo)
        Out.push_back(E.getKey().str());
    std::sort(Out.begin(), Out.end()); // The first of equally close names wins.
    return Out;
  }

  // ---- walking ------------------------------------------------------------

  /// V as a function call: its name and arguments. A plain object of one key
  /// is a call when the key is Ref or Fn::*; `{"Condition": "X"}` only where
  /// conditions are combined (elsewhere a property may be called Condition).
  static bool asCall(const Value &V, bool InCondition, llvm::StringRef &Fn, llvm::ArrayRef<ValuePtr> &Args) {
    if (V.kind() == Value::Kind::Intrinsic) {
      Fn = V.text();
      Args = V.elements();
      return true;
    }
    if (V.kind() != Value::Kind::Object || V.fields().size() != 1)
      return false;
    const auto &[Key, Arg] = V.fields()[0];
    if (!Value::keyReadsAsCall(Key) || (Key == "Condition" && !InCondition))
      return false;
    Fn = Key;
    Args = Arg->kind() == Value::Kind::List ? llvm::ArrayRef<ValuePtr>(Arg->elements())
                                            : llvm::ArrayRef<ValuePtr>(Arg);
    return true;
  }

  void walk(const Value &V, bool InCondition = false) {
    if (!V.mayHoldCall())
      return; // Nothing in it names anything.
    llvm::StringRef Fn;
    llvm::ArrayRef<ValuePtr> Args;
    if (asCall(V, InCondition, Fn, Args))
      return call(Fn, Args);
    for (const ValuePtr &E : V.elements())
      walk(*E);
    for (const auto &F : V.fields())
      walk(*F.second);
  }

  static bool isString(const ValuePtr &V) { return V && V->kind() == Value::Kind::String; }

  void call(llvm::StringRef Fn, llvm::ArrayRef<ValuePtr> Args) {
    if (Fn == "Fn::Transform")
      return; // A macro's parameters mean what the macro says.
    if (Fn == "Fn::GetAtt")
      return getAtt(Args);
    if (Fn == "Fn::Sub")
      return sub(Args);
    size_t First = 0;
    if (!Args.empty() && isString(Args[0])) {
      if (Fn == "Ref" || Fn == "Fn::ValueOf")
        use(*Args[0], 0, Args[0]->text().size(), Parameter | Resource, Fn), First = 1;
      else if (Fn == "Fn::If" || Fn == "Condition")
        use(*Args[0], 0, Args[0]->text().size(), Condition, Fn), First = 1;
      else if (Fn == "Fn::FindInMap")
        use(*Args[0], 0, Args[0]->text().size(), Mapping, Fn), First = 1;
    }
    // Fn::And, Fn::Or and Fn::Not combine conditions.
    bool Combines = Fn == "Fn::And" || Fn == "Fn::Or" || Fn == "Fn::Not";
    for (size_t I = First; I < Args.size(); ++I)
      walk(*Args[I], Combines);
  }

  /// [R, A], or "R.A" (A may itself hold dots: "Endpoint.Address").
  void getAtt(llvm::ArrayRef<ValuePtr> Args) {
    if (Args.size() == 1 && isString(Args[0])) {
      llvm::StringRef Text = Args[0]->text();
      size_t Dot = Text.find('.');
      const Entity *R = use(*Args[0], 0, std::min(Dot, Text.size()), Resource, "Fn::GetAtt");
      if (R && Dot != llvm::StringRef::npos)
        attribute(*Args[0], Dot + 1, Text.size() - Dot - 1, Text.substr(0, Dot), *R);
      return;
    }
    const Entity *R = nullptr;
    if (!Args.empty() && isString(Args[0]))
      R = use(*Args[0], 0, Args[0]->text().size(), Resource, "Fn::GetAtt");
    else if (!Args.empty())
      walk(*Args[0]);
    for (size_t I = 1; I < Args.size(); ++I) {
      if (I == 1 && isString(Args[1]) && R)
        attribute(*Args[1], 0, Args[1]->text().size(), Args[0]->text(), *R);
      else if (!isString(Args[I]))
        walk(*Args[I]);
    }
  }

  /// "${Name}", "${Name.Attr}"; "${!Text}" is literal text, and the names
  /// of a variable map ([text, {Name: value}]) are the Sub's own.
  void sub(llvm::ArrayRef<ValuePtr> Args) {
    if (Args.empty() || !isString(Args[0])) {
      for (const ValuePtr &A : Args)
        walk(*A);
      return;
    }
    const Value *Map = Args.size() > 1 && Args[1]->kind() == Value::Kind::Object ? Args[1].get() : nullptr;
    auto Local = [Map](llvm::StringRef Name) {
      return Map && llvm::any_of(Map->fields(), [&](const auto &F) { return F.first == Name; });
    };
    for (size_t I = 1; I < Args.size(); ++I)
      walk(*Args[I]);
    const Value &S = *Args[0];
    llvm::StringRef Text = S.text();
    for (size_t Open = findSubVariable(Text, 0); Open != llvm::StringRef::npos; Open = findSubVariable(Text, Open + 2)) {
      size_t Close = Text.find('}', Open);
      if (Close == llvm::StringRef::npos)
        break;
      llvm::StringRef Var = Text.slice(Open + 2, Close);
      size_t Begin = Open + 2 + (Var.size() - Var.ltrim().size());
      Var = Var.trim();
      if (Var.empty() || Var.startswith("!") || Local(Var))
        continue;
      auto [Name, Attr] = Var.split('.');
      if (Local(Name))
        continue;
      const Entity *E = use(S, Begin, Name.size(), Parameter | Resource, "Fn::Sub", Var);
      if (E && (E->Kinds & Resource) && Var.contains('.'))
        attribute(S, Begin + Name.size() + 1, Attr.size(), Name, *E);
      Open = Close - 1;
    }
  }

  /// A resource's or output's own keys: Condition and DependsOn name things.
  void entry(const Value &Entry, bool IsResource) {
    for (const auto &[Key, V] : Entry.fields()) {
      if (Key == "Condition" && isString(V))
        use(*V, 0, V->text().size(), Condition, "Condition");
      else if (Key == "DependsOn" && IsResource && isString(V))
        use(*V, 0, V->text().size(), Resource, "DependsOn");
      else if (Key == "DependsOn" && IsResource && V->kind() == Value::Kind::List)
        for (const ValuePtr &D : V->elements())
          isString(D) ? (void)use(*D, 0, D->text().size(), Resource, "DependsOn") : walk(*D);
      else
        walk(*V);
    }
  }

  /// Top-level sections written as JSON (the description's @attributes).
  void sections(const Value &Top) {
    for (const auto &[Section, Entries] : Top.fields()) {
      bool IsObject = Entries->kind() == Value::Kind::Object;
      if (Section == "Resources" && IsObject) {
        for (const auto &F : Entries->fields())
          F.second->kind() == Value::Kind::Object ? entry(*F.second, /*IsResource=*/true) : walk(*F.second);
      } else if (Section == "Outputs" && IsObject) {
        for (const auto &F : Entries->fields())
          F.second->kind() == Value::Kind::Object ? entry(*F.second, /*IsResource=*/false) : walk(*F.second);
      } else if (Section == "Conditions" && IsObject) {
        for (const auto &F : Entries->fields())
          walk(*F.second, /*InCondition=*/true);
      } else if (Section != "Transform") {
        walk(*Entries);
      }
    }
  }

  // ---- resolving ------------------------------------------------------------

  /// Where the name at [Offset, Offset + Length) of S was written: inside
  /// the string's literal when its text can be matched there, else the
  /// whole value. Narrowed tells which.
  Origin where(const Value &S, size_t Offset, size_t Length, bool &Narrowed) const {
    Origin O = S.origin();
    Narrowed = false;
    if (!SM || O.File == 0)
      return O;
    llvm::StringRef Text = SM->text(O.File);
    if (O.Range.Begin >= Text.size())
      return O;
    // An imported template knows where a scalar starts, not always where it
    // ends: then the name is looked for up to the end of the line.
    size_t End = O.Range.empty() ? Text.find('\n', O.Range.Begin) : O.Range.End;
    llvm::StringRef Source = Text.slice(O.Range.Begin, End);
    llvm::StringRef Name = llvm::StringRef(S.text()).substr(Offset, Length);
    size_t At = sourceOffset(Source, Offset);
    if (At == llvm::StringRef::npos || Source.substr(At, Length) != Name)
      At = Source.find(Name); // Escapes or interpolation in between.
    if (At == llvm::StringRef::npos || Name.empty())
      return O;
    Narrowed = true;
    uint32_t Begin = O.Range.Begin + static_cast<uint32_t>(At);
    return {O.File, {Begin, Begin + static_cast<uint32_t>(Length)}};
  }

  /// Resolves the name at [Offset, Offset + Length) of S in a place that
  /// takes Takes (Fn names the place; SubVar the whole variable of an
  /// Fn::Sub); reports it when it does not resolve. The entity named, or
  /// null. Runs for every name of the template, so it builds no text until
  /// it has something to say.
  const Entity *use(const Value &S, size_t Offset, size_t Length, unsigned Takes, llvm::StringRef Fn,
                    llvm::StringRef SubVar = "") {
    llvm::StringRef Name = llvm::StringRef(S.text()).substr(Offset, Length);
    auto It = Names.find(Name);
    unsigned Accepts = Takes & Parameter ? Takes | Pseudo : Takes;
    if (It != Names.end() && (It->second.Kinds & Accepts))
      return &It->second;
    if (It == Names.end() && OpenWorld)
      return nullptr;
    std::string What = SubVar.empty() ? Fn.str() : "${" + SubVar.str() + "} in " + Fn.str();
    bool Narrowed;
    Origin O = where(S, Offset, Length, Narrowed);
    if (!Reported.insert({O.File, O.Range.Begin, O.Range.End, Name.str()}).second)
      return nullptr;
    ++Errors;
    if (It != Names.end()) {
      Diags.report(O.File, O.Range, Codes.WrongKind, What, Name, article(kindText(It->second.Kinds)),
                   article(kindText(Takes)));
      return nullptr;
    }
    std::string Best = closest(Name, candidates(Takes));
    std::string Word = kindText(Takes & Parameter ? Takes | Pseudo : Takes);
    auto D = Diags.report(O.File, O.Range, Codes.NamesNothing, What, Name, Word,
                          Best.empty() ? "" : "; did you mean '" + Best + "'?");
    if (!Best.empty() && Narrowed)
      D.fix("did you mean '" + Best + "'?", O.Range, Best);
    return nullptr;
  }

  /// Whether a resource of type Type has the attribute Attr. Custom
  /// resources return what their handler does, a nested stack its outputs,
  /// SAM's types what its transform makes of them; types the catalog lacks
  /// (a module's) are taken on trust.
  bool hasAttribute(const std::string &Type, llvm::StringRef Attr, std::vector<std::string> &Known) {
    if (llvm::StringRef(Type).startswith("Custom::") || Type == "AWS::CloudFormation::CustomResource" ||
        llvm::StringRef(Type).startswith("AWS::Serverless::") ||
        (Type == "AWS::CloudFormation::Stack" && Attr.startswith("Outputs.")))
      return true;
    auto [It, New] = Types.try_emplace(Type, nullptr);
    if (New && Catalog && !Type.empty())
      It->second = Catalog->lookup(Type);
    const catalog::ResourceType *RT = It->second;
    if (!RT || RT->findAttribute(Attr))
      return true;
    for (const catalog::Attribute &A : RT->Attributes)
      Known.push_back(A.Name);
    return false;
  }

  void attribute(const Value &S, size_t Offset, size_t Length, llvm::StringRef Resource, const Entity &R) {
    std::string Attr = S.text().substr(Offset, Length);
    std::vector<std::string> Known;
    if (hasAttribute(R.Type, Attr, Known))
      return;
    bool Narrowed;
    Origin O = where(S, Offset, Length, Narrowed);
    if (!Reported.insert({O.File, O.Range.Begin, O.Range.End, Attr}).second)
      return;
    ++Errors;
    std::string Best = closest(Attr, Known);
    // Appended, not `"'" + ...`: GCC 12 warns (-Wrestrict) on that falsely.
    std::string Who = "'";
    Who.append(Resource.data(), Resource.size()).append("' (").append(R.Type).append(")");
    auto D = Diags.report(O.File, O.Range, Codes.NoAttribute, Who, Attr,
                          Best.empty() ? "" : "; did you mean '" + Best + "'?");
    if (!Best.empty() && Narrowed)
      D.fix("did you mean '" + Best + "'?", O.Range, Best);
  }
};

} // namespace

bool checkReferences(const Template &T, const catalog::Catalog *Catalog, const SourceManager *SM,
                     DiagnosticEngine &Diags, const ReferenceCodes &Codes) {
  return Checker(T, Catalog, SM, Diags, Codes).run();
}

} // namespace cfc::ir
