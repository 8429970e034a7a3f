// DynamoDbRules — key attributes and billing of AWS::DynamoDB::Table and
// AWS::DynamoDB::GlobalTable (CreateTable's validation: every key attribute
// is defined, every definition is used by a key; provisioned capacity goes
// with BillingMode PROVISIONED only).
#include "Rules/RuleContext.h"

#include "llvm/ADT/StringSet.h"

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

/// Every key attribute is defined; every definition is used by some key.
void checkKeys(const ir::Resource &R, Context &C) {
  ValuePtr Definitions = prop(R, "AttributeDefinitions");
  if (!isKnownList(Definitions))
    return;
  llvm::StringSet<> Defined;
  for (const ValuePtr &D : Definitions->elements())
    if (std::optional<std::string> Name = knownString(lookup(D, "AttributeName")))
      Defined.insert(*Name);
  std::optional<std::vector<KeyOwner>> Owners = keyOwners(R);
  if (!Owners)
    return;
  llvm::StringSet<> Used;
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
      if (!Defined.contains(*Name))
        C.report(R, NameValue, diag::DynamoDbKeyNotDefined, *Name, Owner.Name);
    }
  }
  if (!AllKnown)
    return;
  for (const ValuePtr &D : Definitions->elements()) {
    ValuePtr NameValue = lookup(D, "AttributeName");
    std::optional<std::string> Name = knownString(NameValue);
    if (Name && !Used.contains(*Name))
      C.report(R, NameValue, diag::DynamoDbAttributeUnused, *Name, tableName(R));
  }
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
