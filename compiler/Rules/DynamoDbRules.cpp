// DynamoDbRules — key attributes and billing of AWS::DynamoDB::Table and
// AWS::DynamoDB::GlobalTable (CreateTable's validation: every key attribute
// is defined, every definition is used by a key; provisioned capacity goes
// with BillingMode PROVISIONED only).
#include "Rules/RuleContext.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>

namespace cfc::rules {

namespace {

/// A key schema, or index, whose attributes are checked.
struct KeyOwner {
  std::string Name; ///< "table 'Orders'", "index 'byEmail' of table 'Orders'".
  ValuePtr Index;   ///< The index object; null for the table.
  ValuePtr KeySchema;
};

std::string tableName(const ir::Resource &R) { return "table '" + R.LogicalId + "'"; }

std::string indexName(const ir::Resource &R, const ValuePtr &Index) {
  std::optional<std::string> Name = knownString(lookup(Index, "IndexName"));
  return "index " + (Name ? "'" + *Name + "'" : std::string("(unnamed)")) + " of " + tableName(R);
}

/// The table's key schema and each index's, or nothing when some list is
/// decided at deploy time (an Fn::If of two index lists).
std::optional<std::vector<KeyOwner>> keyOwners(const ir::Resource &R) {
  std::vector<KeyOwner> Owners{{tableName(R), nullptr, prop(R, "KeySchema")}};
  for (llvm::StringRef List : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    ValuePtr Indexes = prop(R, List);
    if (!Indexes)
      continue;
    if (!isKnownList(Indexes))
      return std::nullopt;
    for (const ValuePtr &Index : Indexes->elements())
      Owners.push_back({indexName(R, Index), Index, lookup(Index, "KeySchema")});
  }
  return Owners;
}

/// A key attribute, or a definition, as written.
struct Named {
  std::string Name;
  ValuePtr At;
  std::string Owner; ///< For a key: whose key schema it is in.
};

/// Whether a key and an unused definition are one name spelled two ways.
bool spelledAlike(llvm::StringRef Key, llvm::StringRef Defined) {
  if (Key.equals_insensitive(Defined))
    return true;
  size_t Shorter = std::min(Key.size(), Defined.size());
  return Key.edit_distance(Defined, true, 2) <= (Shorter + 2) / 3;
}

/// Every key attribute is defined; every definition is used by some key.
/// A key and an unused definition spelled alike are one typo: one error,
/// whose fix-it writes the defined name.
void checkKeys(const ir::Resource &R, Context &C) {
  ValuePtr Definitions = prop(R, "AttributeDefinitions");
  if (!isKnownList(Definitions))
    return;
  std::vector<Named> Defined;
  for (const ValuePtr &D : Definitions->elements()) {
    ValuePtr NameValue = lookup(D, "AttributeName");
    if (std::optional<std::string> Name = knownString(NameValue))
      Defined.push_back({*Name, NameValue, ""});
  }
  std::optional<std::vector<KeyOwner>> Owners = keyOwners(R);
  if (!Owners)
    return;
  auto IsDefined = [&](llvm::StringRef Name) {
    return llvm::any_of(Defined, [&](const Named &D) { return D.Name == Name; });
  };
  llvm::StringSet<> Used;
  std::vector<Named> Undefined;
  bool AllKnown = true;
  for (const KeyOwner &Owner : *Owners) {
    if (!isKnownList(Owner.KeySchema)) {
      AllKnown = false;
      continue;
    }
    for (const ValuePtr &Key : Owner.KeySchema->elements()) {
      ValuePtr NameValue = lookup(Key, "AttributeName");
      std::optional<std::string> Name = knownString(NameValue);
      if (!Name) {
        AllKnown = false;
        continue;
      }
      Used.insert(*Name);
      if (!IsDefined(*Name))
        Undefined.push_back({*Name, NameValue, Owner.Name});
    }
  }
  // Unused definitions are known only when every key schema is.
  std::vector<Named> Unused;
  if (AllKnown)
    for (const Named &D : Defined)
      if (!Used.contains(D.Name))
        Unused.push_back(D);
  for (const Named &Key : Undefined) {
    auto Alike = llvm::find_if(Unused, [&](const Named &D) { return spelledAlike(Key.Name, D.Name); });
    if (Alike == Unused.end()) {
      C.report(R, Key.At, diag::DynamoDbKeyNotDefined, Key.Name, Key.Owner,
               "DynamoDB rejects the table (define it there with its type: S, N or B)");
      continue;
    }
    C.reportWithFix(R, Key.At, "use " + quoted(Alike->Name), quoted(Alike->Name), diag::DynamoDbKeyNotDefined,
                    Key.Name, Key.Owner, "did you mean \"" + Alike->Name + "\", which is defined there?");
    Unused.erase(Alike);
  }
  for (const Named &D : Unused)
    C.report(R, D.At, diag::DynamoDbAttributeUnused, D.Name, tableName(R));
}

/// Whether V is written as an object here (not an Fn::If that may be
/// AWS::NoValue).
bool isWritten(const ValuePtr &V) { return V && V->kind() == Value::Kind::Object; }

/// BillingMode PROVISIONED (AWS::DynamoDB::Table's default) needs
/// ProvisionedThroughput on the table and on each global secondary index;
/// PAY_PER_REQUEST takes none.
void checkTableBilling(const ir::Resource &R, Context &C) {
  ValuePtr Mode = prop(R, "BillingMode");
  std::optional<std::string> Billing = Mode ? knownString(Mode) : std::string("PROVISIONED");
  if (!Billing)
    return;
  ValuePtr Indexes = prop(R, "GlobalSecondaryIndexes");
  std::vector<ValuePtr> Gsis = isKnownList(Indexes) ? Indexes->elements() : std::vector<ValuePtr>{};
  if (*Billing == "PROVISIONED") {
    const char *Default = Mode ? "" : " (BillingMode's default)";
    if (!prop(R, "ProvisionedThroughput"))
      C.report(R, Mode, diag::DynamoDbThroughputMissing, tableName(R), Default, "ProvisionedThroughput");
    for (const ValuePtr &Gsi : Gsis)
      if (Gsi && Gsi->kind() == Value::Kind::Object && !lookup(Gsi, "ProvisionedThroughput"))
        C.report(R, Gsi, diag::DynamoDbThroughputMissing, indexName(R, Gsi), Default, "ProvisionedThroughput");
  } else if (*Billing == "PAY_PER_REQUEST") {
    ValuePtr Throughput = prop(R, "ProvisionedThroughput");
    if (isWritten(Throughput))
      C.report(R, Throughput, diag::DynamoDbThroughputOnDemand, tableName(R));
    for (const ValuePtr &Gsi : Gsis) {
      ValuePtr IndexThroughput = lookup(Gsi, "ProvisionedThroughput");
      if (isWritten(IndexThroughput))
        C.report(R, IndexThroughput, diag::DynamoDbThroughputOnDemand, indexName(R, Gsi));
    }
  }
}

/// A global table in PROVISIONED mode (its default too) sets
/// WriteProvisionedThroughputSettings on the table and on each global
/// secondary index.
void checkGlobalTableBilling(const ir::Resource &R, Context &C) {
  ValuePtr Mode = prop(R, "BillingMode");
  std::optional<std::string> Billing = Mode ? knownString(Mode) : std::string("PROVISIONED");
  if (Billing != "PROVISIONED")
    return;
  const char *Default = Mode ? "" : " (BillingMode's default)";
  if (!prop(R, "WriteProvisionedThroughputSettings"))
    C.report(R, Mode, diag::DynamoDbThroughputMissing, tableName(R), Default,
             "WriteProvisionedThroughputSettings");
  ValuePtr Indexes = prop(R, "GlobalSecondaryIndexes");
  if (!isKnownList(Indexes))
    return;
  for (const ValuePtr &Gsi : Indexes->elements())
    if (Gsi && Gsi->kind() == Value::Kind::Object && !lookup(Gsi, "WriteProvisionedThroughputSettings"))
      C.report(R, Gsi, diag::DynamoDbThroughputMissing, indexName(R, Gsi), Default,
               "WriteProvisionedThroughputSettings");
}

} // namespace

void checkDynamoDbTable(const ir::Resource &R, Context &C) {
  checkKeys(R, C);
  if (R.Type == "AWS::DynamoDB::GlobalTable")
    checkGlobalTableBilling(R, C);
  else
    checkTableBilling(R, C);
}

} // namespace cfc::rules
