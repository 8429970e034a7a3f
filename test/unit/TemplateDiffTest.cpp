// TemplateDiffTest — compiler/Diff's pure comparison of two templates:
// added, removed and modified resources, replacement from the catalog,
// the cascade through references, and data at risk.
#include "Catalog/Catalog.h"
#include "Diff/DiffPrinter.h"
#include "Diff/Replacement.h"
#include "Diff/TemplateDiff.h"

#include <gtest/gtest.h>

using namespace cfc;
using namespace cfc::diff;
using json = nlohmann::ordered_json;

namespace {

TemplateDiff diff(const char *Before, const char *After) {
  return diffTemplates(json::parse(Before), json::parse(After), catalog::Catalog::builtin());
}

const char *Table = R"({"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "Properties": {
  "BillingMode": "PROVISIONED",
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}}}})";

TEST(TemplateDiff, IdenticalTemplatesDifferInNothing) {
  TemplateDiff D = diff(Table, Table);
  EXPECT_TRUE(D.empty());
  EXPECT_EQ(summaryLine(D), "no differences");
}

TEST(TemplateDiff, SourceMetadataAndDependsOnSpellingAreNoChange) {
  TemplateDiff D = diff(
      R"({"Resources": {"A": {"Type": "AWS::SNS::Topic", "DependsOn": "B", "Metadata": {"cfc:source": "main.cfn:3"}},
                        "B": {"Type": "AWS::SNS::Topic"}}})",
      R"({"Resources": {"A": {"Type": "AWS::SNS::Topic", "DependsOn": ["B"], "Metadata": {"cfc:source": "main.cfn:9"}},
                        "B": {"Type": "AWS::SNS::Topic"}}})");
  EXPECT_TRUE(D.empty());
}

TEST(TemplateDiff, AddedAndRemovedResourcesInOrder) {
  TemplateDiff D = diff(R"({"Resources": {"Old": {"Type": "AWS::SNS::Topic"}}})",
                        R"({"Resources": {"New": {"Type": "AWS::SQS::Queue", "Metadata": {"cfc:source": "main.cfn:2"}}}})");
  ASSERT_EQ(D.Resources.size(), 2u);
  EXPECT_EQ(D.Resources[0].LogicalId, "New");
  EXPECT_EQ(D.Resources[0].Kind, ChangeKind::Added);
  EXPECT_EQ(D.Resources[0].Source, "main.cfn:2");
  EXPECT_EQ(D.Resources[1].LogicalId, "Old");
  EXPECT_EQ(D.Resources[1].Kind, ChangeKind::Removed);
  EXPECT_FALSE(D.Resources[1].DataAtRisk); // A topic holds no data.
}

TEST(TemplateDiff, InPlaceChangeKeepsTheResource) {
  std::string After = Table;
  After.replace(After.find("PROVISIONED"), 11, "PAY_PER_REQUEST");
  TemplateDiff D = diff(Table, After.c_str());
  ASSERT_EQ(D.Resources.size(), 1u);
  const ResourceChange &R = D.Resources[0];
  ASSERT_EQ(R.Changes.size(), 1u);
  EXPECT_EQ(pathText(R.Changes[0].Path), "Properties.BillingMode");
  EXPECT_EQ(*R.Changes[0].Before, "PROVISIONED");
  EXPECT_EQ(*R.Changes[0].After, "PAY_PER_REQUEST");
  EXPECT_EQ(R.Replaces, Replacement::Never);
  EXPECT_TRUE(R.HoldsData);
  EXPECT_FALSE(R.DataAtRisk);
}

TEST(TemplateDiff, KeySchemaReplacesTheTableAndRisksItsData) {
  std::string After = Table;
  After.replace(After.find("\"id\""), 4, "\"pk\"");
  TemplateDiff D = diff(Table, After.c_str());
  ASSERT_EQ(D.Resources.size(), 1u);
  const ResourceChange &R = D.Resources[0];
  ASSERT_EQ(R.Changes.size(), 1u);
  EXPECT_EQ(pathText(R.Changes[0].Path), "Properties.KeySchema[0].AttributeName");
  EXPECT_EQ(R.Changes[0].Replaces, Replacement::Always);
  EXPECT_NE(R.Changes[0].Reason.find("KeySchema"), std::string::npos) << R.Changes[0].Reason;
  EXPECT_EQ(R.Replaces, Replacement::Always);
  EXPECT_TRUE(R.DataAtRisk);
}

TEST(TemplateDiff, RetainPoliciesKeepTheData) {
  TemplateDiff Removed = diff(
      R"({"Resources": {"B": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain"}}})", R"({"Resources": {}})");
  ASSERT_EQ(Removed.Resources.size(), 1u);
  EXPECT_FALSE(Removed.Resources[0].DataAtRisk);
  EXPECT_EQ(Removed.Resources[0].KeptBy, "DeletionPolicy Retain");

  TemplateDiff Replaced = diff(
      R"({"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "a"}}}})",
      R"({"Resources": {"B": {"Type": "AWS::S3::Bucket", "UpdateReplacePolicy": "Retain", "Properties": {"BucketName": "b"}}}})");
  ASSERT_EQ(Replaced.Resources.size(), 1u);
  EXPECT_EQ(Replaced.Resources[0].Replaces, Replacement::Always);
  EXPECT_FALSE(Replaced.Resources[0].DataAtRisk);
  // A Snapshot policy keeps nothing of a type that cannot be snapshotted.
  TemplateDiff Snap = diff(
      R"({"Resources": {"B": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Snapshot"}}})", R"({"Resources": {}})");
  EXPECT_TRUE(Snap.Resources[0].DataAtRisk);
}

TEST(TemplateDiff, ReplacementCascadesThroughReferences) {
  const char *Before = R"({"Resources": {
    "B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "a"}},
    "P": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "B"},
          "PolicyDocument": {"Statement": []}}}},
    "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["B", "Arn"]}}}})";
  std::string After = Before;
  After.replace(After.find("\"a\""), 3, "\"b\"");
  TemplateDiff D = diff(Before, After.c_str());
  ASSERT_EQ(D.Resources.size(), 2u);
  EXPECT_EQ(D.Resources[0].LogicalId, "B");
  EXPECT_EQ(D.Resources[0].Replaces, Replacement::Always);
  const ResourceChange &P = D.Resources[1];
  EXPECT_EQ(P.LogicalId, "P");
  ASSERT_EQ(P.Changes.size(), 1u);
  EXPECT_EQ(pathText(P.Changes[0].Path), "Properties.Bucket");
  EXPECT_EQ(P.Changes[0].CausedBy, "B");
  EXPECT_EQ(P.Replaces, Replacement::Conditional); // Bucket is create-only: "may".
  ASSERT_EQ(D.Entries.size(), 1u);
  EXPECT_EQ(D.Entries[0].Section, "Outputs");
  EXPECT_EQ(D.Entries[0].Changes[0].CausedBy, "B");
}

TEST(TemplateDiff, NestedStructPropertiesHaveTheirOwnEffects) {
  // BlockDeviceMappings may replace an instance; inside it, Ebs.KmsKeyId
  // always does.
  auto Instance = [](const char *Key, int Size) {
    return R"({"Resources": {"I": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-1",
      "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"KmsKeyId": ")" +
           std::string(Key) + R"(", "VolumeSize": )" + std::to_string(Size) + "}}]}}}}";
  };
  TemplateDiff Key = diffTemplates(json::parse(Instance("a", 8)), json::parse(Instance("b", 8)),
                                   catalog::Catalog::builtin());
  ASSERT_EQ(Key.Resources.size(), 1u);
  const ValueChange &K = Key.Resources[0].Changes.at(0);
  EXPECT_EQ(pathText(K.Path), "Properties.BlockDeviceMappings[0].Ebs.KmsKeyId");
  EXPECT_EQ(K.Replaces, Replacement::Always);
  EXPECT_NE(K.Reason.find("BlockDeviceMappings.Ebs.KmsKeyId"), std::string::npos) << K.Reason;
  TemplateDiff Size = diffTemplates(json::parse(Instance("a", 8)), json::parse(Instance("a", 16)),
                                    catalog::Catalog::builtin());
  EXPECT_EQ(Size.Resources.at(0).Replaces, Replacement::Conditional);
  // Setting the whole struct sets what is inside it.
  TemplateDiff Added = diffTemplates(
      json::parse(R"({"Resources": {"I": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-1"}}}})"),
      json::parse(Instance("a", 8)), catalog::Catalog::builtin());
  EXPECT_EQ(Added.Resources.at(0).Replaces, Replacement::Always);
  EXPECT_FALSE(Added.Resources.at(0).HoldsData);
}

TEST(TemplateDiff, SubVariablesCountAsReferences) {
  std::set<std::string> Names;
  referencedNames(json::parse(R"({"Fn::Sub": ["${A}-${B.Arn}-${!C}-${V}", {"V": "x"}]})"), Names);
  EXPECT_EQ(Names, (std::set<std::string>{"A", "B"}));
}

TEST(TemplateDiff, ListsOfOtherLengthsShowWhatWasInserted) {
  TemplateDiff D = diff(
      R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": [{"Key": "b", "Value": "2"}]}}}})",
      R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]}}}})");
  ASSERT_EQ(D.Resources.size(), 1u);
  ASSERT_EQ(D.Resources[0].Changes.size(), 1u);
  EXPECT_EQ(pathText(D.Resources[0].Changes[0].Path), "Properties.Tags[0]");
  EXPECT_FALSE(D.Resources[0].Changes[0].Before);
}

TEST(TemplateDiff, TypeChangeAndUnknownTypesReplace) {
  TemplateDiff D = diff(R"({"Resources": {"X": {"Type": "AWS::SNS::Topic"},
                                          "U": {"Type": "AWS::Nope::Thing", "Properties": {"A": 1}}}})",
                        R"({"Resources": {"X": {"Type": "AWS::SQS::Queue"},
                                          "U": {"Type": "AWS::Nope::Thing", "Properties": {"A": 2}}}})");
  ASSERT_EQ(D.Resources.size(), 2u);
  EXPECT_EQ(D.Resources[0].Replaces, Replacement::Always);
  EXPECT_EQ(D.Resources[1].Replaces, Replacement::Conditional);
}

TEST(TemplateDiff, ParametersAndConditionsAreListed) {
  TemplateDiff D = diff(
      R"({"Parameters": {"Stage": {"Type": "String", "Default": "dev"}}, "Resources": {}})",
      R"({"Parameters": {"Stage": {"Type": "String", "Default": "prod"}}, "Conditions": {"IsProd": {"Fn::Equals": [1, 1]}}, "Resources": {}})");
  ASSERT_EQ(D.Entries.size(), 2u);
  EXPECT_EQ(D.Entries[0].Section, "Parameters");
  EXPECT_EQ(pathText(D.Entries[0].Changes[0].Path), "Default");
  EXPECT_EQ(D.Entries[1].Section, "Conditions");
  EXPECT_EQ(D.Entries[1].Kind, ChangeKind::Added);
  json J = diffToJson(D);
  EXPECT_EQ(J["other"][0]["changes"][0]["after"], "prod");
}

} // namespace
