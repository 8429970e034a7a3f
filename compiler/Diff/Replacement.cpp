// Replacement — the catalog's update effects along a changed path, and the
// cascade of replacements through references (as cdk diff shows them: a
// value that refers to a replaced resource may change, and may replace its
// own resource in turn).
#include "Diff/Replacement.h"

#include "Catalog/Catalog.h"
#include "Catalog/ResourceType.h"

#include "llvm/ADT/StringRef.h"

namespace cfc::diff {

using json = nlohmann::ordered_json;

namespace {

Replacement effectOf(const catalog::Property &P) {
  switch (P.Update) {
  case catalog::UpdateEffect::InPlace:
    return Replacement::Never;
  case catalog::UpdateEffect::Replaces:
    return Replacement::Always;
  case catalog::UpdateEffect::MayReplace:
    return Replacement::Conditional;
  }
  return Replacement::Never;
}

/// Where a walk through the catalog's types stands: the properties of a
/// resource or struct (Props), or a value of type Type.
struct CatalogPlace {
  const std::vector<catalog::Property> *Props = nullptr;
  const catalog::PropertyType *Type = nullptr;
};

/// The strongest effect seen so far and the catalog path that gave it.
struct Verdict {
  Replacement Effect = Replacement::Never;
  std::string Decider;

  void see(const catalog::Property &P, const std::string &Path) {
    Replacement E = effectOf(P);
    if (E > Effect) {
      Effect = E;
      Decider = Path;
    }
  }
};

/// The properties a value of type T holds, if T is (or may be) a struct.
const std::vector<catalog::Property> *propertiesOf(const catalog::PropertyType *T) {
  if (!T)
    return nullptr;
  if (T->Kind == catalog::TypeKind::Struct && T->Struct)
    return &T->Struct->Properties;
  if (T->Kind == catalog::TypeKind::Union)
    for (const catalog::PropertyType *M : T->Members)
      if (const auto *Props = propertiesOf(M))
        return Props;
  return nullptr;
}

/// The element type of a list or map type T (or of a union's list member).
const catalog::PropertyType *elementOf(const catalog::PropertyType *T) {
  if (!T)
    return nullptr;
  if ((T->Kind == catalog::TypeKind::List || T->Kind == catalog::TypeKind::Map) && T->Element)
    return T->Element;
  if (T->Kind == catalog::TypeKind::Union)
    for (const catalog::PropertyType *M : T->Members)
      if (const catalog::PropertyType *E = elementOf(M))
        return E;
  return nullptr;
}

const catalog::Property *findIn(const std::vector<catalog::Property> &Props, llvm::StringRef Name) {
  auto It = std::lower_bound(Props.begin(), Props.end(), Name,
                             [](const catalog::Property &P, llvm::StringRef N) { return P.Name < N; });
  return It != Props.end() && It->Name == Name ? &*It : nullptr;
}

std::string dotted(const std::string &Prefix, const std::string &Name) {
  return Prefix.empty() ? Name : Prefix + "." + Name;
}

/// The effects of the properties inside a changed value V of type T:
/// setting a struct sets each of its properties.
void judgeInside(const catalog::PropertyType *T, const json &V, const std::string &Prefix, Verdict &Out,
                 unsigned Depth = 0) {
  if (!T || Depth > 32 || isIntrinsic(V))
    return;
  if (V.is_array() || (V.is_object() && !propertiesOf(T))) {
    for (const json &E : V)
      judgeInside(elementOf(T), E, Prefix, Out, Depth + 1);
    return;
  }
  const auto *Props = propertiesOf(T);
  if (!Props || !V.is_object())
    return;
  for (auto It = V.begin(); It != V.end(); ++It)
    if (const catalog::Property *P = findIn(*Props, It.key())) {
      std::string Path = dotted(Prefix, P->Name);
      Out.see(*P, Path);
      judgeInside(P->Type, *It, Path, Out, Depth + 1);
    }
}

bool isCustomType(llvm::StringRef CfnType) {
  return CfnType.startswith("Custom::") || CfnType == "AWS::CloudFormation::CustomResource";
}

} // namespace

void judgeChange(const std::string &CfnType, ValueChange &C, const catalog::Catalog &Catalog) {
  if (C.Path.size() < 2 || C.Path[0].Key != "Properties" || C.Path[0].IsIndex)
    return; // Policies, DependsOn, Metadata, Condition: updated in place.
  if (isCustomType(CfnType))
    return; // The provider updates it; cfc cannot know more.
  const catalog::ResourceType *T = Catalog.lookup(CfnType);
  if (!T) {
    C.Replaces = Replacement::Conditional;
    C.Reason = "the catalog does not know " + CfnType + ", so any change may replace it";
    return;
  }
  Verdict V;
  CatalogPlace At{&T->Properties, nullptr};
  std::string Prefix;
  bool Known = true;
  for (size_t I = 1; I < C.Path.size() && Known; ++I) {
    const PathStep &S = C.Path[I];
    if (!At.Props && At.Type && (S.IsIndex || At.Type->Kind == catalog::TypeKind::Map)) {
      At.Type = elementOf(At.Type); // A list's element or a map's value.
      Known = At.Type != nullptr;
      continue;
    }
    const auto *Props = At.Props ? At.Props : propertiesOf(At.Type);
    const catalog::Property *P = Props && !S.IsIndex ? findIn(*Props, S.Key) : nullptr;
    if (!P) {
      Known = false;
      break;
    }
    Prefix = dotted(Prefix, P->Name);
    V.see(*P, Prefix);
    At = {nullptr, P->Type};
  }
  if (Known && !At.Props)
    for (const auto *Side : {&C.Before, &C.After})
      if (*Side)
        judgeInside(At.Type, **Side, Prefix, V);
  C.Replaces = V.Effect;
  if (V.Effect != Replacement::Never)
    C.Reason = "the catalog says a change to " + V.Decider +
               (V.Effect == Replacement::Always ? " replaces " : " may replace ") + "an " + CfnType;
}

Replacement strongestOf(const std::vector<ValueChange> &Changes) {
  Replacement R = Replacement::Never;
  for (const ValueChange &C : Changes)
    R = std::max(R, C.Replaces);
  return R;
}

/// The variables of an Fn::Sub string: ${Name} and ${Name.Attribute}, not
/// the literal ${!Text}.
static void subVariables(llvm::StringRef Text, std::set<std::string> &Out) {
  for (size_t At = Text.find("${"); At != llvm::StringRef::npos; At = Text.find("${", At + 2)) {
    size_t End = Text.find('}', At);
    if (End == llvm::StringRef::npos)
      return;
    llvm::StringRef Name = Text.slice(At + 2, End).trim();
    if (!Name.startswith("!") && !Name.empty())
      Out.insert(Name.split('.').first.str());
  }
}

void referencedNames(const json &V, std::set<std::string> &Out) {
  if (V.is_array()) {
    for (const json &E : V)
      referencedNames(E, Out);
    return;
  }
  if (!V.is_object())
    return;
  if (V.size() == 1) {
    const std::string &K = V.begin().key();
    const json &Arg = V.begin().value();
    if (K == "Ref" && Arg.is_string())
      Out.insert(Arg.get<std::string>());
    else if (K == "Fn::GetAtt" && Arg.is_array() && !Arg.empty() && Arg[0].is_string())
      Out.insert(Arg[0].get<std::string>());
    else if (K == "Fn::GetAtt" && Arg.is_string())
      Out.insert(llvm::StringRef(Arg.get_ref<const std::string &>()).split('.').first.str());
    else if (K == "Fn::Sub") {
      const json &Text = Arg.is_array() && !Arg.empty() ? Arg[0] : Arg;
      std::set<std::string> Vars;
      if (Text.is_string())
        subVariables(Text.get_ref<const std::string &>(), Vars);
      if (Arg.is_array() && Arg.size() > 1 && Arg[1].is_object())
        for (auto It = Arg[1].begin(); It != Arg[1].end(); ++It)
          Vars.erase(It.key()); // A variable of the map is no resource.
      Out.insert(Vars.begin(), Vars.end());
    }
  }
  for (const json &E : V)
    referencedNames(E, Out);
}

namespace {

/// The first name of Names that Replaced holds, or "".
std::string firstReplaced(const std::set<std::string> &Names, const std::set<std::string> &Replaced) {
  for (const std::string &N : Names)
    if (Replaced.count(N))
      return N;
  return "";
}

/// Each deploy-time value inside V (at Path) that refers to a replaced
/// resource: the value, its path and that resource.
void findCascades(const std::vector<PathStep> &Path, const json &V, const std::set<std::string> &Replaced,
                  std::vector<ValueChange> &Out, unsigned Depth = 0) {
  if (Depth > 64)
    return;
  if (isIntrinsic(V)) {
    std::set<std::string> Names;
    referencedNames(V, Names);
    std::string Cause = firstReplaced(Names, Replaced);
    if (!Cause.empty()) {
      ValueChange C;
      C.Path = Path;
      C.Before = V;
      C.After = V;
      C.CausedBy = Cause;
      Out.push_back(std::move(C));
    }
    return;
  }
  if (V.is_object()) {
    for (auto It = V.begin(); It != V.end(); ++It) {
      std::vector<PathStep> Longer = Path;
      Longer.push_back({It.key(), 0, false});
      findCascades(Longer, *It, Replaced, Out, Depth + 1);
    }
  } else if (V.is_array()) {
    for (size_t I = 0; I < V.size(); ++I) {
      std::vector<PathStep> Longer = Path;
      Longer.push_back({"", I, true});
      findCascades(Longer, V[I], Replaced, Out, Depth + 1);
    }
  }
}

/// Whether one of the paths lies inside the other: a change there already
/// covers the value.
bool overlaps(const std::vector<PathStep> &A, const std::vector<PathStep> &B) {
  size_t N = std::min(A.size(), B.size());
  for (size_t I = 0; I < N; ++I)
    if (A[I].IsIndex != B[I].IsIndex || A[I].Key != B[I].Key || A[I].Index != B[I].Index)
      return false;
  return true;
}

/// Adds the cascades of R's new entry; true when R's replacement grew.
bool addCascades(ResourceChange &R, const json &Entry, const std::set<std::string> &Replaced,
                 const catalog::Catalog &Catalog) {
  auto Props = Entry.is_object() ? Entry.find("Properties") : Entry.end();
  if (Props == Entry.end())
    return false;
  std::vector<ValueChange> Found;
  findCascades({{"Properties", 0, false}}, *Props, Replaced, Found);
  Replacement Was = R.Replaces;
  for (ValueChange &C : Found) {
    bool Covered = false;
    for (const ValueChange &Existing : R.Changes)
      Covered = Covered || overlaps(Existing.Path, C.Path);
    if (Covered)
      continue;
    judgeChange(R.TypeAfter, C, Catalog);
    // The new value is unknown until the replacement is made: it may not
    // change at all (an attribute replacement keeps), so at most "may".
    if (C.Replaces == Replacement::Always)
      C.Replaces = Replacement::Conditional;
    R.Changes.push_back(std::move(C));
  }
  R.Replaces = strongestOf(R.Changes);
  return R.Replaces != Was;
}

} // namespace

void cascadeReplacements(std::vector<ResourceChange> &All, const json &NewResources,
                         const catalog::Catalog &Catalog) {
  std::set<std::string> Replaced;
  for (size_t Round = 0; Round <= All.size(); ++Round) {
    bool Grew = false;
    for (const ResourceChange &R : All)
      if (R.Kind == ChangeKind::Modified && R.Replaces != Replacement::Never)
        Grew |= Replaced.insert(R.LogicalId).second;
    if (!Grew)
      return;
    for (ResourceChange &R : All)
      if (R.Kind == ChangeKind::Modified && !Replaced.count(R.LogicalId))
        addCascades(R, NewResources.at(R.LogicalId), Replaced, Catalog);
  }
}

void markOutputsOfReplaced(TemplateDiff &D, const json &After) {
  std::set<std::string> Replaced;
  for (const ResourceChange &R : D.Resources)
    if (R.Kind == ChangeKind::Modified && R.Replaces != Replacement::Never)
      Replaced.insert(R.LogicalId);
  auto Outputs = After.find("Outputs");
  if (Replaced.empty() || Outputs == After.end() || !Outputs->is_object())
    return;
  for (auto It = Outputs->begin(); It != Outputs->end(); ++It) {
    bool Changed = false;
    for (const EntryChange &E : D.Entries)
      Changed = Changed || (E.Section == "Outputs" && E.LogicalId == It.key());
    if (Changed || !It->is_object() || !It->contains("Value"))
      continue;
    std::vector<ValueChange> Found;
    findCascades({{"Value", 0, false}}, (*It)["Value"], Replaced, Found);
    if (!Found.empty())
      D.Entries.push_back({"Outputs", It.key(), ChangeKind::Modified, std::move(Found)});
  }
}

} // namespace cfc::diff
