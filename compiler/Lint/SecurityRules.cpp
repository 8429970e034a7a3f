// SecurityRules — the table of security rules `cfc check` applies to a
// lowered template (rows of ../shared/design/security-rules.md), and the
// small value queries they are written with.
#include "Lint/Lint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <initializer_list>
#include <optional>

namespace cfc::lint {

using ir::Value;
using ir::ValuePtr;

namespace {

/// One breach of a rule: where (a property's value, or null for the
/// resource), which property, what is wrong, and the value that fixes it.
struct Finding {
  ValuePtr At;
  std::string Property;
  std::string Problem;
  std::string Replacement; ///< Source text to put over At; empty: no fix-it.
};

using Findings = std::vector<Finding>;
using CheckFn = void (*)(const ir::Resource &, Findings &);

/// A rule: its code, the resource types it applies to, the check, the fix
/// (said in the fix-it) and the other scanners' ids.
struct Rule {
  diag::Kind Kind;
  std::initializer_list<llvm::StringRef> Types;
  CheckFn Check;
  llvm::StringRef Fix;
  std::initializer_list<std::pair<llvm::StringRef, llvm::StringRef>> Ids;
};

// ---- Value queries ------------------------------------------------------------

/// The value at a dotted path ("A.B") of an object, or null when absent.
ValuePtr lookup(const ValuePtr &Obj, llvm::StringRef Path) {
  ValuePtr V = Obj;
  while (V && !Path.empty()) {
    if (V->kind() != Value::Kind::Object)
      return nullptr;
    auto [Head, Rest] = Path.split('.');
    V = V->field(Head);
    Path = Rest;
  }
  if (V && V->kind() == Value::Kind::None)
    return nullptr;
  return V;
}

ValuePtr prop(const ir::Resource &R, llvm::StringRef Path) { return lookup(R.Properties, Path); }

/// A compile-time boolean (CloudFormation also takes "true"/"false"), or
/// nothing when the value is decided at deploy time.
std::optional<bool> knownBool(const ValuePtr &V) {
  if (!V || !V->isConstant())
    return std::nullopt;
  if (V->kind() == Value::Kind::Bool)
    return V->asBool();
  if (V->kind() == Value::Kind::String && (V->text() == "true" || V->text() == "false"))
    return V->text() == "true";
  return std::nullopt;
}

/// A compile-time string, or nothing.
std::optional<std::string> knownString(const ValuePtr &V) {
  if (V && V->isConstant() && V->kind() == Value::Kind::String)
    return V->text();
  return std::nullopt;
}

/// A compile-time integer (or an integer spelled as a string), or nothing.
std::optional<int64_t> knownInt(const ValuePtr &V) {
  if (!V || !V->isConstant())
    return std::nullopt;
  if (V->kind() == Value::Kind::Int)
    return V->asInt();
  int64_t N;
  if ((V->kind() == Value::Kind::String || V->kind() == Value::Kind::Number) &&
      !llvm::StringRef(V->text()).getAsInteger(10, N))
    return N;
  return std::nullopt;
}

/// The elements of a list, or the value itself when it is a single one.
std::vector<ValuePtr> asList(const ValuePtr &V) {
  if (!V)
    return {};
  if (V->kind() == Value::Kind::List)
    return V->elements();
  return {V};
}

/// Whether V is "*" or a list holding "*".
bool hasWildcard(const ValuePtr &V) {
  return llvm::any_of(asList(V), [](const ValuePtr &E) { return knownString(E) == "*"; });
}

std::string quoted(llvm::StringRef S) { return "\"" + S.str() + "\""; }

// ---- Generic checks ------------------------------------------------------------

/// Path must be true; absent counts as false (CloudFormation's default).
void requireTrue(const ir::Resource &R, llvm::StringRef Path, Findings &Out) {
  ValuePtr V = prop(R, Path);
  if (!V)
    Out.push_back({nullptr, Path.str(), "is not set", ""});
  else if (knownBool(V) == false)
    Out.push_back({V, Path.str(), "is false", "true"});
}

/// Path must not be true; absent is fine.
void forbidTrue(const ir::Resource &R, llvm::StringRef Path, Findings &Out) {
  ValuePtr V = prop(R, Path);
  if (knownBool(V) == true)
    Out.push_back({V, Path.str(), "is true", "false"});
}

/// Path must be set, to anything.
void requireSet(const ir::Resource &R, llvm::StringRef Path, Findings &Out) {
  if (!prop(R, Path))
    Out.push_back({nullptr, Path.str(), "is not set", ""});
}

/// Path must be one of Allowed (the first is the fix); absent is reported
/// at the resource.
void requireOneOf(const ir::Resource &R, llvm::StringRef Path,
                  std::initializer_list<llvm::StringRef> Allowed, Findings &Out) {
  ValuePtr V = prop(R, Path);
  if (!V) {
    Out.push_back({nullptr, Path.str(), "is not set", ""});
    return;
  }
  std::optional<std::string> S = knownString(V);
  if (S && !llvm::is_contained(Allowed, *S))
    Out.push_back({V, Path.str(), "is " + quoted(*S), quoted(*Allowed.begin())});
}

/// An RDS instance in an Aurora cluster takes encryption and deletion
/// protection from the cluster, which is checked instead.
bool inCluster(const ir::Resource &R) {
  return R.Type == "AWS::RDS::DBInstance" && prop(R, "DBClusterIdentifier");
}

// ---- S3 ---------------------------------------------------------------------------

void s3PublicAccessBlock(const ir::Resource &R, Findings &Out) {
  ValuePtr Config = prop(R, "PublicAccessBlockConfiguration");
  if (!Config) {
    Out.push_back({nullptr, "PublicAccessBlockConfiguration", "is not set", ""});
    return;
  }
  if (Config->kind() != Value::Kind::Object)
    return; // Decided at deploy time.
  for (llvm::StringRef Flag :
       {"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"}) {
    std::string Path = "PublicAccessBlockConfiguration." + Flag.str();
    ValuePtr V = Config->field(Flag);
    if (!V || V->kind() == Value::Kind::None)
      Out.push_back({Config, Path, "is not set", ""});
    else if (knownBool(V) == false)
      Out.push_back({V, Path, "is false", "true"});
  }
}

void s3Encryption(const ir::Resource &R, Findings &Out) { requireSet(R, "BucketEncryption", Out); }

void s3Versioning(const ir::Resource &R, Findings &Out) {
  if (!prop(R, "VersioningConfiguration"))
    Out.push_back({nullptr, "VersioningConfiguration", "is not set", ""});
  else
    requireOneOf(R, "VersioningConfiguration.Status", {"Enabled"}, Out);
}

void s3PublicAcl(const ir::Resource &R, Findings &Out) {
  ValuePtr V = prop(R, "AccessControl");
  std::optional<std::string> Acl = knownString(V);
  if (Acl && (*Acl == "PublicRead" || *Acl == "PublicReadWrite"))
    Out.push_back({V, "AccessControl", "is " + quoted(*Acl), quoted("Private")});
}

// ---- IAM --------------------------------------------------------------------------

/// Every policy document of an IAM resource, with the property it is under.
std::vector<std::pair<std::string, ValuePtr>> policyDocuments(const ir::Resource &R) {
  std::vector<std::pair<std::string, ValuePtr>> Docs;
  if (ValuePtr D = prop(R, "PolicyDocument"))
    Docs.emplace_back("PolicyDocument", D);
  for (const ValuePtr &P : asList(prop(R, "Policies")))
    if (ValuePtr D = lookup(P, "PolicyDocument"))
      Docs.emplace_back("Policies[].PolicyDocument", D);
  return Docs;
}

/// The statements of a policy document that allow (Effect "Allow").
std::vector<ValuePtr> allowStatements(const ValuePtr &Doc) {
  std::vector<ValuePtr> Result;
  for (const ValuePtr &S : asList(lookup(Doc, "Statement")))
    if (S->kind() == Value::Kind::Object && knownString(lookup(S, "Effect")) == "Allow")
      Result.push_back(S);
  return Result;
}

/// Rows 8 (action), 9 (both: admin) and 10 (resource); an admin statement
/// is reported once, as 9.
enum class Wildcard { Action, Admin, Resource };

void iamWildcards(const ir::Resource &R, Wildcard Which, Findings &Out) {
  for (const auto &[Where, Doc] : policyDocuments(R))
    for (const ValuePtr &S : allowStatements(Doc)) {
      ValuePtr Action = lookup(S, "Action"), Resource = lookup(S, "Resource");
      bool AnyAction = hasWildcard(Action), AnyResource = hasWildcard(Resource);
      if (Which == Wildcard::Admin && AnyAction && AnyResource)
        Out.push_back({Action, Where + ".Statement[].Action", "is \"*\"", ""});
      if (Which == Wildcard::Action && AnyAction && !AnyResource)
        Out.push_back({Action, Where + ".Statement[].Action", "is \"*\"", ""});
      if (Which == Wildcard::Resource && AnyResource && !AnyAction)
        Out.push_back({Resource, Where + ".Statement[].Resource", "is \"*\"", ""});
    }
}

void iamWildcardAction(const ir::Resource &R, Findings &Out) { iamWildcards(R, Wildcard::Action, Out); }
void iamAdmin(const ir::Resource &R, Findings &Out) { iamWildcards(R, Wildcard::Admin, Out); }
void iamWildcardResource(const ir::Resource &R, Findings &Out) {
  iamWildcards(R, Wildcard::Resource, Out);
}

void iamTrust(const ir::Resource &R, Findings &Out) {
  for (const ValuePtr &S : allowStatements(prop(R, "AssumeRolePolicyDocument"))) {
    ValuePtr Principal = lookup(S, "Principal");
    if (hasWildcard(Principal))
      Out.push_back({Principal, "AssumeRolePolicyDocument.Statement[].Principal", "is \"*\"", ""});
    else if (ValuePtr Aws = lookup(Principal, "AWS"); hasWildcard(Aws))
      Out.push_back({Aws, "AssumeRolePolicyDocument.Statement[].Principal.AWS", "is \"*\"", ""});
    if (ValuePtr Action = lookup(S, "Action"); hasWildcard(Action))
      Out.push_back({Action, "AssumeRolePolicyDocument.Statement[].Action", "is \"*\"",
                     quoted("sts:AssumeRole")});
  }
}

// ---- Lambda, API Gateway, Cognito --------------------------------------------------

void lambdaDeadLetter(const ir::Resource &R, Findings &Out) { requireSet(R, "DeadLetterConfig", Out); }
void lambdaConcurrency(const ir::Resource &R, Findings &Out) {
  requireSet(R, "ReservedConcurrentExecutions", Out);
}
void lambdaVpc(const ir::Resource &R, Findings &Out) { requireSet(R, "VpcConfig", Out); }
void lambdaTracing(const ir::Resource &R, Findings &Out) {
  requireOneOf(R, "TracingConfig.Mode", {"Active"}, Out);
}

void apiMethodAuthorization(const ir::Resource &R, Findings &Out) {
  ValuePtr KeyRequired = prop(R, "ApiKeyRequired");
  if (knownString(prop(R, "HttpMethod")) == "OPTIONS" || (KeyRequired && knownBool(KeyRequired) != false))
    return; // CORS preflight, or a key is (or may be) required.
  ValuePtr V = prop(R, "AuthorizationType");
  if (!V)
    Out.push_back({nullptr, "AuthorizationType", "is not set (NONE)", ""});
  else if (knownString(V) == "NONE")
    Out.push_back({V, "AuthorizationType", "is \"NONE\"", quoted("AWS_IAM")});
}

void apiStageLogging(const ir::Resource &R, Findings &Out) {
  requireSet(R, R.Type == "AWS::ApiGatewayV2::Stage" ? "AccessLogSettings" : "AccessLogSetting", Out);
}

void cognitoMfa(const ir::Resource &R, Findings &Out) {
  requireOneOf(R, "MfaConfiguration", {"ON", "OPTIONAL"}, Out);
}
void cognitoThreatProtection(const ir::Resource &R, Findings &Out) {
  requireOneOf(R, "UserPoolAddOns.AdvancedSecurityMode", {"ENFORCED"}, Out);
}
void cognitoUnauthenticated(const ir::Resource &R, Findings &Out) {
  forbidTrue(R, "AllowUnauthenticatedIdentities", Out);
}

// ---- Databases, caches, warehouses ---------------------------------------------------

void rdsStorageEncrypted(const ir::Resource &R, Findings &Out) {
  // A read replica or a restored snapshot inherits its source's encryption.
  if (!inCluster(R) && !prop(R, "SourceDBInstanceIdentifier") && !prop(R, "DBSnapshotIdentifier") &&
      !prop(R, "SnapshotIdentifier") && !prop(R, "SourceDBClusterIdentifier"))
    requireTrue(R, "StorageEncrypted", Out);
}
void rdsPublic(const ir::Resource &R, Findings &Out) { forbidTrue(R, "PubliclyAccessible", Out); }
void rdsMultiAz(const ir::Resource &R, Findings &Out) {
  if (!inCluster(R))
    requireTrue(R, "MultiAZ", Out);
}
void rdsDeletionProtection(const ir::Resource &R, Findings &Out) {
  if (!inCluster(R))
    requireTrue(R, "DeletionProtection", Out);
}
void dynamoPitr(const ir::Resource &R, Findings &Out) {
  requireTrue(R, "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", Out);
}
void cacheAtRest(const ir::Resource &R, Findings &Out) { requireTrue(R, "AtRestEncryptionEnabled", Out); }
void cacheInTransit(const ir::Resource &R, Findings &Out) {
  requireTrue(R, "TransitEncryptionEnabled", Out);
}
void redshiftEncrypted(const ir::Resource &R, Findings &Out) { requireTrue(R, "Encrypted", Out); }
void redshiftPublic(const ir::Resource &R, Findings &Out) { forbidTrue(R, "PubliclyAccessible", Out); }

// ---- EC2 ------------------------------------------------------------------------------

void ec2Imdsv2(const ir::Resource &R, Findings &Out) {
  bool Template = R.Type == "AWS::EC2::LaunchTemplate";
  if (Template && !prop(R, "LaunchTemplateData"))
    return; // Required; the property checker says so.
  requireOneOf(R, Template ? "LaunchTemplateData.MetadataOptions.HttpTokens" : "MetadataOptions.HttpTokens",
               {"required"}, Out);
}

void ebsEncrypted(const ir::Resource &R, Findings &Out) { requireTrue(R, "Encrypted", Out); }

/// The ingress rules of a security group, or the rule that is the resource.
std::vector<ValuePtr> ingressRules(const ir::Resource &R) {
  if (R.Type == "AWS::EC2::SecurityGroupIngress")
    return {R.Properties};
  return asList(prop(R, "SecurityGroupIngress"));
}

/// Whether Rule lets the whole internet reach Port over TCP.
ValuePtr openToWorld(const ValuePtr &Rule, int64_t Port) {
  std::optional<std::string> Protocol = knownString(lookup(Rule, "IpProtocol"));
  if (!Protocol) {
    if (auto N = knownInt(lookup(Rule, "IpProtocol")))
      Protocol = std::to_string(*N);
    else
      return nullptr;
  }
  bool AllTraffic = *Protocol == "-1";
  if (!AllTraffic && llvm::StringRef(*Protocol).lower() != "tcp" && *Protocol != "6")
    return nullptr;
  if (!AllTraffic) {
    std::optional<int64_t> From = knownInt(lookup(Rule, "FromPort")), To = knownInt(lookup(Rule, "ToPort"));
    if (!From || !To)
      return nullptr;
    if (!(*From == -1 || (*From <= Port && Port <= *To)))
      return nullptr;
  }
  for (llvm::StringRef Key : {"CidrIp", "CidrIpv6"}) {
    ValuePtr Cidr = lookup(Rule, Key);
    std::optional<std::string> Text = knownString(Cidr);
    if (Text && (*Text == "0.0.0.0/0" || *Text == "::/0"))
      return Cidr;
  }
  return nullptr;
}

void openPort(const ir::Resource &R, int64_t Port, Findings &Out) {
  bool Standalone = R.Type == "AWS::EC2::SecurityGroupIngress";
  for (const ValuePtr &Rule : ingressRules(R))
    if (ValuePtr Cidr = openToWorld(Rule, Port)) {
      std::string Key = Cidr == lookup(Rule, "CidrIp") ? "CidrIp" : "CidrIpv6";
      Out.push_back({Cidr, Standalone ? Key : "SecurityGroupIngress[]." + Key,
                     "is " + quoted(Cidr->text()), ""});
    }
}

void sshOpen(const ir::Resource &R, Findings &Out) { openPort(R, 22, Out); }
void rdpOpen(const ir::Resource &R, Findings &Out) { openPort(R, 3389, Out); }

// ---- CloudTrail, Logs --------------------------------------------------------------------

void trailMultiRegion(const ir::Resource &R, Findings &Out) { requireTrue(R, "IsMultiRegionTrail", Out); }
void trailValidation(const ir::Resource &R, Findings &Out) {
  requireTrue(R, "EnableLogFileValidation", Out);
}
void trailKms(const ir::Resource &R, Findings &Out) { requireSet(R, "KMSKeyId", Out); }
void logRetention(const ir::Resource &R, Findings &Out) { requireSet(R, "RetentionInDays", Out); }
void logKms(const ir::Resource &R, Findings &Out) { requireSet(R, "KmsKeyId", Out); }

// ---- The table ---------------------------------------------------------------------------

constexpr llvm::StringLiteral Bucket = "AWS::S3::Bucket";
constexpr llvm::StringLiteral Function = "AWS::Lambda::Function";
constexpr llvm::StringLiteral DbInstance = "AWS::RDS::DBInstance", DbCluster = "AWS::RDS::DBCluster";

const Rule Rules[] = {
    {diag::S3PublicAccessBlock, {Bucket}, s3PublicAccessBlock, "block all public access",
     {{"checkov", "CKV_AWS_53,CKV_AWS_54,CKV_AWS_55,CKV_AWS_56"},
      {"guard", "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED"}, {"securityHub", "S3.8"}}},
    {diag::S3Encryption, {Bucket}, s3Encryption, "encrypt by default",
     {{"cfnNag", "W41"}, {"checkov", "CKV_AWS_19"},
      {"guard", "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED"}, {"securityHub", "S3.4"}}},
    {diag::S3Versioning, {Bucket}, s3Versioning, "enable versioning",
     {{"checkov", "CKV_AWS_21"}, {"guard", "S3_BUCKET_VERSIONING_ENABLED"}, {"securityHub", "S3.14"}}},
    {diag::S3PublicAcl, {Bucket}, s3PublicAcl, "make the bucket private",
     {{"cfnNag", "F14,W31"}, {"checkov", "CKV_AWS_20,CKV_AWS_57"},
      {"guard", "s3_bucket_public_read_prohibited,s3_bucket_public_write_prohibited"},
      {"securityHub", "S3.2,S3.3"}}},
    {diag::IamWildcardAction,
     {"AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group"},
     iamWildcardAction, "",
     {{"cfnNag", "F2,F3,F4,F5"}, {"checkov", "CKV_AWS_63"},
      {"guard", "IAM_ROLE_NO_WILDCARD_ACTIONS_ON_PERMISSIONS"}, {"securityHub", "IAM.21"}}},
    {diag::IamAdminAccess,
     {"AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group"},
     iamAdmin, "",
     {{"checkov", "CKV_AWS_62"}, {"guard", "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS"},
      {"securityHub", "IAM.1"}}},
    {diag::IamWildcardResource,
     {"AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group"},
     iamWildcardResource, "",
     {{"cfnNag", "W11,W12,W13"}, {"checkov", "CKV_AWS_111"},
      {"guard", "IAM_POLICYDOCUMENT_NO_WILDCARD_RESOURCE"}}},
    {diag::IamTrustWildcard, {"AWS::IAM::Role"}, iamTrust, "allow only sts:AssumeRole",
     {{"cfnNag", "F2,F6"}, {"checkov", "CKV_AWS_60,CKV_AWS_61"},
      {"guard", "iam_role_no_full_access_on_trust_policy"}}},
    {diag::LambdaDeadLetter, {Function}, lambdaDeadLetter, "",
     {{"checkov", "CKV_AWS_116"}, {"guard", "LAMBDA_DLQ_CHECK"}}},
    {diag::LambdaConcurrency, {Function}, lambdaConcurrency, "",
     {{"cfnNag", "W92"}, {"checkov", "CKV_AWS_115"}, {"guard", "LAMBDA_CONCURRENCY_CHECK"}}},
    {diag::LambdaVpc, {Function}, lambdaVpc, "",
     {{"cfnNag", "W89"}, {"checkov", "CKV_AWS_117"}, {"guard", "LAMBDA_INSIDE_VPC"},
      {"securityHub", "Lambda.3"}}},
    {diag::LambdaTracing, {Function}, lambdaTracing, "trace actively",
     {{"kics", "9488c451-074e-4cd3-aee3-7db6104f542c"}}},
    {diag::ApiGatewayNoAuthorization, {"AWS::ApiGateway::Method"}, apiMethodAuthorization,
     "authorize with IAM",
     {{"cfnNag", "W59"}, {"checkov", "CKV_AWS_59"}, {"guard", "API_GW_METHOD_AUTHORIZATION_TYPE_RULE"},
      {"securityHub", "APIGateway.8"}}},
    {diag::ApiGatewayAccessLogging, {"AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage"},
     apiStageLogging, "",
     {{"cfnNag", "W45,W46,W69"}, {"checkov", "CKV_AWS_76,CKV_AWS_95"},
      {"guard", "API_GW_STAGE_ACCESS_LOGGING_RULE"}, {"securityHub", "APIGateway.1,APIGateway.9"}}},
    {diag::CognitoMfa, {"AWS::Cognito::UserPool"}, cognitoMfa, "require MFA",
     {{"cfnNag", "F78"}, {"guard", "COGNITO_USER_POOL_MFA_CONFIGURATION_RULE"}}},
    {diag::CognitoThreatProtection, {"AWS::Cognito::UserPool"}, cognitoThreatProtection,
     "enforce threat protection", {{"securityHub", "Cognito.1"}}},
    {diag::CognitoUnauthenticated, {"AWS::Cognito::IdentityPool"}, cognitoUnauthenticated,
     "refuse unauthenticated identities",
     {{"cfnNag", "W57"}, {"checkov", "CKV_AWS_366"},
      {"guard", "COGNITO_ALLOW_UNAUTHENTICATED_IDENTITIES_RULE"}, {"securityHub", "Cognito.2"}}},
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
    {diag::DynamoDbPitr, {"AWS::DynamoDB::Table"}, dynamoPitr, "enable point-in-time recovery",
     {{"cfnNag", "W78"}, {"checkov", "CKV_AWS_28"}, {"guard", "DYNAMODB_PITR_ENABLED"},
      {"securityHub", "DynamoDB.2"}}},
    {diag::ElastiCacheAtRest, {"AWS::ElastiCache::ReplicationGroup"}, cacheAtRest, "encrypt at rest",
     {{"cfnNag", "F25"}, {"checkov", "CKV_AWS_29"},
      {"guard", "ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_AT_REST"}, {"securityHub", "ElastiCache.4"}}},
    {diag::ElastiCacheInTransit, {"AWS::ElastiCache::ReplicationGroup"}, cacheInTransit,
     "encrypt in transit",
     {{"cfnNag", "F33"}, {"checkov", "CKV_AWS_30"},
      {"guard", "ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_IN_TRANSIT"}, {"securityHub", "ElastiCache.5"}}},
    {diag::RedshiftEncrypted, {"AWS::Redshift::Cluster"}, redshiftEncrypted, "encrypt the cluster",
     {{"cfnNag", "F28"}, {"checkov", "CKV_AWS_64"}}},
    {diag::RedshiftPublic, {"AWS::Redshift::Cluster"}, redshiftPublic, "keep the cluster private",
     {{"checkov", "CKV_AWS_87"}, {"guard", "REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK"},
      {"securityHub", "Redshift.1"}}},
    {diag::Ec2Imdsv2, {"AWS::EC2::LaunchTemplate", "AWS::EC2::Instance"}, ec2Imdsv2, "require IMDSv2",
     {{"checkov", "CKV_AWS_79"}, {"securityHub", "EC2.8"}}},
    {diag::EbsEncrypted, {"AWS::EC2::Volume"}, ebsEncrypted, "encrypt the volume",
     {{"cfnNag", "F1"}, {"checkov", "CKV_AWS_3"}, {"guard", "ENCRYPTED_VOLUMES"}, {"securityHub", "EC2.3"}}},
    {diag::SshOpenToWorld, {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"}, sshOpen, "",
     {{"cfnNag", "W2"}, {"checkov", "CKV_AWS_24"}, {"guard", "INCOMING_SSH_DISABLED"},
      {"securityHub", "EC2.13"}}},
    {diag::RdpOpenToWorld, {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"}, rdpOpen, "",
     {{"cfnNag", "W2"}, {"checkov", "CKV_AWS_25"}, {"guard", "RESTRICTED_INCOMING_TRAFFIC"},
      {"securityHub", "EC2.14"}}},
    {diag::CloudTrailMultiRegion, {"AWS::CloudTrail::Trail"}, trailMultiRegion, "record every region",
     {{"checkov", "CKV_AWS_67"}, {"guard", "MULTI_REGION_CLOUD_TRAIL_ENABLED"},
      {"securityHub", "CloudTrail.1"}}},
    {diag::CloudTrailLogValidation, {"AWS::CloudTrail::Trail"}, trailValidation, "validate log files",
     {{"checkov", "CKV_AWS_36"}, {"guard", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED"},
      {"securityHub", "CloudTrail.4"}}},
    {diag::CloudTrailKms, {"AWS::CloudTrail::Trail"}, trailKms, "",
     {{"checkov", "CKV_AWS_35"}, {"guard", "CLOUD_TRAIL_ENCRYPTION_ENABLED"},
      {"securityHub", "CloudTrail.2"}}},
    {diag::LogRetention, {"AWS::Logs::LogGroup"}, logRetention, "",
     {{"cfnNag", "W86"}, {"checkov", "CKV_AWS_66"}, {"guard", "CW_LOGGROUP_RETENTION_PERIOD_CHECK"},
      {"securityHub", "CloudWatch.16"}}},
    {diag::LogKms, {"AWS::Logs::LogGroup"}, logKms, "",
     {{"cfnNag", "W84"}, {"checkov", "CKV_AWS_158"}, {"guard", "CLOUDWATCH_LOG_GROUP_ENCRYPTED"}}},
};

void report(const Rule &Row, const ir::Resource &R, const Finding &F, DiagnosticEngine &Diags) {
  const ir::Origin &Where = F.At ? F.At->origin() : R.Where;
  DiagnosticBuilder B = Diags.report(Where.File, Where.Range, Row.Kind, R.LogicalId, F.Property, F.Problem);
  if (F.At && !F.Replacement.empty() && Where.File)
    B.fix((Row.Fix.empty() ? "set " + F.Replacement : Row.Fix.str() + ": set " + F.Replacement),
          Where.Range, F.Replacement);
}

} // namespace

void checkSecurity(const ir::Template &T, DiagnosticEngine &Diags) {
  for (const ir::Resource &R : T.Resources) {
    if (!R.Properties)
      continue;
    for (const Rule &Row : Rules) {
      if (!llvm::is_contained(Row.Types, llvm::StringRef(R.Type)))
        continue;
      Findings Found;
      Row.Check(R, Found);
      for (const Finding &F : Found)
        report(Row, R, F, Diags);
    }
  }
}

std::vector<std::pair<llvm::StringRef, llvm::StringRef>> crossToolIds(diag::Kind Kind) {
  for (const Rule &Row : Rules)
    if (Row.Kind == Kind)
      return {Row.Ids.begin(), Row.Ids.end()};
  return {};
}

} // namespace cfc::lint
