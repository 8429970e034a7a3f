// S3Rules — security rows 1-7: buckets and their policies.
#include "Lint/Policies.h"

#include "llvm/ADT/STLExtras.h"

namespace cfc::lint {

namespace {

constexpr llvm::StringLiteral Bucket = "AWS::S3::Bucket";
constexpr llvm::StringLiteral BucketPolicy = "AWS::S3::BucketPolicy";

void s3PublicAccessBlock(const ir::Resource &R, const Stack &, Findings &Out) {
  // Not set, S3 blocks all public access: the default of every bucket
  // made since April 2023. A configuration replaces the default, and a flag
  // it leaves out is false: that, or a false, is what weakens the bucket.
  ValuePtr Config = prop(R, "PublicAccessBlockConfiguration");
  if (!Config)
    return;
  if (Config->kind() != Value::Kind::Object)
    return; // Decided at deploy time.
  for (llvm::StringRef Flag :
       {"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"}) {
    std::string Path = "PublicAccessBlockConfiguration." + Flag.str();
    ValuePtr V = Config->field(Flag);
    if (!V || V->kind() == Value::Kind::None)
      Out.push_back({Config, Path, "is left out (false, in a configuration that replaces S3's default)", ""});
    else if (knownBool(V) == false)
      Out.push_back({V, Path, "is false", "true"});
  }
}

/// S3 encrypts every new object (SSE-S3) since January 2023, whatever the
/// template says: no encryption is no longer possible, so a bucket that
/// sets none only relies on that default (a note, not a warning).
void s3Encryption(const ir::Resource &R, const Stack &, Findings &Out) {
  requireSet(R, "BucketEncryption", Out);
}

void s3Versioning(const ir::Resource &R, const Stack &, Findings &Out) {
  if (!prop(R, "VersioningConfiguration"))
    Out.push_back({nullptr, "VersioningConfiguration", "is not set", ""});
  else
    requireOneOf(R, "VersioningConfiguration.Status", {"Enabled"}, Out);
}

// ---- Row 4: TLS only ------------------------------------------------------------------

/// Whether a bucket policy is for a bucket: it names it (a Ref, or the
/// bucket's own constant name), it may be (its target is decided at deploy
/// time), or it is for another bucket.
enum class Target { Named, Unknown, Other };

/// Whether two values are the same name: equal constants, Refs to the same
/// resource or parameter, or the same `Fn::Sub` text.
bool sameName(const ValuePtr &A, const ValuePtr &B) {
  if (A->isConstant() || B->isConstant())
    return knownString(A) && knownString(A) == knownString(B);
  if (A->kind() != Value::Kind::Intrinsic || A->kind() != B->kind() || A->text() != B->text())
    return false;
  if (A->text() == "Ref")
    return referencedId(A) && referencedId(A) == referencedId(B);
  return A->text() == "Fn::Sub" && A->elements().size() == 1 && B->elements().size() == 1 &&
         spelledString(A) && spelledString(A) == spelledString(B);
}

/// Whether Given (a property that names a bucket: a policy's Bucket, a
/// logging destination) names B.
Target namesBucket(const ValuePtr &Given, const ir::Resource &B, const Stack &S) {
  if (!Given)
    return Target::Other;
  std::optional<std::string> Id = referencedId(Given);
  if (Id && *Id == B.LogicalId)
    return Target::Named;
  ValuePtr Name = prop(B, "BucketName");
  if (!Name)
    return Target::Other; // A name CloudFormation makes up cannot be written elsewhere.
  if (sameName(Given, Name))
    return Target::Named;
  if (Id && !S.parameter(*Id))
    return Target::Other; // Another resource of the stack.
  // A constant is taken for another bucket's name even where a deploy-time
  // value could turn out equal to it: that would be a coincidence.
  if (Given->isConstant() || Name->isConstant())
    return Target::Other;
  return Target::Unknown; // Deploy-time values that may turn out equal.
}

/// Whether a Deny statement turns away every request made without TLS: it
/// is conditioned on aws:SecureTransport false, and covers every caller and
/// every S3 action (a deny of s3:GetObject alone leaves plain-HTTP writes in).
bool deniesEveryInsecureRequest(const ValuePtr &Statement) {
  return conditionsOnInsecureTransport(Statement) && namesEveryPrincipal(Statement) &&
         coversEveryS3Action(Statement);
}

/// Whether a bucket policy denies requests made without TLS. A document or
/// statement list decided at deploy time is given the benefit of the doubt.
bool deniesInsecureTransport(const ir::Resource &Policy) {
  ValuePtr Doc = prop(Policy, "PolicyDocument");
  ValuePtr List = lookup(Doc, "Statement");
  if (!Doc || Doc->kind() != Value::Kind::Object || !List ||
      (List->kind() != Value::Kind::List && List->kind() != Value::Kind::Object))
    return true;
  for (const ValuePtr &S : asList(List))
    if (S->kind() != Value::Kind::Object)
      return true;
  return llvm::any_of(statementsWithEffect(Doc, "Deny"), deniesEveryInsecureRequest);
}

void s3TlsOnly(const ir::Resource &R, const Stack &S, Findings &Out) {
  const ir::Resource *Named = nullptr;
  for (const ir::Resource *Policy : S.ofType(BucketPolicy)) {
    Target T = namesBucket(prop(*Policy, "Bucket"), R, S);
    if (T == Target::Other)
      continue;
    if (deniesInsecureTransport(*Policy))
      return;
    if (T == Target::Named && !Named)
      Named = Policy;
  }
  if (Named)
    Out.push_back({prop(*Named, "PolicyDocument"), "PolicyDocument of '" + Named->LogicalId + "'",
                   "does not deny them", ""});
  else
    Out.push_back({nullptr, "no AWS::S3::BucketPolicy", "denies them", ""});
}

// ---- Rows 5, 6: public access through an ACL or the bucket policy -----------------------

void s3PublicAcl(const ir::Resource &R, const Stack &, Findings &Out) {
  ValuePtr V = prop(R, "AccessControl");
  std::optional<std::string> Acl = knownString(V);
  if (Acl && (*Acl == "PublicRead" || *Acl == "PublicReadWrite"))
    Out.push_back({V, "AccessControl", "is " + quoted(*Acl), quoted("Private")});
}

/// Condition keys that narrow who may use a statement, so that a `*`
/// principal is no longer everyone (aws:Referer, for one, is not: any
/// client can send it).
constexpr llvm::StringLiteral CallerConditionKeys[] = {
    "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
    "aws:SourceVpce",     "aws:SourceVpc",         "aws:SourceIp",         "aws:SourceArn",
    "aws:SourceAccount",  "aws:SourceOrgID"};

/// Whether a statement's Condition narrows its callers (or is decided at
/// deploy time).
bool scopedToCallers(const ValuePtr &Statement) {
  ValuePtr Condition = lookup(Statement, "Condition");
  if (!Condition)
    return false;
  if (Condition->kind() != Value::Kind::Object)
    return true;
  for (const auto &[Operator, Keys] : Condition->fields()) {
    if (!Keys || Keys->kind() != Value::Kind::Object)
      return true;
    for (const auto &Field : Keys->fields())
      if (llvm::any_of(CallerConditionKeys, [&](llvm::StringRef K) {
            return llvm::StringRef(Field.first).equals_insensitive(K);
          }))
        return true;
  }
  return false;
}

void s3PolicyWildcards(const ir::Resource &R, const Stack &, Findings &Out) {
  for (const ValuePtr &S : allowStatements(prop(R, "PolicyDocument"))) {
    ValuePtr Principal = lookup(S, "Principal");
    if (!scopedToCallers(S)) {
      if (hasWildcard(Principal))
        Out.push_back({Principal, "PolicyDocument.Statement[].Principal", "is \"*\"", ""});
      else if (ValuePtr Aws = lookup(Principal, "AWS"); hasWildcard(Aws))
        Out.push_back({Aws, "PolicyDocument.Statement[].Principal.AWS", "is \"*\"", ""});
    }
    for (const ValuePtr &Action : asList(lookup(S, "Action"))) {
      std::optional<std::string> Text = knownString(Action);
      if (Text && (*Text == "*" || llvm::StringRef(*Text).equals_insensitive("s3:*"))) {
        Out.push_back({Action, "PolicyDocument.Statement[].Action", "is " + quoted(*Text), ""});
        break;
      }
    }
    if (ValuePtr NotPrincipal = lookup(S, "NotPrincipal"))
      Out.push_back({NotPrincipal, "PolicyDocument.Statement[].NotPrincipal",
                     "is used with Effect \"Allow\" (everyone else is allowed)", ""});
  }
}

// ---- Row 7: access logging ------------------------------------------------------------

/// The service that delivers S3 server access logs.
constexpr llvm::StringLiteral LogDeliveryService = "logging.s3.amazonaws.com";

/// Whether another bucket of the stack names B as the destination of its
/// server access logs.
bool receivesAccessLogs(const ir::Resource &B, const Stack &S) {
  return llvm::any_of(S.ofType(Bucket), [&](const ir::Resource *Other) {
    return Other != &B &&
           namesBucket(prop(*Other, "LoggingConfiguration.DestinationBucketName"), B, S) ==
               Target::Named;
  });
}

/// Whether a policy of B lets S3's log delivery write: how a bucket without
/// ACLs (BucketOwnerEnforced) admits access logs.
bool admitsLogDelivery(const ir::Resource &B, const Stack &S) {
  return llvm::any_of(S.ofType(BucketPolicy), [&](const ir::Resource *Policy) {
    return namesBucket(prop(*Policy, "Bucket"), B, S) == Target::Named &&
           llvm::any_of(statements(prop(*Policy, "PolicyDocument")),
                        [](const ValuePtr &St) { return allowsService(St, LogDeliveryService); });
  });
}

/// Whether B is an access-log bucket, which need not (and should not) log
/// its own requests, since each delivery would be logged in turn. (A
/// CloudTrail bucket is not one: who read the trail files must be on record,
/// Security Hub CloudTrail.7.)
bool isAccessLogBucket(const ir::Resource &B, const Stack &S) {
  return knownString(prop(B, "AccessControl")) == "LogDeliveryWrite" || receivesAccessLogs(B, S) ||
         admitsLogDelivery(B, S);
}

void s3AccessLogging(const ir::Resource &R, const Stack &S, Findings &Out) {
  if (prop(R, "LoggingConfiguration") || isAccessLogBucket(R, S))
    return;
  Out.push_back({nullptr, "LoggingConfiguration", "is not set", ""});
}

const Rule Rules[] = {
    {diag::S3PublicAccessBlock, {Bucket}, s3PublicAccessBlock, "block all public access",
     {{"checkov", "CKV_AWS_53,CKV_AWS_54,CKV_AWS_55,CKV_AWS_56"},
      {"guard", "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED"}, {"securityHub", "S3.8"}}},
    {diag::S3Encryption, {Bucket}, s3Encryption, "encrypt by default",
     {{"cfnNag", "W41"}, {"checkov", "CKV_AWS_19"},
      {"guard", "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED"}, {"securityHub", "S3.4"}}},
    {diag::S3Versioning, {Bucket}, s3Versioning, "enable versioning",
     {{"checkov", "CKV_AWS_21"}, {"guard", "S3_BUCKET_VERSIONING_ENABLED"}, {"securityHub", "S3.14"}}},
    {diag::S3TlsOnly, {Bucket}, s3TlsOnly, "",
     {{"guard", "S3_BUCKET_SSL_REQUESTS_ONLY"}, {"securityHub", "S3.5"}}},
    {diag::S3PublicAcl, {Bucket}, s3PublicAcl, "make the bucket private",
     {{"cfnNag", "F14,W31"}, {"checkov", "CKV_AWS_20,CKV_AWS_57"},
      {"guard", "s3_bucket_public_read_prohibited,s3_bucket_public_write_prohibited"},
      {"securityHub", "S3.2,S3.3"}}},
    {diag::S3PolicyWildcard, {BucketPolicy}, s3PolicyWildcards, "",
     {{"cfnNag", "F16,F15,F9"},
      {"guard", "s3_bucket_policy_no_wildcard_principal,s3_bucket_policy_no_wildcard_action"}}},
    {diag::S3AccessLogging, {Bucket}, s3AccessLogging, "",
     {{"cfnNag", "W35"}, {"checkov", "CKV_AWS_18"}, {"guard", "s3_bucket_logging_enabled"},
      {"securityHub", "S3.9"}}},
};

} // namespace

llvm::ArrayRef<Rule> storageRules() { return Rules; }

} // namespace cfc::lint
