// Policies — IAM policy document queries and the action tables of the IAM
// rules.
#include "Lint/Policies.h"
#include "Rules/IamActions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace cfc::lint {

namespace {

/// Actions AWS's own managed policies grant on "*" although the reference
/// gives them a resource type. The network-interface actions a Lambda
/// function in a VPC needs: Lambda creates the interfaces itself, in subnets
/// of its choosing, and AWSLambdaVPCAccessExecutionRole grants them on "*".
/// CloudWatch's metric actions: their one resource type (a "dataset") is
/// optional, and CloudWatchAgentServerPolicy grants them on "*".
constexpr llvm::StringLiteral GrantedOnStarByAws[] = {
    "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
    "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
    "cloudwatch:PutMetricData", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics",
    "cloudwatch:ListMetrics",
};

/// Whether an action pattern can only be granted on "*": every action it
/// names takes no resource type in the IAM reference, or, for a pattern
/// with wildcards, most do (`ec2:Describe*`: 177 of 194; a statement cannot
/// split a pattern, and what it is for is describing). `ec2:*` or `s3:Get*`
/// mostly take resources: naming them is the fix.
bool grantedOnStarOnly(llvm::StringRef Pattern) {
  if (llvm::any_of(GrantedOnStarByAws, [&](llvm::StringRef A) { return A.equals_insensitive(Pattern); }))
    return true;
  rules::ActionShare Share = rules::iamResourceFreeShare(Pattern);
  if (Share.Matched == 0)
    return false;
  bool Glob = Pattern.find_first_of("*?") != llvm::StringRef::npos;
  return Glob ? 2 * Share.ResourceFree > Share.Matched : Share.ResourceFree == Share.Matched;
}

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
    return Text && grantedOnStarOnly(*Text);
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
