#include "deploy/CloudFormation.h"

#include <chrono>
#include <thread>

namespace cfc::deploy::cfn {

namespace {

constexpr const char *Version = "2010-05-15";

XmlNode call(AwsClient &Aws, const std::string &Action, const QueryParams &Params) {
  return Aws.query("cloudformation", Version, Action, Params);
}

void addList(QueryParams &P, const std::string &Name, const std::vector<std::string> &Values) {
  for (size_t I = 0; I < Values.size(); ++I)
    P.push_back({Name + ".member." + std::to_string(I + 1), Values[I]});
}

void addPairs(QueryParams &P, const std::string &Name, const std::string &KeyName,
              const std::string &ValueName, const std::vector<std::pair<std::string, std::string>> &Pairs) {
  for (size_t I = 0; I < Pairs.size(); ++I) {
    std::string Prefix = Name + ".member." + std::to_string(I + 1) + ".";
    P.push_back({Prefix + KeyName, Pairs[I].first});
    P.push_back({Prefix + ValueName, Pairs[I].second});
  }
}

Stack stackOf(const XmlNode &S) {
  Stack Result{S.text("StackName"), S.text("StackId"), S.text("StackStatus"), S.text("StackStatusReason"), {}};
  for (const XmlNode *O : S.members("Outputs"))
    Result.Outputs.push_back({O->text("OutputKey"), O->text("OutputValue"), O->text("Description")});
  return Result;
}

ResourceChange resourceChangeOf(const XmlNode &R) {
  ResourceChange C;
  C.Action = R.text("Action");
  C.LogicalId = R.text("LogicalResourceId");
  C.PhysicalId = R.text("PhysicalResourceId");
  C.Type = R.text("ResourceType");
  C.Replacement = R.text("Replacement");
  for (const XmlNode *S : R.members("Scope"))
    C.Scope.push_back(S->Text);
  for (const XmlNode *D : R.members("Details")) {
    ChangeDetail Detail;
    if (const XmlNode *T = D->child("Target")) {
      Detail.Attribute = T->text("Attribute");
      Detail.Name = T->text("Name");
      Detail.RequiresRecreation = T->text("RequiresRecreation");
    }
    Detail.ChangeSource = D->text("ChangeSource");
    Detail.CausingEntity = D->text("CausingEntity");
    C.Details.push_back(Detail);
  }
  return C;
}

bool endsWith(const std::string &S, const std::string &Suffix) {
  return S.size() >= Suffix.size() && S.compare(S.size() - Suffix.size(), Suffix.size(), Suffix) == 0;
}

} // namespace

bool isInProgress(const std::string &Status) { return endsWith(Status, "_IN_PROGRESS"); }
bool isComplete(const std::string &Status) { return !Status.empty() && !isInProgress(Status); }
bool isFailure(const std::string &Status) {
  return endsWith(Status, "_FAILED") || Status.find("ROLLBACK") != std::string::npos;
}

std::optional<Stack> describeStack(AwsClient &Aws, const std::string &Name) {
  try {
    XmlNode R = call(Aws, "DescribeStacks", {{"StackName", Name}});
    std::vector<const XmlNode *> Stacks = R.members("Stacks");
    if (Stacks.empty())
      return std::nullopt;
    return stackOf(*Stacks.front());
  } catch (const AwsError &E) {
    if (E.Code == "ValidationError" && E.AwsMessage.find("does not exist") != std::string::npos)
      return std::nullopt;
    throw;
  }
}

std::string createChangeSet(AwsClient &Aws, const ChangeSetRequest &R) {
  QueryParams P{{"StackName", R.StackName}, {"ChangeSetName", R.ChangeSetName}, {"ChangeSetType", R.Type}};
  if (!R.TemplateUrl.empty())
    P.push_back({"TemplateURL", R.TemplateUrl});
  else
    P.push_back({"TemplateBody", R.TemplateBody});
  addPairs(P, "Parameters", "ParameterKey", "ParameterValue", R.Parameters);
  addPairs(P, "Tags", "Key", "Value", R.Tags);
  addList(P, "Capabilities", R.Capabilities);
  if (!R.RoleArn.empty())
    P.push_back({"RoleARN", R.RoleArn});
  P.push_back({"Description", "cfc deploy"});
  return call(Aws, "CreateChangeSet", P).text("Id");
}

ChangeSet describeChangeSet(AwsClient &Aws, const std::string &Id, const std::string &StackName) {
  ChangeSet Result;
  std::string Next;
  do {
    QueryParams P{{"ChangeSetName", Id}, {"StackName", StackName}};
    if (!Next.empty())
      P.push_back({"NextToken", Next});
    XmlNode R = call(Aws, "DescribeChangeSet", P);
    Result.Id = R.text("ChangeSetId");
    Result.Status = R.text("Status");
    Result.StatusReason = R.text("StatusReason");
    Result.ExecutionStatus = R.text("ExecutionStatus");
    for (const XmlNode *C : R.members("Changes"))
      if (const XmlNode *RC = C->child("ResourceChange"))
        Result.Changes.push_back(resourceChangeOf(*RC));
    Next = R.text("NextToken");
  } while (!Next.empty());
  return Result;
}

ChangeSet waitForChangeSet(AwsClient &Aws, const std::string &Id, const std::string &StackName) {
  for (int Poll = 0;; ++Poll) {
    ChangeSet CS = describeChangeSet(Aws, Id, StackName);
    if (CS.Status != "CREATE_PENDING" && CS.Status != "CREATE_IN_PROGRESS")
      return CS;
    // CloudFormation takes a few seconds; ask often at first, then less.
    std::this_thread::sleep_for(std::chrono::milliseconds(Poll < 5 ? 500 : 2000));
  }
}

void executeChangeSet(AwsClient &Aws, const std::string &Id, const std::string &StackName) {
  call(Aws, "ExecuteChangeSet", {{"ChangeSetName", Id}, {"StackName", StackName}});
}

void deleteChangeSet(AwsClient &Aws, const std::string &Id, const std::string &StackName) {
  call(Aws, "DeleteChangeSet", {{"ChangeSetName", Id}, {"StackName", StackName}});
}

void deleteStack(AwsClient &Aws, const std::string &Name, const std::string &RoleArn) {
  QueryParams P{{"StackName", Name}};
  if (!RoleArn.empty())
    P.push_back({"RoleARN", RoleArn});
  call(Aws, "DeleteStack", P);
}

std::vector<Event> describeStackEvents(AwsClient &Aws, const std::string &Stack, const std::string &StopAt) {
  std::vector<Event> Events;
  std::string Next;
  do {
    QueryParams P{{"StackName", Stack}};
    if (!Next.empty())
      P.push_back({"NextToken", Next});
    XmlNode R = call(Aws, "DescribeStackEvents", P);
    for (const XmlNode *E : R.members("StackEvents")) {
      if (!StopAt.empty() && E->text("EventId") == StopAt)
        return Events;
      Events.push_back({E->text("EventId"), E->text("LogicalResourceId"), E->text("PhysicalResourceId"),
                        E->text("ResourceType"), E->text("ResourceStatus"), E->text("ResourceStatusReason"),
                        E->text("Timestamp")});
    }
    Next = R.text("NextToken");
  } while (!Next.empty() && !StopAt.empty());
  return Events;
}

std::vector<StackResource> describeStackResources(AwsClient &Aws, const std::string &Stack) {
  std::vector<StackResource> Out;
  XmlNode R = call(Aws, "DescribeStackResources", {{"StackName", Stack}});
  for (const XmlNode *S : R.members("StackResources"))
    Out.push_back({S->text("LogicalResourceId"), S->text("PhysicalResourceId"), S->text("ResourceType"),
                   S->text("ResourceStatus")});
  return Out;
}

std::string getTemplate(AwsClient &Aws, const std::string &Stack, const std::string &Stage) {
  return call(Aws, "GetTemplate", {{"StackName", Stack}, {"TemplateStage", Stage}}).text("TemplateBody");
}

} // namespace cfc::deploy::cfn
