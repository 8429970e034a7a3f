// Policies — IAM policy document queries and the action tables of the IAM
// rules.
#include "Lint/Policies.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace cfc::lint {

namespace {

/// Actions that take no resource ARN, only `Resource: "*"` (the Service
/// Authorization Reference lists no resource type for them). A pattern here
/// covers every action it matches, and action patterns inside it
/// ("ec2:Describe*" covers "ec2:DescribeSubnets" and "ec2:Describe*" itself).
constexpr llvm::StringLiteral WildcardOnlyActions[] = {
    "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
    "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
    "cloudwatch:PutMetricData", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics",
    "cloudwatch:ListMetrics",
    "ec2:Describe*", "autoscaling:Describe*", "elasticloadbalancing:Describe*",
    "s3:ListAllMyBuckets", "sts:GetCallerIdentity", "ecr:GetAuthorizationToken",
    "kms:CreateKey", "kms:ListKeys", "kms:ListAliases", "kms:GenerateRandom",
    "ssm:DescribeParameters", "secretsmanager:GetRandomPassword", "secretsmanager:ListSecrets",
    "sqs:ListQueues", "sns:ListTopics", "lambda:ListFunctions", "dynamodb:ListTables",
    "cloudformation:ListStacks", "cloudformation:ValidateTemplate", "tag:GetResources",
    "iam:GetAccountSummary", "iam:ListAccountAliases", "iam:GetAccountPasswordPolicy",
    "route53:ListHostedZones", "acm:ListCertificates", "cognito-idp:ListUserPools",
};

/// AWS managed policies with administrator rights (cfn-nag W43/W44).
constexpr llvm::StringLiteral ElevatedManagedPolicies[] = {
    "AdministratorAccess", "PowerUserAccess", "IAMFullAccess"};

} // namespace

std::vector<std::pair<std::string, ValuePtr>> policyDocuments(const ir::Resource &R) {
  std::vector<std::pair<std::string, ValuePtr>> Docs;
  if (ValuePtr D = prop(R, "PolicyDocument"))
    Docs.emplace_back("PolicyDocument", D);
  for (const ValuePtr &P : asList(prop(R, "Policies")))
    if (ValuePtr D = lookup(P, "PolicyDocument"))
      Docs.emplace_back("Policies[].PolicyDocument", D);
  return Docs;
}

std::vector<ValuePtr> statements(const ValuePtr &Doc) {
  std::vector<ValuePtr> Result;
  for (const ValuePtr &S : asList(lookup(Doc, "Statement")))
    if (S->kind() == Value::Kind::Object)
      Result.push_back(S);
  return Result;
}

std::vector<ValuePtr> statementsWithEffect(const ValuePtr &Doc, llvm::StringRef Effect) {
  std::vector<ValuePtr> Result;
  for (const ValuePtr &S : statements(Doc))
    if (knownString(lookup(S, "Effect")) == Effect)
      Result.push_back(S);
  return Result;
}

bool actionCovers(llvm::StringRef Pattern, llvm::StringRef Action) { return ir::globMatchIgnoringCase(Pattern, Action); }

std::optional<std::string> passRoleAction(const ValuePtr &Actions) {
  for (const ValuePtr &A : asList(Actions))
    if (std::optional<std::string> Text = knownString(A))
      if (*Text != "*" && actionCovers(*Text, "iam:PassRole"))
        return Text;
  return std::nullopt;
}

std::optional<std::string> everyRoleResource(const ValuePtr &Resources) {
  for (const ValuePtr &R : asList(Resources)) {
    std::optional<std::string> Text = spelledString(R);
    if (!Text)
      continue;
    llvm::StringRef Arn(*Text);
    // A path after "role/" ("role/service-role/*") narrows the roles; only
    // "role/*" itself is every role.
    if (Arn == "*" || (Arn.startswith("arn:") && Arn.contains(":iam::") && Arn.endswith(":role/*")))
      return Text;
  }
  return std::nullopt;
}

bool onlyWildcardResourceActions(const ValuePtr &Actions) {
  std::vector<ValuePtr> List = asList(Actions);
  return !List.empty() && llvm::all_of(List, [](const ValuePtr &A) {
    std::optional<std::string> Text = knownString(A);
    return Text && llvm::any_of(WildcardOnlyActions, [&](llvm::StringRef Known) {
             return actionCovers(Known, *Text);
           });
  });
}

std::optional<std::string> elevatedManagedPolicy(const ValuePtr &Arn) {
  std::optional<std::string> Text = spelledString(Arn);
  if (!Text)
    return std::nullopt;
  // arn:<partition>:iam::aws:policy/<name>; the partition may be ${AWS::Partition}.
  llvm::StringRef Name = llvm::StringRef(*Text).rsplit(":iam::aws:policy/").second;
  if (Name.empty())
    return std::nullopt;
  for (llvm::StringRef Elevated : ElevatedManagedPolicies)
    if (Name == Elevated)
      return Name.str();
  return std::nullopt;
}

bool namesEveryPrincipal(const ValuePtr &Statement) {
  ValuePtr Principal = lookup(Statement, "Principal");
  if (!Principal)
    return false;
  if (Principal->kind() == Value::Kind::Intrinsic)
    return true;
  ValuePtr Aws = lookup(Principal, "AWS");
  return hasWildcard(Principal) || hasWildcard(Aws) || (Aws && Aws->kind() == Value::Kind::Intrinsic);
}

bool coversEveryS3Action(const ValuePtr &Statement) {
  ValuePtr Actions = lookup(Statement, "Action");
  if (Actions && Actions->kind() == Value::Kind::Intrinsic)
    return true;
  return llvm::any_of(asList(Actions), [](const ValuePtr &A) {
    std::optional<std::string> Text = knownString(A);
    return Text && (*Text == "*" || llvm::StringRef(*Text).equals_insensitive("s3:*"));
  });
}

bool allowsService(const ValuePtr &Statement, llvm::StringRef Service) {
  return knownString(lookup(Statement, "Effect")) == "Allow" &&
         llvm::any_of(asList(lookup(Statement, "Principal.Service")),
                      [&](const ValuePtr &S) { return knownString(S) == Service; });
}

bool conditionsOnInsecureTransport(const ValuePtr &Statement) {
  ValuePtr Condition = lookup(Statement, "Condition");
  if (!Condition || Condition->kind() != Value::Kind::Object)
    return false;
  for (const auto &[Operator, Keys] : Condition->fields()) {
    if (!llvm::StringRef(Operator).equals_insensitive("Bool") &&
        !llvm::StringRef(Operator).equals_insensitive("BoolIfExists"))
      continue;
    if (!Keys || Keys->kind() != Value::Kind::Object)
      continue;
    for (const auto &[Key, Expected] : Keys->fields())
      if (llvm::StringRef(Key).equals_insensitive("aws:SecureTransport") &&
          llvm::any_of(asList(Expected), [](const ValuePtr &E) { return knownBool(E) == false; }))
        return true;
  }
  return false;
}

} // namespace cfc::lint
