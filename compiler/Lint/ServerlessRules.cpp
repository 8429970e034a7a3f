// ServerlessRules — security rows 15-27: Lambda functions and permissions,
// API Gateway methods and stages, Cognito pools.
#include "Lint/RuleKit.h"
#include "Rules/LambdaRuntimes.h"

namespace cfc::lint {

namespace {

constexpr llvm::StringLiteral Function = "AWS::Lambda::Function";

// ---- Lambda -------------------------------------------------------------------------

void lambdaDeadLetter(const ir::Resource &R, const Stack &, Findings &Out) {
  requireSet(R, "DeadLetterConfig", Out);
}
void lambdaConcurrency(const ir::Resource &R, const Stack &, Findings &Out) {
  requireSet(R, "ReservedConcurrentExecutions", Out);
}
void lambdaVpc(const ir::Resource &R, const Stack &, Findings &Out) { requireSet(R, "VpcConfig", Out); }
void lambdaTracing(const ir::Resource &R, const Stack &, Findings &Out) {
  requireOneOf(R, "TracingConfig.Mode", {"Active"}, Out);
}

/// Whether a permission's principal is an AWS service ("s3.amazonaws.com"):
/// any account's resources of that service could invoke the function unless
/// SourceArn or SourceAccount says whose. (Alexa's "*.amazon.com" principals
/// are scoped by EventSourceToken instead.)
bool isServicePrincipal(llvm::StringRef Principal) {
  return Principal.endswith(".amazonaws.com") || Principal.endswith(".amazonaws.com.cn");
}

void lambdaPermissionScope(const ir::Resource &R, const Stack &, Findings &Out) {
  ValuePtr Principal = prop(R, "Principal");
  std::optional<std::string> Who = knownString(Principal);
  if (!Who)
    return;
  if (*Who == "*") {
    if (!prop(R, "PrincipalOrgID"))
      Out.push_back({Principal, "Principal", "is \"*\"", ""});
    return;
  }
  if (isServicePrincipal(*Who) && !prop(R, "SourceArn") && !prop(R, "SourceAccount"))
    Out.push_back({nullptr, "SourceArn", "is not set (principal " + quoted(*Who) + ")", ""});
}

void lambdaRuntime(const ir::Resource &R, const Stack &, Findings &Out) {
  ValuePtr V = prop(R, "Runtime");
  std::optional<std::string> Id = knownString(V);
  if (!Id)
    return;
  // A runtime Lambda no longer creates functions on is an error of the
  // build (CFC2106, compiler/Rules), not this warning.
  const rules::DeprecatedRuntime *Old = rules::deprecatedRuntime(*Id);
  if (Old && !rules::isCreateBlocked(*Old))
    Out.push_back({V, "Runtime", "is " + quoted(*Id) + ", deprecated since " + Old->Since.str(),
                   quoted(Old->Successor)});
}

// ---- API Gateway ----------------------------------------------------------------------

void apiMethodAuthorization(const ir::Resource &R, const Stack &, Findings &Out) {
  ValuePtr KeyRequired = prop(R, "ApiKeyRequired");
  // An HTTP API's route says its method in its key ("GET /items"); a
  // WebSocket API's keys ($connect, an action's name) have no space, and
  // only $connect can be authorized, so those are not judged.
  std::string RouteKey = knownString(prop(R, "RouteKey")).value_or("");
  if (R.Type == "AWS::ApiGatewayV2::Route" && RouteKey.find(' ') == std::string::npos)
    return;
  bool Preflight = R.Type == "AWS::ApiGatewayV2::Route" ? llvm::StringRef(RouteKey).startswith("OPTIONS ")
                                                        : knownString(prop(R, "HttpMethod")) == "OPTIONS";
  if (Preflight || (KeyRequired && knownBool(KeyRequired) != false))
    return; // CORS preflight, or a key is (or may be) required.
  ValuePtr V = prop(R, "AuthorizationType");
  if (!V)
    Out.push_back({nullptr, "AuthorizationType", "is not set (NONE)", ""});
  else if (knownString(V) == "NONE")
    Out.push_back({V, "AuthorizationType", "is \"NONE\"", quoted("AWS_IAM")});
}

void apiStageLogging(const ir::Resource &R, const Stack &, Findings &Out) {
  requireSet(R, R.Type == "AWS::ApiGatewayV2::Stage" ? "AccessLogSettings" : "AccessLogSetting", Out);
}

/// Every method setting that caches must encrypt its cache; Prefix is where
/// the settings are ("" on a stage, "StageDescription." on a deployment).
void apiCacheEncrypted(const ValuePtr &Settings, const std::string &Prefix, Findings &Out) {
  for (const ValuePtr &S : asList(Settings)) {
    if (knownBool(lookup(S, "CachingEnabled")) != true)
      continue;
    ValuePtr Encrypted = lookup(S, "CacheDataEncrypted");
    std::string Path = Prefix + "MethodSettings[].CacheDataEncrypted";
    if (!Encrypted)
      Out.push_back({S, Path, "is not set", ""});
    else if (knownBool(Encrypted) == false)
      Out.push_back({Encrypted, Path, "is false", "true"});
  }
}

/// Row 23 on a REST API stage, or on the stage a deployment creates
/// (StageName with StageDescription). HTTP APIs (v2) have no X-Ray or cache.
void apiStageTracingAndCache(const ir::Resource &R, const Stack &, Findings &Out) {
  if (R.Type == "AWS::ApiGateway::Stage") {
    requireTrue(R, "TracingEnabled", Out);
    apiCacheEncrypted(prop(R, "MethodSettings"), "", Out);
    return;
  }
  if (!prop(R, "StageName"))
    return; // The deployment creates no stage; an AWS::ApiGateway::Stage does.
  requireTrue(R, "StageDescription.TracingEnabled", Out);
  if (knownBool(prop(R, "StageDescription.CachingEnabled")) == true)
    requireTrue(R, "StageDescription.CacheDataEncrypted", Out);
  apiCacheEncrypted(prop(R, "StageDescription.MethodSettings"), "StageDescription.", Out);
}

// ---- Cognito ---------------------------------------------------------------------------

void cognitoMfa(const ir::Resource &R, const Stack &, Findings &Out) {
  requireOneOf(R, "MfaConfiguration", {"ON", "OPTIONAL"}, Out);
}
/// A pool on a plan below PLUS cannot have threat protection at all: that
/// is a choice of price (CFC8049, information), not a setting forgotten.
bool belowPlus(const ir::Resource &R) {
  std::optional<std::string> Tier = knownString(prop(R, "UserPoolTier"));
  return Tier && *Tier != "PLUS";
}
void cognitoThreatProtection(const ir::Resource &R, const Stack &, Findings &Out) {
  if (!belowPlus(R))
    requireOneOf(R, "UserPoolAddOns.AdvancedSecurityMode", {"ENFORCED"}, Out);
}
void cognitoThreatTier(const ir::Resource &R, const Stack &, Findings &Out) {
  if (belowPlus(R))
    Out.push_back({prop(R, "UserPoolTier"), "UserPoolTier",
                   "is " + quoted(*knownString(prop(R, "UserPoolTier"))), ""});
}
void cognitoUnauthenticated(const ir::Resource &R, const Stack &, Findings &Out) {
  forbidTrue(R, "AllowUnauthenticatedIdentities", Out);
}

/// The shortest password cfc accepts (IAM.15's length for IAM users).
constexpr int64_t MinimumPasswordLength = 14;
/// Cognito's own minimum when a pool sets none.
constexpr int64_t CognitoDefaultLength = 8;

void cognitoPasswordPolicy(const ir::Resource &R, const Stack &, Findings &Out) {
  std::string Length = std::to_string(MinimumPasswordLength);
  ValuePtr Policy = prop(R, "Policies.PasswordPolicy");
  if (!Policy) {
    // Cognito's default policy requires every character class, but only 8 characters.
    Out.push_back({nullptr, "Policies.PasswordPolicy.MinimumLength",
                   "is not set (" + std::to_string(CognitoDefaultLength) + " characters)", ""});
    return;
  }
  if (Policy->kind() != Value::Kind::Object)
    return; // Decided at deploy time.
  ValuePtr MinLength = lookup(Policy, "MinimumLength");
  std::optional<int64_t> N = knownInt(MinLength);
  if (!MinLength)
    Out.push_back({Policy, "Policies.PasswordPolicy.MinimumLength",
                   "is not set (" + std::to_string(CognitoDefaultLength) + " characters)", ""});
  else if (N && *N < MinimumPasswordLength)
    Out.push_back({MinLength, "Policies.PasswordPolicy.MinimumLength", "is " + std::to_string(*N), Length});
  for (llvm::StringRef Class : {"RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols"}) {
    ValuePtr V = lookup(Policy, Class);
    std::string Path = "Policies.PasswordPolicy." + Class.str();
    if (!V)
      Out.push_back({Policy, Path, "is not set", ""});
    else if (knownBool(V) == false)
      Out.push_back({V, Path, "is false", "true"});
  }
}

constexpr llvm::StringLiteral UserPool = "AWS::Cognito::UserPool";

const Rule Rules[] = {
    {diag::LambdaDeadLetter, {Function}, lambdaDeadLetter, "",
     {{"checkov", "CKV_AWS_116"}, {"guard", "LAMBDA_DLQ_CHECK"}}},
    {diag::LambdaConcurrency, {Function}, lambdaConcurrency, "",
     {{"cfnNag", "W92"}, {"checkov", "CKV_AWS_115"}, {"guard", "LAMBDA_CONCURRENCY_CHECK"}}},
    {diag::LambdaVpc, {Function}, lambdaVpc, "",
     {{"cfnNag", "W89"}, {"checkov", "CKV_AWS_117"}, {"guard", "LAMBDA_INSIDE_VPC"},
      {"securityHub", "Lambda.3"}}},
    {diag::LambdaTracing, {Function}, lambdaTracing, "trace actively",
     {{"kics", "9488c451-074e-4cd3-aee3-7db6104f542c"}}},
    {diag::LambdaPermissionScope, {"AWS::Lambda::Permission"}, lambdaPermissionScope, "",
     {{"cfnNag", "F13"}, {"checkov", "CKV_AWS_364"}, {"guard", "lambda_function_public_access_prohibited"},
      {"securityHub", "Lambda.1"}}},
    {diag::LambdaDeprecatedRuntime, {Function}, lambdaRuntime, "upgrade",
     {{"checkov", "CKV_AWS_363"}, {"cfnLint", "E2531,W2531"}, {"securityHub", "Lambda.2"}}},
    {diag::ApiGatewayNoAuthorization, {"AWS::ApiGateway::Method", "AWS::ApiGatewayV2::Route"},
     apiMethodAuthorization,
     "authorize with IAM",
     {{"cfnNag", "W59"}, {"checkov", "CKV_AWS_59"}, {"guard", "API_GW_METHOD_AUTHORIZATION_TYPE_RULE"},
      {"securityHub", "APIGateway.8"}}},
    {diag::ApiGatewayAccessLogging, {"AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage"},
     apiStageLogging, "",
     {{"cfnNag", "W45,W46,W69"}, {"checkov", "CKV_AWS_76,CKV_AWS_95"},
      {"guard", "API_GW_STAGE_ACCESS_LOGGING_RULE"}, {"securityHub", "APIGateway.1,APIGateway.9"}}},
    {diag::ApiGatewayTracingCache, {"AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment"},
     apiStageTracingAndCache, "",
     {{"cfnNag", "W87"}, {"checkov", "CKV_AWS_73"}, {"guard", "api_gw_cache_enabled_and_encrypted"},
      {"securityHub", "APIGateway.3,APIGateway.5"}}},
    {diag::CognitoMfa, {UserPool}, cognitoMfa, "require MFA",
     {{"cfnNag", "F78"}, {"guard", "COGNITO_USER_POOL_MFA_CONFIGURATION_RULE"}}},
    {diag::CognitoThreatProtection, {UserPool}, cognitoThreatProtection, "enforce threat protection",
     {{"securityHub", "Cognito.1"}}},
    {diag::CognitoThreatTier, {UserPool}, cognitoThreatTier, "", {{"securityHub", "Cognito.1"}}},
    {diag::CognitoUnauthenticated, {"AWS::Cognito::IdentityPool"}, cognitoUnauthenticated,
     "refuse unauthenticated identities",
     {{"cfnNag", "W57"}, {"checkov", "CKV_AWS_366"},
      {"guard", "COGNITO_ALLOW_UNAUTHENTICATED_IDENTITIES_RULE"}, {"securityHub", "Cognito.2"}}},
    // No scanner checks this for CloudFormation: a cfc rule mirroring IAM.15.
    {diag::CognitoPasswordPolicy, {UserPool}, cognitoPasswordPolicy, "strengthen the policy", {}},
};

} // namespace

llvm::ArrayRef<Rule> serverlessRules() { return Rules; }

} // namespace cfc::lint
