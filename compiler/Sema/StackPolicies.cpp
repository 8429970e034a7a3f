// StackPolicies — what a stack says once for many resources: whether a
// delete or a replacement keeps their data (`@removal`, cfc.yaml's
// `removal:`, by default the standard library keeps it) and which tags
// they carry (`@tags` on the description and on instances, cfc.yaml's
// `tags:`). See docs/language.md, *Data kept on delete* and *Tags*.
#include "Catalog/Catalog.h"
#include "Catalog/StatefulTypes.h"
#include "Sema/Evaluator.h"

#include <algorithm>

namespace cfc::sema {

using TagList = std::vector<std::pair<std::string, ValuePtr>>;

static bool isRemovalChoice(llvm::StringRef S) {
  return S == "destroy" || S == "retain" || S == "snapshot";
}

/// Puts Tag in Tags, replacing a tag of the same key (the later one wins).
static void putTag(TagList &Tags, std::pair<std::string, ValuePtr> Tag) {
  for (auto &Old : Tags)
    if (Old.first == Tag.first) {
      Old.second = std::move(Tag.second);
      return;
    }
  Tags.push_back(std::move(Tag));
}

TagList Evaluator::readTags(Scope &S, const ast::Decorator *Dec, FileId File, bool CompileTime) {
  ValuePtr V = Dec->Args.size() == 1 ? eval(S, Dec->Args[0], File) : nullptr;
  const char *Wanted = CompileTime ? "takes one object of tag keys to strings known at compile time"
                                   : "takes one object of tag keys to strings";
  if (!V || V->kind() != Value::Kind::Object) {
    if (V || Dec->Args.size() != 1)
      Diags.report(File, Dec->range(), diag::InvalidDecorator, "tags", Wanted);
    return {};
  }
  TagList Tags;
  for (const auto &Field : V->fields()) {
    const ValuePtr &Tag = Field.second;
    bool IsString = Tag->kind() == Value::Kind::String ||
                    (!CompileTime && Tag->kind() == Value::Kind::Intrinsic &&
                     Tag->deployType() == ir::DeployType::String);
    if (llvm::StringRef(Field.first).startswith("aws:")) {
      Diags.report(File, Dec->range(), diag::InvalidDecorator, "tags",
                   "cannot set '" + Field.first + "': keys starting with 'aws:' are AWS's own");
      continue;
    }
    if (!IsString) {
      Diags.report(Tag->origin().File ? Tag->origin().File : File,
                   Tag->origin().File ? Tag->origin().Range : Dec->range(), diag::InvalidDecorator,
                   "tags", std::string(Wanted) + "; '" + Field.first + "' is " + describe(*Tag));
      continue;
    }
    Tags.emplace_back(Field.first, Tag);
  }
  return Tags;
}

Evaluator::InstanceChoice Evaluator::readChoices(Scope &S, const ast::ResourceDecl *D, FileId File) {
  InstanceChoice C;
  if (const ast::Decorator *Dec = D->decorator("removal")) {
    ValuePtr V = Dec->Args.size() == 1 ? eval(S, Dec->Args[0], File) : nullptr;
    if (V && V->kind() == Value::Kind::String && isRemovalChoice(V->text()))
      C.Removal = V->text();
    else if (V || Dec->Args.size() != 1)
      Diags.report(File, Dec->range(), diag::InvalidDecorator, "removal",
                   "takes \"destroy\", \"retain\" or \"snapshot\"");
    if (D->decorator("retain"))
      Diags.report(File, Dec->range(), diag::InvalidDecorator, "removal",
                   "says the same as @retain; keep one of them");
  }
  if (const ast::Decorator *Dec = D->decorator("tags"))
    C.Tags = readTags(S, Dec, File, false);
  return C;
}

std::string Evaluator::removalFor(llvm::StringRef Own, bool Library) const {
  if (!Own.empty())
    return Own.str();
  for (size_t I = InstanceChoices.size(); I-- > 0;)
    if (!InstanceChoices[I].Removal.empty())
      return InstanceChoices[I].Removal;
  // The stack's choice and the default are for the library's resources:
  // a resource the user writes alone says for itself (`@retain`).
  if (!Library)
    return "";
  return Opts.Removal.empty() ? "snapshot" : Opts.Removal;
}

TagList Evaluator::inheritedTags(const TagList &Own) const {
  TagList Tags;
  for (const InstanceChoice &C : InstanceChoices)
    for (const auto &Tag : C.Tags)
      putTag(Tags, Tag);
  for (const auto &Tag : Own)
    putTag(Tags, Tag);
  return Tags;
}

/// A member of a cluster, or a read replica, keeps no data of its own: the
/// cluster's (the primary's) policy keeps it. A retained member would even
/// stop the cluster's deletion, so it is deleted. A Memcached cluster is a
/// cache that persists nothing (and ElastiCache cannot snapshot it).
static bool keepsNoDataOfItsOwn(const ir::Resource &R) {
  if (R.Type == "AWS::DocDB::DBInstance" || R.Type == "AWS::Neptune::DBInstance")
    return true;
  if (R.Properties->kind() != Value::Kind::Object)
    return false;
  if (R.Type == "AWS::ElastiCache::CacheCluster") {
    ValuePtr Engine = R.Properties->field("Engine");
    return Engine && Engine->kind() == Value::Kind::String && Engine->text() == "memcached";
  }
  if (R.Type != "AWS::RDS::DBInstance")
    return false;
  for (const char *Key : {"DBClusterIdentifier", "SourceDBInstanceIdentifier"})
    if (ValuePtr V = R.Properties->field(Key); V && V->kind() != Value::Kind::None)
      return true;
  return false;
}

void applyRemoval(ir::Resource &R, llvm::StringRef Choice) {
  if (Choice.empty() || !R.DeletionPolicy.empty() || !R.UpdateReplacePolicy.empty())
    return;
  if (R.Attributes && (R.Attributes->field("DeletionPolicy") || R.Attributes->field("UpdateReplacePolicy")))
    return; // Written as it is: the user (or the library) said.
  catalog::DataKeeping Keeping = catalog::dataKeepingOf(R.Type);
  if (Keeping == catalog::DataKeeping::None)
    return;
  std::string Policy;
  if (Choice == "destroy" || keepsNoDataOfItsOwn(R))
    Policy = "Delete";
  else if (Choice == "snapshot" && Keeping == catalog::DataKeeping::Snapshot)
    Policy = "Snapshot";
  else
    Policy = "Retain";
  R.DeletionPolicy = R.UpdateReplacePolicy = Policy;
}

// ---- tags -------------------------------------------------------------------

/// The key of a {Key, Value} tag written in the source, or "" when it is
/// no constant (then the tags are left as written).
static std::string tagKey(const ValuePtr &Tag) {
  if (Tag->kind() != Value::Kind::Object)
    return "";
  ValuePtr Key = Tag->field("Key");
  return Key && Key->kind() == Value::Kind::String ? Key->text() : "";
}

/// The tags already in R's tag property, in order; false when the property
/// is not a list or an object cfc can add to (an Fn::If, say).
static bool ownTags(const ValuePtr &Prop, catalog::TagShape Shape, std::vector<std::string> &Keys) {
  if (!Prop || Prop->kind() == Value::Kind::None)
    return true;
  if (Shape == catalog::TagShape::Map) {
    if (Prop->kind() != Value::Kind::Object)
      return false;
    for (const auto &Field : Prop->fields())
      Keys.push_back(Field.first);
    return true;
  }
  if (Prop->kind() != Value::Kind::List)
    return false;
  for (const ValuePtr &Tag : Prop->elements()) {
    std::string Key = tagKey(Tag);
    if (Key.empty())
      return false;
    Keys.push_back(Key);
  }
  return true;
}

/// Wanted (sorted by key) added to R's tag property where R does not set
/// the key itself: its own tags win and keep their place, the others follow
/// in key order.
static void addTags(ir::Resource &R, const catalog::TagLayout &L, const TagList &Wanted) {
  const std::string &Name = L.Prop->Name;
  ValuePtr Prop = R.Properties->field(Name);
  std::vector<std::string> Keys;
  if (!ownTags(Prop, L.Shape, Keys))
    return;
  std::vector<ValuePtr> Items;
  std::vector<std::pair<std::string, ValuePtr>> Fields;
  if (Prop && Prop->kind() == Value::Kind::List)
    Items = Prop->elements();
  if (Prop && Prop->kind() == Value::Kind::Object)
    Fields = Prop->fields();
  bool Added = false;
  for (const auto &Tag : Wanted) {
    if (std::find(Keys.begin(), Keys.end(), Tag.first) != Keys.end())
      continue;
    Added = true;
    ir::Origin O = Tag.second->origin();
    if (L.Shape == catalog::TagShape::Map) {
      Fields.emplace_back(Tag.first, Tag.second);
      continue;
    }
    std::vector<std::pair<std::string, ValuePtr>> Entry = {{"Key", Value::string(Tag.first, O)},
                                                           {"Value", Tag.second}};
    if (L.PropagateAtLaunch)
      Entry.emplace_back("PropagateAtLaunch", Value::boolean(true, O));
    Items.push_back(Value::object(std::move(Entry), O));
  }
  if (!Added)
    return;
  ValuePtr NewProp = L.Shape == catalog::TagShape::Map ? Value::object(std::move(Fields), R.Where)
                                                       : Value::list(std::move(Items), R.Where);
  std::vector<std::pair<std::string, ValuePtr>> Props = R.Properties->fields();
  auto Same = [&Name](const std::pair<std::string, ValuePtr> &F) { return F.first == Name; };
  if (auto It = std::find_if(Props.begin(), Props.end(), Same); It != Props.end())
    It->second = NewProp;
  else
    Props.emplace_back(Name, NewProp);
  R.Properties = Value::object(std::move(Props), R.Properties->origin());
}

void applyStackTags(ir::Template &T, const catalog::Catalog *Catalog, const LowerOptions &Opts) {
  for (const auto &Tag : Opts.Tags) {
    auto Same = [&Tag](const std::pair<std::string, std::string> &X) { return X.first == Tag.first; };
    if (auto It = std::find_if(T.StackTags.begin(), T.StackTags.end(), Same); It != T.StackTags.end())
      It->second = Tag.second;
    else
      T.StackTags.push_back(Tag);
  }
  std::stable_sort(T.StackTags.begin(), T.StackTags.end(),
                   [](const auto &A, const auto &B) { return A.first < B.first; });
  if (!Catalog)
    return;
  for (ir::Resource &R : T.Resources) {
    if (T.StackTags.empty() && R.InstanceTags.empty())
      continue;
    const catalog::ResourceType *RT = Catalog->lookup(R.Type);
    if (!RT || R.Properties->kind() != Value::Kind::Object)
      continue;
    catalog::TagLayout L = catalog::tagLayoutOf(*RT);
    // Tags that only a replacement can change are left alone: a new stack
    // tag must never replace a resource (CloudFormation's stack tags still
    // reach it when it is created).
    if (L.Shape == catalog::TagShape::None || L.Prop->Update == catalog::UpdateEffect::Replaces)
      continue;
    TagList Wanted;
    for (const auto &Tag : T.StackTags)
      Wanted.emplace_back(Tag.first, Value::string(Tag.second, R.Where));
    for (const auto &Tag : R.InstanceTags)
      putTag(Wanted, Tag);
    std::stable_sort(Wanted.begin(), Wanted.end(),
                     [](const auto &A, const auto &B) { return A.first < B.first; });
    addTags(R, L, Wanted);
  }
}

} // namespace cfc::sema
