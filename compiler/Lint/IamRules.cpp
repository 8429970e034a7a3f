// IamRules — security rows 8-14: identity policies, trust policies, managed
// policies and users.
#include "Lint/Policies.h"

namespace cfc::lint {

namespace {

constexpr llvm::StringLiteral Role = "AWS::IAM::Role", User = "AWS::IAM::User";

/// What a statement with wildcards is reported as: rows 8 (action), 9
/// (both: admin), 10 (resource) and 11 (iam:PassRole on every role). A
/// statement is reported once: admin rather than 8 and 10, PassRole rather
/// than 10.
enum class Wildcard { Action, Admin, Resource, PassRole };

void iamWildcards(const ir::Resource &R, Wildcard Which, Findings &Out) {
  for (const auto &[Where, Doc] : policyDocuments(R))
    for (const ValuePtr &S : allowStatements(Doc)) {
      ValuePtr Action = lookup(S, "Action"), Resource = lookup(S, "Resource");
      bool AnyAction = hasWildcard(Action), AnyResource = hasWildcard(Resource);
      // "*" or "arn:...:role/*": every role, an administrator's included.
      std::optional<std::string> EveryRole = everyRoleResource(Resource);
      std::optional<std::string> PassRole = EveryRole ? passRoleAction(Action) : std::nullopt;
      if (Which == Wildcard::Admin && AnyAction && AnyResource)
        Out.push_back({Action, Where + ".Statement[].Action", "is \"*\"", ""});
      if (Which == Wildcard::Action && AnyAction && !AnyResource)
        Out.push_back({Action, Where + ".Statement[].Action", "is \"*\"", ""});
      if (Which == Wildcard::PassRole && !AnyAction && PassRole)
        Out.push_back({Resource, Where + ".Statement[].Resource",
                       "is " + quoted(*EveryRole) + " for " + quoted(*PassRole), ""});
      // Some actions take no resource ARN at all: "*" is all they accept.
      if (Which == Wildcard::Resource && AnyResource && !AnyAction && !PassRole &&
          !onlyWildcardResourceActions(Action))
        Out.push_back({Resource, Where + ".Statement[].Resource", "is \"*\"", ""});
    }
}

void iamWildcardAction(const ir::Resource &R, const Stack &, Findings &Out) {
  iamWildcards(R, Wildcard::Action, Out);
}
void iamAdmin(const ir::Resource &R, const Stack &, Findings &Out) { iamWildcards(R, Wildcard::Admin, Out); }
void iamWildcardResource(const ir::Resource &R, const Stack &, Findings &Out) {
  iamWildcards(R, Wildcard::Resource, Out);
}
void iamPassRole(const ir::Resource &R, const Stack &, Findings &Out) {
  iamWildcards(R, Wildcard::PassRole, Out);
}

void iamElevatedManagedPolicy(const ir::Resource &R, const Stack &, Findings &Out) {
  for (const ValuePtr &Arn : asList(prop(R, "ManagedPolicyArns")))
    if (std::optional<std::string> Name = elevatedManagedPolicy(Arn))
      Out.push_back({Arn, "ManagedPolicyArns", "holds " + quoted(*Name), ""});
}

void iamTrust(const ir::Resource &R, const Stack &, Findings &Out) {
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

/// Row 14: permissions belong to groups, users to groups.
void iamPolicyOnUser(const ir::Resource &R, const Stack &, Findings &Out) {
  auto Reject = [&](llvm::StringRef Path, llvm::StringRef Problem) {
    ValuePtr V = prop(R, Path);
    if (V && (V->kind() != Value::Kind::List || !V->elements().empty()))
      Out.push_back({V, Path.str(), Problem.str(), ""});
  };
  if (R.Type == User) {
    Reject("Policies", "is set");
    Reject("ManagedPolicyArns", "is set");
  } else if (R.Type == "AWS::IAM::UserPolicy") {
    Reject("UserName", "is set (a policy of one user)");
  } else {
    Reject("Users", "is set");
  }
}

/// The resources that hold identity-policy documents. (A namespace-scope
/// initializer_list keeps its array for the program's life, so rows may share it.)
const std::initializer_list<llvm::StringRef> PolicyHolders = {
    Role, "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", User, "AWS::IAM::Group",
    "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"};

const Rule Rules[] = {
    {diag::IamWildcardAction, PolicyHolders, iamWildcardAction, "",
     {{"cfnNag", "F2,F3,F4,F5"}, {"checkov", "CKV_AWS_63"},
      {"guard", "IAM_ROLE_NO_WILDCARD_ACTIONS_ON_PERMISSIONS"}, {"securityHub", "IAM.21"}}},
    {diag::IamAdminAccess, PolicyHolders, iamAdmin, "",
     {{"checkov", "CKV_AWS_62"}, {"guard", "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS"},
      {"securityHub", "IAM.1"}}},
    {diag::IamWildcardResource, PolicyHolders, iamWildcardResource, "",
     {{"cfnNag", "W11,W12,W13"}, {"checkov", "CKV_AWS_111"},
      {"guard", "IAM_POLICYDOCUMENT_NO_WILDCARD_RESOURCE"}}},
    {diag::IamPassRoleWildcard, PolicyHolders, iamPassRole, "",
     {{"cfnNag", "F38,F39,F40"}, {"checkov", "CKV_AWS_110"},
      {"guard", "iam_*_no_wildcard_resource_on_passrole"}}},
    {diag::IamElevatedManagedPolicy, {Role}, iamElevatedManagedPolicy, "",
     {{"cfnNag", "W43,W44"}, {"guard", "iam_role_administrator_access_policy_rule"}}},
    {diag::IamTrustWildcard, {Role}, iamTrust, "allow only sts:AssumeRole",
     {{"cfnNag", "F2,F6"}, {"checkov", "CKV_AWS_60,CKV_AWS_61"},
      {"guard", "iam_role_no_full_access_on_trust_policy"}}},
    {diag::IamPolicyOnUser, {User, "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::UserPolicy"},
     iamPolicyOnUser, "",
     {{"cfnNag", "F10,F11,F12"}, {"checkov", "CKV_AWS_40"}, {"guard", "iam_no_policy_on_user"},
      {"securityHub", "IAM.2"}}},
};

} // namespace

llvm::ArrayRef<Rule> iamRules() { return Rules; }

} // namespace cfc::lint
