// CloudFormation — the calls cfc makes to CloudFormation's API, over
// AwsClient's Query protocol, with the replies as plain structs.
#pragma once

#include "deploy/AwsClient.h"

#include <optional>
#include <string>
#include <vector>

namespace cfc::deploy::cfn {

struct Output {
  std::string Key, Value, Description;
};

struct Stack {
  std::string Name, Id, Status, StatusReason;
  std::vector<Output> Outputs;
};

/// One property (or attribute) change of a resource in a change set.
struct ChangeDetail {
  std::string Attribute;          ///< "Properties", "Tags", "Metadata"...
  std::string Name;               ///< The property's name, for Properties.
  std::string RequiresRecreation; ///< "Never", "Conditionally", "Always"
  std::string ChangeSource;       ///< "DirectModification", "ResourceReference"...
  std::string CausingEntity;      ///< What caused it, for references.
};

struct ResourceChange {
  std::string Action; ///< "Add", "Modify", "Remove", "Import", "Dynamic"
  std::string LogicalId, PhysicalId, Type;
  std::string Replacement; ///< "True", "False", "Conditional", or ""
  std::vector<std::string> Scope;
  std::vector<ChangeDetail> Details;
};

struct ChangeSet {
  std::string Id, Status, StatusReason, ExecutionStatus;
  std::vector<ResourceChange> Changes;
};

struct Event {
  std::string Id, LogicalId, PhysicalId, Type, Status, Reason, Timestamp;
};

struct StackResource {
  std::string LogicalId, PhysicalId, Type, Status;
};

struct ChangeSetRequest {
  std::string StackName, ChangeSetName, Type; ///< Type: "CREATE" or "UPDATE"
  std::string TemplateBody, TemplateUrl;      ///< One of them.
  std::vector<std::pair<std::string, std::string>> Parameters, Tags;
  std::vector<std::string> Capabilities;
  std::string RoleArn;
};

/// The stack called Name, or nothing when there is none.
std::optional<Stack> describeStack(AwsClient &Aws, const std::string &Name);
std::string createChangeSet(AwsClient &Aws, const ChangeSetRequest &R);
ChangeSet describeChangeSet(AwsClient &Aws, const std::string &Id, const std::string &StackName);
/// Waits until the change set is made (CREATE_COMPLETE) or failed.
ChangeSet waitForChangeSet(AwsClient &Aws, const std::string &Id, const std::string &StackName);
void executeChangeSet(AwsClient &Aws, const std::string &Id, const std::string &StackName);
void deleteChangeSet(AwsClient &Aws, const std::string &Id, const std::string &StackName);
void deleteStack(AwsClient &Aws, const std::string &Name, const std::string &RoleArn = "");
/// The stack's events, newest first, up to and without StopAt (an event
/// id), or all of them when StopAt is empty.
std::vector<Event> describeStackEvents(AwsClient &Aws, const std::string &Stack, const std::string &StopAt);
std::vector<StackResource> describeStackResources(AwsClient &Aws, const std::string &Stack);
/// The template as deployed (Stage "Original": as cfc sent it).
std::string getTemplate(AwsClient &Aws, const std::string &Stack, const std::string &Stage = "Original");

/// Statuses.
bool isInProgress(const std::string &Status);
bool isComplete(const std::string &Status); ///< Ends in _COMPLETE (or _FAILED): nothing moves.
bool isFailure(const std::string &Status);  ///< *_FAILED, or a rollback.

} // namespace cfc::deploy::cfn
