// DatabaseRules — security rows 28-39: RDS, DynamoDB, ElastiCache and
// Redshift.
#include "Lint/RuleKit.h"

namespace cfc::lint {

namespace {

constexpr llvm::StringLiteral DbInstance = "AWS::RDS::DBInstance", DbCluster = "AWS::RDS::DBCluster";
constexpr llvm::StringLiteral ReplicationGroup = "AWS::ElastiCache::ReplicationGroup";
constexpr llvm::StringLiteral Redshift = "AWS::Redshift::Cluster";

/// An RDS instance in an Aurora cluster takes encryption and deletion
/// protection from the cluster, which is checked instead.
bool inCluster(const ir::Resource &R) {
  return R.Type == DbInstance && prop(R, "DBClusterIdentifier");
}

void rdsStorageEncrypted(const ir::Resource &R, const Stack &, Findings &Out) {
  // A read replica or a restored snapshot inherits its source's encryption.
  if (!inCluster(R) && !prop(R, "SourceDBInstanceIdentifier") && !prop(R, "DBSnapshotIdentifier") &&
      !prop(R, "SnapshotIdentifier") && !prop(R, "SourceDBClusterIdentifier"))
    requireTrue(R, "StorageEncrypted", Out);
}
void rdsPublic(const ir::Resource &R, const Stack &, Findings &Out) { forbidTrue(R, "PubliclyAccessible", Out); }
void rdsMultiAz(const ir::Resource &R, const Stack &, Findings &Out) {
  if (!inCluster(R))
    requireTrue(R, "MultiAZ", Out);
}
void rdsDeletionProtection(const ir::Resource &R, const Stack &, Findings &Out) {
  // With a DeletionPolicy that keeps the data, no stack update or deletion
  // can lose it: the finding's very claim would be wrong.
  if (ir::deletionKeepsData(R))
    return;
  if (!inCluster(R))
    requireTrue(R, "DeletionProtection", Out);
}

/// Row 32: no password (ManageMasterUserPassword, a replica, a snapshot)
/// is fine; a given one must come from a secret.
void rdsMasterPassword(const ir::Resource &R, const Stack &S, Findings &Out) {
  ValuePtr V = prop(R, "MasterUserPassword");
  if (std::optional<std::string> Problem = V ? exposedSecret(V, S) : std::nullopt)
    Out.push_back({writtenHere(V), "MasterUserPassword", *Problem, ""});
}

void dynamoPitr(const ir::Resource &R, const Stack &, Findings &Out) {
  requireTrue(R, "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", Out);
}

/// Row 34: SSEEnabled true uses KMS; without KMSMasterKeyId the key is the
/// AWS-managed aws/dynamodb, which key policies and grants cannot restrict.
void dynamoKms(const ir::Resource &R, const Stack &, Findings &Out) {
  ValuePtr Enabled = prop(R, "SSESpecification.SSEEnabled");
  if (!Enabled)
    Out.push_back({nullptr, "SSESpecification.SSEEnabled", "is not set (an AWS-owned key)", ""});
  else if (knownBool(Enabled) == false)
    Out.push_back({Enabled, "SSESpecification.SSEEnabled", "is false (an AWS-owned key)", "true"});
  else if (!prop(R, "SSESpecification.KMSMasterKeyId"))
    Out.push_back({nullptr, "SSESpecification.KMSMasterKeyId", "is not set (the AWS-managed key)", ""});
}

void cacheAtRest(const ir::Resource &R, const Stack &, Findings &Out) {
  requireTrue(R, "AtRestEncryptionEnabled", Out);
}
void cacheInTransit(const ir::Resource &R, const Stack &, Findings &Out) {
  requireTrue(R, "TransitEncryptionEnabled", Out);
}

/// Row 37: Redis AUTH, unless role-based access control (user groups,
/// Redis 6 and later) replaces it.
void cacheAuthToken(const ir::Resource &R, const Stack &S, Findings &Out) {
  if (prop(R, "UserGroupIds"))
    return;
  ValuePtr V = prop(R, "AuthToken");
  if (!V)
    Out.push_back({nullptr, "AuthToken", "is not set", ""});
  else if (std::optional<std::string> Problem = exposedSecret(V, S))
    Out.push_back({writtenHere(V), "AuthToken", *Problem, ""});
}

void redshiftEncrypted(const ir::Resource &R, const Stack &, Findings &Out) {
  requireTrue(R, "Encrypted", Out);
}
void redshiftPublic(const ir::Resource &R, const Stack &, Findings &Out) {
  forbidTrue(R, "PubliclyAccessible", Out);
}

const Rule Rules[] = {
    {diag::RdsStorageEncrypted, {DbInstance, DbCluster}, rdsStorageEncrypted, "encrypt the storage",
     {{"cfnNag", "F26,F27"}, {"checkov", "CKV_AWS_16,CKV_AWS_96"}, {"guard", "RDS_STORAGE_ENCRYPTED"},
      {"securityHub", "RDS.3"}}},
    {diag::RdsPublic, {DbInstance}, rdsPublic, "keep the database private",
     {{"cfnNag", "F22"}, {"checkov", "CKV_AWS_17"}, {"guard", "RDS_INSTANCE_PUBLIC_ACCESS_CHECK"},
      {"securityHub", "RDS.2"}}},
    {diag::RdsMultiAz, {DbInstance}, rdsMultiAz, "add a standby",
     {{"checkov", "CKV_AWS_157"}, {"guard", "RDS_MULTI_AZ_SUPPORT"}, {"securityHub", "RDS.5"}}},
    {diag::RdsDeletionProtection, {DbInstance, DbCluster}, rdsDeletionProtection,
     "protect from deletion",
     {{"cfnNag", "F80"}, {"guard", "RDS_INSTANCE_DELETION_PROTECTION_ENABLED"},
      {"securityHub", "RDS.7,RDS.8"}}},
    {diag::RdsMasterPassword, {DbInstance, DbCluster}, rdsMasterPassword, "",
     {{"cfnNag", "F23,F34"}, {"guard", "rds_master_user_password_no_plaintext_password"},
      {"cfnLint", "W1011,W2501"}}},
    {diag::DynamoDbPitr, {"AWS::DynamoDB::Table"}, dynamoPitr, "enable point-in-time recovery",
     {{"cfnNag", "W78"}, {"checkov", "CKV_AWS_28"}, {"guard", "DYNAMODB_PITR_ENABLED"},
      {"securityHub", "DynamoDB.2"}}},
    {diag::DynamoDbKms, {"AWS::DynamoDB::Table"}, dynamoKms, "encrypt with KMS",
     {{"cfnNag", "W74"}, {"checkov", "CKV_AWS_119"}, {"guard", "DYNAMODB_TABLE_ENCRYPTED_KMS"}}},
    {diag::ElastiCacheAtRest, {ReplicationGroup}, cacheAtRest, "encrypt at rest",
     {{"cfnNag", "F25"}, {"checkov", "CKV_AWS_29"},
      {"guard", "ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_AT_REST"}, {"securityHub", "ElastiCache.4"}}},
    {diag::ElastiCacheInTransit, {ReplicationGroup}, cacheInTransit, "encrypt in transit",
     {{"cfnNag", "F33"}, {"checkov", "CKV_AWS_30"},
      {"guard", "ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_IN_TRANSIT"}, {"securityHub", "ElastiCache.5"}}},
    {diag::ElastiCacheAuthToken, {ReplicationGroup}, cacheAuthToken, "",
     {{"cfnNag", "F44"}, {"checkov", "CKV_AWS_31"}, {"securityHub", "ElastiCache.6"}}},
    {diag::RedshiftEncrypted, {Redshift}, redshiftEncrypted, "encrypt the cluster",
     {{"cfnNag", "F28"}, {"checkov", "CKV_AWS_64"}}},
    {diag::RedshiftPublic, {Redshift}, redshiftPublic, "keep the cluster private",
     {{"checkov", "CKV_AWS_87"}, {"guard", "REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK"},
      {"securityHub", "Redshift.1"}}},
};

} // namespace

llvm::ArrayRef<Rule> databaseRules() { return Rules; }

} // namespace cfc::lint
