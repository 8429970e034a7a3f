// Policies — queries over IAM policy documents (identity policies, bucket
// policies, trust policies) and the tables of actions the IAM rules need.
// Internal to Lint/.
#pragma once

#include "Lint/RuleKit.h"

namespace cfc::lint {

/// Every identity-policy document of an IAM resource, with the property it
/// is under ("PolicyDocument", "Policies[].PolicyDocument").
std::vector<std::pair<std::string, ValuePtr>> policyDocuments(const ir::Resource &R);

/// The statements of a policy document (objects only).
std::vector<ValuePtr> statements(const ValuePtr &Doc);
/// The statements of a policy document whose Effect is Effect.
std::vector<ValuePtr> statementsWithEffect(const ValuePtr &Doc, llvm::StringRef Effect);
inline std::vector<ValuePtr> allowStatements(const ValuePtr &Doc) {
  return statementsWithEffect(Doc, "Allow");
}

/// Whether an IAM action pattern ("iam:Pass*", "IAM:*") covers Action;
/// both are case-insensitive, as IAM compares them.
bool actionCovers(llvm::StringRef Pattern, llvm::StringRef Action);

/// The first of Actions (a string or a list) that allows iam:PassRole,
/// other than "*" (full access is reported as such), or nothing.
std::optional<std::string> passRoleAction(const ValuePtr &Actions);

/// The first resource of Resources (a string or a list) that covers every
/// role of an account: "*", or an IAM ARN ending in ":role/*"
/// ("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*"); nothing otherwise.
std::optional<std::string> everyRoleResource(const ValuePtr &Resources);

/// Whether every action of Actions can be granted on `Resource: "*"` only
/// (the IAM reference lists no resource type: xray:PutTraceSegments,
/// ec2:Describe*...), so "*" is no breach there.
bool onlyWildcardResourceActions(const ValuePtr &Actions);

/// The AWS managed policy with administrator rights an ARN names
/// ("AdministratorAccess", "PowerUserAccess", "IAMFullAccess"), or nothing.
/// The ARN may be a constant or a `Fn::Sub` over the partition.
std::optional<std::string> elevatedManagedPolicy(const ValuePtr &Arn);

/// Whether a statement names every caller: `Principal: "*"` or
/// `{ AWS: "*" }` (a principal decided at deploy time counts too).
bool namesEveryPrincipal(const ValuePtr &Statement);

/// Whether a statement covers every S3 action: "*" or "s3:*" (an action
/// list decided at deploy time counts too).
bool coversEveryS3Action(const ValuePtr &Statement);

/// Whether a statement allows the service Service ("logging.s3.amazonaws.com").
bool allowsService(const ValuePtr &Statement, llvm::StringRef Service);

/// Whether a statement's Condition holds `Bool: {"aws:SecureTransport": false}`
/// (or BoolIfExists), i.e. the statement is about requests without TLS.
bool conditionsOnInsecureTransport(const ValuePtr &Statement);

} // namespace cfc::lint
