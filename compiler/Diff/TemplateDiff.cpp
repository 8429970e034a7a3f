// TemplateDiff — comparing two templates entry by entry and value by value;
// what a change does to its resource is Replacement.cpp's business.
#include "Diff/TemplateDiff.h"

#include "Diff/Replacement.h"

#include "Catalog/StatefulTypes.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace cfc::diff {

using json = nlohmann::ordered_json;

std::string pathText(const std::vector<PathStep> &Path) {
  std::string Text;
  for (const PathStep &S : Path) {
    if (S.IsIndex) {
      Text += "[" + std::to_string(S.Index) + "]";
      continue;
    }
    if (!Text.empty())
      Text += ".";
    Text += S.Key;
  }
  return Text;
}

bool nestsTooDeep(const json &T) {
  std::vector<std::pair<const json *, unsigned>> Pending{{&T, 0}};
  while (!Pending.empty()) {
    auto Top = Pending.back();
    Pending.pop_back();
    if (Top.second > MaxNesting)
      return true;
    if (Top.first->is_structured())
      for (const json &Child : *Top.first)
        Pending.push_back({&Child, Top.second + 1});
  }
  return false;
}

const char *replacementName(Replacement R) {
  switch (R) {
  case Replacement::Never:
    return "never";
  case Replacement::Conditional:
    return "conditional";
  case Replacement::Always:
    return "always";
  }
  return "never";
}

const char *changeKindName(ChangeKind K) {
  switch (K) {
  case ChangeKind::Added:
    return "added";
  case ChangeKind::Removed:
    return "removed";
  case ChangeKind::Modified:
    return "modified";
  }
  return "modified";
}

bool isIntrinsic(const json &V) {
  if (!V.is_object() || V.size() != 1)
    return false;
  const std::string &Key = V.begin().key();
  return Key == "Ref" || Key == "Condition" || Key.rfind("Fn::", 0) == 0;
}

namespace {

PathStep key(std::string K) { return {std::move(K), 0, false}; }
PathStep index(size_t I) { return {"", I, true}; }

std::vector<PathStep> joined(const std::vector<PathStep> &Path, PathStep Step) {
  std::vector<PathStep> Longer = Path;
  Longer.push_back(std::move(Step));
  return Longer;
}

void addChange(std::vector<ValueChange> &Out, const std::vector<PathStep> &Path, const json *Before,
               const json *After) {
  ValueChange C;
  C.Path = Path;
  if (Before)
    C.Before = *Before;
  if (After)
    C.After = *After;
  Out.push_back(std::move(C));
}

void diffValues(const std::vector<PathStep> &Path, const json *Before, const json *After,
                std::vector<ValueChange> &Out);

/// Objects key by key: the new object's keys in its order, then the keys
/// only the old one has, in its order.
void diffObjects(const std::vector<PathStep> &Path, const json &Before, const json &After,
                 std::vector<ValueChange> &Out) {
  for (auto It = After.begin(); It != After.end(); ++It) {
    auto Old = Before.find(It.key());
    diffValues(joined(Path, key(It.key())), Old == Before.end() ? nullptr : &*Old, &*It, Out);
  }
  for (auto It = Before.begin(); It != Before.end(); ++It)
    if (!After.contains(It.key()))
      diffValues(joined(Path, key(It.key())), &*It, nullptr, Out);
}

/// Lists of one length element by element; otherwise what one has and the
/// other lacks (an inserted tag is one change, not one per later element).
void diffLists(const std::vector<PathStep> &Path, const json &Before, const json &After,
               std::vector<ValueChange> &Out) {
  if (Before.size() == After.size()) {
    for (size_t I = 0; I < After.size(); ++I)
      diffValues(joined(Path, index(I)), &Before[I], &After[I], Out);
    return;
  }
  std::multiset<std::string> OldItems, NewItems;
  for (const json &V : Before)
    OldItems.insert(V.dump());
  for (const json &V : After)
    NewItems.insert(V.dump());
  for (size_t I = 0; I < Before.size(); ++I) {
    auto It = NewItems.find(Before[I].dump());
    if (It != NewItems.end())
      NewItems.erase(It);
    else
      addChange(Out, joined(Path, index(I)), &Before[I], nullptr);
  }
  for (size_t I = 0; I < After.size(); ++I) {
    auto It = OldItems.find(After[I].dump());
    if (It != OldItems.end())
      OldItems.erase(It);
    else
      addChange(Out, joined(Path, index(I)), nullptr, &After[I]);
  }
}

/// Values CloudFormation resolves at deploy time (Ref, Fn::*) are compared
/// whole, as written: a changed argument is a changed value.
void diffValues(const std::vector<PathStep> &Path, const json *Before, const json *After,
                std::vector<ValueChange> &Out) {
  if (Before && After && *Before == *After)
    return;
  if (Before && After && Before->is_object() && After->is_object() && !isIntrinsic(*Before) &&
      !isIntrinsic(*After))
    return diffObjects(Path, *Before, *After, Out);
  if (Before && After && Before->is_array() && After->is_array())
    return diffLists(Path, *Before, *After, Out);
  addChange(Out, Path, Before, After);
}

const json *member(const json &Object, const char *Key) {
  if (!Object.is_object())
    return nullptr;
  auto It = Object.find(Key);
  return It == Object.end() ? nullptr : &*It;
}

/// Metadata without cfc's own keys: a line that moved is no change.
json userMetadata(const json *Metadata) {
  json Kept = json::object();
  if (!Metadata || !Metadata->is_object())
    return Metadata ? *Metadata : Kept;
  for (auto It = Metadata->begin(); It != Metadata->end(); ++It)
    if (It.key().rfind("cfc:", 0) != 0)
      Kept[It.key()] = *It;
  return Kept;
}

/// DependsOn as a sorted list: "A" and ["A"], [A, B] and [B, A] are alike.
json dependsOnSet(const json *DependsOn) {
  std::set<std::string> Names;
  if (DependsOn && DependsOn->is_string())
    Names.insert(DependsOn->get<std::string>());
  else if (DependsOn && DependsOn->is_array())
    for (const json &N : *DependsOn)
      Names.insert(N.is_string() ? N.get<std::string>() : N.dump());
  json List = json::array();
  for (const std::string &N : Names)
    List.push_back(N);
  return List;
}

std::string sourceOf(const json &Entry) {
  const json *Metadata = member(Entry, "Metadata");
  const json *Source = Metadata ? member(*Metadata, "cfc:source") : nullptr;
  return Source && Source->is_string() ? Source->get<std::string>() : "";
}

std::string typeOf(const json &Entry) {
  const json *Type = member(Entry, "Type");
  return Type && Type->is_string() ? Type->get<std::string>() : "";
}

/// The entry's attributes besides Type and Properties, compared as
/// CloudFormation reads them.
void diffAttributes(const json &Before, const json &After, std::vector<ValueChange> &Out) {
  json OldDeps = dependsOnSet(member(Before, "DependsOn")), NewDeps = dependsOnSet(member(After, "DependsOn"));
  if (OldDeps != NewDeps)
    addChange(Out, {key("DependsOn")}, OldDeps.empty() ? nullptr : &OldDeps,
              NewDeps.empty() ? nullptr : &NewDeps);
  json OldMeta = userMetadata(member(Before, "Metadata")), NewMeta = userMetadata(member(After, "Metadata"));
  if (OldMeta != NewMeta)
    diffValues({key("Metadata")}, OldMeta.empty() ? nullptr : &OldMeta,
               NewMeta.empty() ? nullptr : &NewMeta, Out);
  std::vector<std::string> Keys;
  for (const json *Entry : {&After, &Before})
    for (auto It = Entry->begin(); It != Entry->end(); ++It)
      if (It.key() != "Type" && It.key() != "Properties" && It.key() != "DependsOn" &&
          It.key() != "Metadata" && std::find(Keys.begin(), Keys.end(), It.key()) == Keys.end())
        Keys.push_back(It.key());
  for (const std::string &K : Keys)
    diffValues({key(K)}, member(Before, K.c_str()), member(After, K.c_str()), Out);
}

/// The changes of a resource present in both templates; Kind Modified
/// with no Changes when it did not change.
ResourceChange diffResource(const std::string &Id, const json &Before, const json &After,
                            const catalog::Catalog &Catalog) {
  ResourceChange R;
  R.LogicalId = Id;
  R.TypeBefore = typeOf(Before);
  R.TypeAfter = typeOf(After);
  R.Source = sourceOf(After);
  if (R.TypeBefore != R.TypeAfter) {
    json Old = R.TypeBefore, New = R.TypeAfter;
    addChange(R.Changes, {key("Type")}, &Old, &New);
    R.Changes.back().Replaces = Replacement::Always;
    R.Changes.back().Reason = "a resource of another type is a new resource";
  }
  json Empty = json::object();
  const json *OldProps = member(Before, "Properties"), *NewProps = member(After, "Properties");
  diffValues({key("Properties")}, OldProps ? OldProps : &Empty, NewProps ? NewProps : &Empty, R.Changes);
  diffAttributes(Before, After, R.Changes);
  if (R.TypeBefore == R.TypeAfter)
    for (ValueChange &C : R.Changes)
      judgeChange(R.TypeAfter, C, Catalog);
  return R;
}

/// What a removal or replacement does to the data of R: at risk, or kept
/// by the policy (Policy: the entry whose policy applies).
void judgeData(ResourceChange &R, const json &PolicyEntry, const char *PolicyName) {
  R.HoldsData = catalog::holdsData(R.TypeBefore);
  bool Lost = R.Kind == ChangeKind::Removed ||
              (R.Kind == ChangeKind::Modified && R.Replaces != Replacement::Never);
  if (!R.HoldsData || !Lost)
    return;
  const json *Policy = member(PolicyEntry, PolicyName);
  std::string Value = Policy && Policy->is_string() ? Policy->get<std::string>() : "";
  if (catalog::policyKeepsData(R.TypeBefore, Value))
    R.KeptBy = std::string(PolicyName) + " " + Value;
  else
    R.DataAtRisk = true;
}

/// Parameters, Conditions, Outputs and the other top-level sections.
void diffSections(const json &Before, const json &After, std::vector<EntryChange> &Out) {
  std::vector<std::string> Sections;
  for (const json *T : {&After, &Before})
    for (auto It = T->begin(); It != T->end(); ++It)
      if (It.key() != "Resources" && std::find(Sections.begin(), Sections.end(), It.key()) == Sections.end())
        Sections.push_back(It.key());
  for (const std::string &S : Sections) {
    const json *Old = member(Before, S.c_str()), *New = member(After, S.c_str());
    bool Keyed = (!Old || Old->is_object()) && (!New || New->is_object()) && S != "Metadata" &&
                 S != "Description" && S != "Transform";
    if (S == "AWSTemplateFormatVersion" && (!Old || !New) && *(Old ? Old : New) == "2010-09-09")
      continue; // The only version there is, written or not.
    if (!Keyed) {
      // Sections that are one value (Description, Transform...) are
      // listed together, by their name.
      EntryChange E{"Template", "", ChangeKind::Modified, {}};
      diffValues({key(S)}, Old, New, E.Changes);
      if (!E.Changes.empty())
        Out.push_back(std::move(E));
      continue;
    }
    json Empty = json::object();
    const json &O = Old ? *Old : Empty, &N = New ? *New : Empty;
    auto Entry = [&](const std::string &Id, const json *A, const json *B) {
      EntryChange E{S, Id, !A ? ChangeKind::Added : !B ? ChangeKind::Removed : ChangeKind::Modified, {}};
      if (A && B)
        diffValues({}, A, B, E.Changes);
      if (E.Kind != ChangeKind::Modified || !E.Changes.empty())
        Out.push_back(std::move(E));
    };
    for (auto It = N.begin(); It != N.end(); ++It)
      Entry(It.key(), O.contains(It.key()) ? &O[It.key()] : nullptr, &*It);
    for (auto It = O.begin(); It != O.end(); ++It)
      if (!N.contains(It.key()))
        Entry(It.key(), &*It, nullptr);
  }
}

} // namespace

TemplateDiff diffTemplates(const json &Before, const json &After, const catalog::Catalog &Catalog) {
  json Empty = json::object();
  const json *OldRes = member(Before, "Resources"), *NewRes = member(After, "Resources");
  const json &Old = OldRes && OldRes->is_object() ? *OldRes : Empty;
  const json &New = NewRes && NewRes->is_object() ? *NewRes : Empty;

  // Every resource of the new template, changed or not: a reference to a
  // replaced resource may change one that did not.
  std::vector<ResourceChange> All;
  for (auto It = New.begin(); It != New.end(); ++It) {
    auto Prior = Old.find(It.key());
    if (Prior == Old.end()) {
      ResourceChange R;
      R.LogicalId = It.key();
      R.Kind = ChangeKind::Added;
      R.TypeAfter = typeOf(*It);
      R.Source = sourceOf(*It);
      All.push_back(std::move(R));
      continue;
    }
    All.push_back(diffResource(It.key(), *Prior, *It, Catalog));
  }
  for (ResourceChange &R : All)
    R.Replaces = strongestOf(R.Changes);
  cascadeReplacements(All, New, Catalog);

  TemplateDiff D;
  for (ResourceChange &R : All) {
    if (R.Kind == ChangeKind::Modified && R.Changes.empty())
      continue;
    if (R.Kind == ChangeKind::Modified)
      judgeData(R, New.at(R.LogicalId), "UpdateReplacePolicy");
    D.Resources.push_back(std::move(R));
  }
  for (auto It = Old.begin(); It != Old.end(); ++It) {
    if (New.contains(It.key()))
      continue;
    ResourceChange R;
    R.LogicalId = It.key();
    R.Kind = ChangeKind::Removed;
    R.TypeBefore = typeOf(*It);
    R.Source = sourceOf(*It);
    judgeData(R, *It, "DeletionPolicy");
    D.Resources.push_back(std::move(R));
  }
  diffSections(Before, After, D.Entries);
  markOutputsOfReplaced(D, After);
  return D;
}

} // namespace cfc::diff
