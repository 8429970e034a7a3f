// deploy/: reading a change set for a person — source lines, replacements
// judged from the specification, access that broadens, data at risk — and
// the capabilities a template needs.
#include "deploy/ChangeSetView.h"
#include "deploy/AwsClient.h"
#include "deploy/EventFollower.h"

#include <gtest/gtest.h>

using namespace cfc::deploy;
using nlohmann::json;

namespace {

json tableTemplate(const std::string &Key) {
  return json::parse(R"({"Resources": {"Orders": {"Type": "AWS::DynamoDB::Table",
    "Properties": {"KeySchema": [{"AttributeName": ")" + Key + R"(", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"},
    "Metadata": {"cfc:source": "main.cfn:8"}}}})");
}

cfn::ResourceChange change(const std::string &Action, const std::string &Id, const std::string &Type) {
  cfn::ResourceChange C;
  C.Action = Action;
  C.LogicalId = Id;
  C.Type = Type;
  return C;
}

} // namespace

TEST(DeployChangeSet, ReplacementJudgedFromTheSpecification) {
  json Old = tableTemplate("id"), New = tableTemplate("orderId");
  std::vector<ChangeView> V = viewChanges({change("Modify", "Orders", "AWS::DynamoDB::Table")}, New, &Old);
  ASSERT_EQ(V.size(), 1u);
  EXPECT_EQ(V[0].Source, "main.cfn:8");
  EXPECT_EQ(V[0].Properties, std::vector<std::string>{"KeySchema"});
  EXPECT_EQ(V[0].Replacement, "True");
  EXPECT_TRUE(V[0].ReplacementJudged);
  EXPECT_TRUE(V[0].losesData());
  std::string Text = renderChanges(V);
  EXPECT_NE(Text.find("replace     Orders (AWS::DynamoDB::Table)  main.cfn:8"), std::string::npos) << Text;
  EXPECT_NE(Text.find("0 to add, 1 to modify (1 replaced), 0 to remove"), std::string::npos) << Text;
}

TEST(DeployChangeSet, CloudFormationsReplacementWins) {
  json Old = tableTemplate("id"), New = tableTemplate("id");
  New["Resources"]["Orders"]["Properties"]["BillingMode"] = "PROVISIONED";
  cfn::ResourceChange C = change("Modify", "Orders", "AWS::DynamoDB::Table");
  C.Replacement = "False";
  C.Details.push_back({"Properties", "BillingMode", "Never", "DirectModification", ""});
  std::vector<ChangeView> V = viewChanges({C}, New, &Old);
  EXPECT_EQ(V[0].Replacement, "False");
  EXPECT_FALSE(V[0].losesData());
}

TEST(DeployChangeSet, RemovingABucketLosesData) {
  json Old = json::parse(R"({"Resources": {"B": {"Type": "AWS::S3::Bucket", "Metadata": {"cfc:source": "main.cfn:3"}}}})");
  std::vector<ChangeView> V = viewChanges({change("Remove", "B", "AWS::S3::Bucket")}, json::object(), &Old);
  EXPECT_TRUE(V[0].losesData());
  EXPECT_NE(renderChanges(V).find("remove      B (AWS::S3::Bucket)  was at main.cfn:3"), std::string::npos);
  EXPECT_FALSE(viewChanges({change("Remove", "R", "AWS::IAM::Role")}, json::object(), &Old)[0].losesData());
}

TEST(DeployChangeSet, BroadenedAccessIsFlagged) {
  json Old = json::parse(R"({"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {
    "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}}]}},
    "G": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"SecurityGroupIngress": [
      {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/8"}]}}}})");
  json New = Old;
  New["Resources"]["R"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"] =
      json::array({"s3:GetObject", "s3:PutObject"});
  New["Resources"]["G"]["Properties"]["SecurityGroupIngress"].push_back(
      {{"IpProtocol", "tcp"}, {"FromPort", 22}, {"ToPort", 22}, {"CidrIp", "0.0.0.0/0"}});
  std::vector<ChangeView> V = viewChanges(
      {change("Modify", "R", "AWS::IAM::Role"), change("Modify", "G", "AWS::EC2::SecurityGroup")}, New, &Old);
  ASSERT_EQ(V.size(), 2u);
  EXPECT_EQ(V[0].Change.LogicalId, "G");
  EXPECT_EQ(V[0].Broadens, std::vector<std::string>{"ingress tcp 22 from 0.0.0.0/0"});
  EXPECT_EQ(V[1].Broadens, std::vector<std::string>{"allows s3:PutObject on arn:aws:s3:::b/*"});
  // Narrowing is no broadening.
  std::vector<ChangeView> Back = viewChanges({change("Modify", "R", "AWS::IAM::Role")}, Old, &New);
  EXPECT_TRUE(Back[0].Broadens.empty());
}

TEST(DeployChangeSet, Capabilities) {
  EXPECT_TRUE(requiredCapabilities(json::parse(R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}})")).empty());
  EXPECT_EQ(requiredCapabilities(json::parse(R"({"Resources": {"R": {"Type": "AWS::IAM::Role"}}})")),
            std::vector<std::string>{"CAPABILITY_IAM"});
  EXPECT_EQ(requiredCapabilities(json::parse(
                R"({"Transform": "AWS::Serverless-2016-10-31", "Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "x"}}}})")),
            (std::vector<std::string>{"CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"}));
}

TEST(DeployEvents, RootCauseIsNotTheCancellations) {
  std::vector<cfn::Event> Events = {
      {"1", "Stack", "", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated", ""},
      {"2", "Queue", "", "AWS::SQS::Queue", "CREATE_FAILED", "Resource creation cancelled", ""},
      {"3", "Table", "", "AWS::DynamoDB::Table", "CREATE_FAILED", "Table already exists: orders", ""},
      {"4", "Stack", "", "AWS::CloudFormation::Stack", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed", ""},
  };
  std::optional<cfn::Event> Cause = rootCause(Events);
  ASSERT_TRUE(Cause);
  EXPECT_EQ(Cause->LogicalId, "Table");
}

TEST(DeployErrors, MessagesSayWhatToDo) {
  Connection C;
  C.Creds.Source = "profile 'ci'";
  EXPECT_NE(explainAwsError("AccessDenied", "no", "cloudformation:CreateChangeSet", 403, C)
                .find("may not call cloudformation:CreateChangeSet"),
            std::string::npos);
  EXPECT_NE(explainAwsError("ExpiredToken", "", "sts:GetCallerIdentity", 403, C).find("have expired"),
            std::string::npos);
  EXPECT_TRUE(isRetryable("Throttling", 400));
  EXPECT_TRUE(isRetryable("", 503));
  EXPECT_FALSE(isRetryable("ValidationError", 400));
}
