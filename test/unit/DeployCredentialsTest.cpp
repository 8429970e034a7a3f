// deploy/: how credentials, region and endpoint are found (the AWS SDKs'
// order), the AWS config files, and AWS's XML replies.
#include "deploy/Credentials.h"
#include "deploy/Ini.h"
#include "deploy/Xml.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>

using namespace cfc::deploy;

namespace {

/// An environment of the given variables only, with files in a scratch HOME.
struct FakeEnv {
  std::map<std::string, std::string> Vars;
  EnvLookup lookup() const {
    return [this](const char *Name) -> std::optional<std::string> {
      auto It = Vars.find(Name);
      if (It == Vars.end())
        return std::nullopt;
      return It->second;
    };
  }
};

std::string writeTemp(const std::string &Text) {
  char Name[] = "/tmp/cfc-aws-XXXXXX";
  int Fd = mkstemp(Name);
  close(Fd);
  std::ofstream(Name) << Text;
  return Name;
}

} // namespace

TEST(DeployIni, SectionsKeysAndComments) {
  IniFile F = parseIni("# comment\n[default]\nregion = eu-west-1\n\n[profile dev]\nAWS_Access_Key_Id=AK\n"
                       "; other\ns3 =\n  max_concurrent_requests = 2\n");
  EXPECT_EQ(F["default"]["region"], "eu-west-1");
  EXPECT_EQ(F["profile dev"]["aws_access_key_id"], "AK");
}

TEST(DeployCredentials, EnvironmentKeysWin) {
  FakeEnv E{{{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "SECRET"}, {"AWS_SESSION_TOKEN", "TOK"},
             {"AWS_REGION", "eu-central-1"}, {"AWS_CONFIG_FILE", "/nonexistent"},
             {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"}}};
  Connection C = resolveConnection({}, E.lookup());
  EXPECT_EQ(C.Creds.AccessKeyId, "AKID");
  EXPECT_EQ(C.Creds.SessionToken, "TOK");
  EXPECT_EQ(C.Creds.Source, "the environment");
  EXPECT_EQ(C.Region, "eu-central-1");
  EXPECT_EQ(C.EndpointUrl, "");
}

TEST(DeployCredentials, RegionOrder) {
  FakeEnv E{{{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "S"}, {"AWS_DEFAULT_REGION", "us-west-2"},
             {"AWS_CONFIG_FILE", "/nonexistent"}, {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"}}};
  EXPECT_EQ(resolveConnection({}, E.lookup()).Region, "us-west-2");
  ConnectionFlags Project;
  Project.ProjectRegion = "ap-south-1";
  EXPECT_EQ(resolveConnection(Project, E.lookup()).Region, "ap-south-1");
  Project.Region = "sa-east-1";
  EXPECT_EQ(resolveConnection(Project, E.lookup()).Region, "sa-east-1");
}

TEST(DeployCredentials, MissingEverything) {
  FakeEnv E{{{"AWS_CONFIG_FILE", "/nonexistent"}, {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"}}};
  try {
    resolveConnection({}, E.lookup());
    FAIL() << "no error";
  } catch (const ConnectionError &Err) {
    EXPECT_NE(std::string(Err.what()).find("no AWS credentials found"), std::string::npos);
  }
  E.Vars["AWS_ACCESS_KEY_ID"] = "A";
  E.Vars["AWS_SECRET_ACCESS_KEY"] = "S";
  try {
    resolveConnection({}, E.lookup());
    FAIL() << "no error";
  } catch (const ConnectionError &Err) {
    EXPECT_NE(std::string(Err.what()).find("no AWS region given"), std::string::npos);
  }
}

TEST(DeployCredentials, ProfilesFromTheFiles) {
  std::string Config = writeTemp("[default]\nregion = us-east-2\n[profile dev]\nregion = eu-west-3\n"
                                 "endpoint_url = http://127.0.0.1:4566/\n"
                                 "[profile tool]\ncredential_process = printf '{\"Version\":1,\"AccessKeyId\":\"PK\","
                                 "\"SecretAccessKey\":\"PS\",\"SessionToken\":\"PT\"}'\nregion = us-east-1\n");
  std::string Creds = writeTemp("[default]\naws_access_key_id = DK\naws_secret_access_key = DS\n"
                                "[dev]\naws_access_key_id = DEVK\naws_secret_access_key = DEVS\n");
  FakeEnv E{{{"AWS_CONFIG_FILE", Config}, {"AWS_SHARED_CREDENTIALS_FILE", Creds}}};
  Connection Default = resolveConnection({}, E.lookup());
  EXPECT_EQ(Default.Creds.AccessKeyId, "DK");
  EXPECT_EQ(Default.Region, "us-east-2");

  E.Vars["AWS_PROFILE"] = "dev";
  Connection Dev = resolveConnection({}, E.lookup());
  EXPECT_EQ(Dev.Creds.AccessKeyId, "DEVK");
  EXPECT_EQ(Dev.Creds.Source, "profile 'dev'");
  EXPECT_EQ(Dev.Region, "eu-west-3");
  EXPECT_EQ(Dev.EndpointUrl, "http://127.0.0.1:4566");

  // --profile beats the environment's keys.
  E.Vars["AWS_ACCESS_KEY_ID"] = "ENVK";
  E.Vars["AWS_SECRET_ACCESS_KEY"] = "ENVS";
  ConnectionFlags Flags;
  Flags.Profile = "tool";
  Connection Tool = resolveConnection(Flags, E.lookup());
  EXPECT_EQ(Tool.Creds.AccessKeyId, "PK");
  EXPECT_EQ(Tool.Creds.SessionToken, "PT");

  Flags.Profile = "nope";
  EXPECT_THROW(resolveConnection(Flags, E.lookup()), ConnectionError);
  // AWS_PROFILE naming no profile does not matter when the keys are in the
  // environment; without them it is an error.
  E.Vars["AWS_PROFILE"] = "nope";
  E.Vars["AWS_REGION"] = "eu-north-1";
  EXPECT_EQ(resolveConnection({}, E.lookup()).Creds.AccessKeyId, "ENVK");
  E.Vars.erase("AWS_ACCESS_KEY_ID");
  E.Vars.erase("AWS_SECRET_ACCESS_KEY");
  EXPECT_THROW(resolveConnection({}, E.lookup()), ConnectionError);
  std::remove(Config.c_str());
  std::remove(Creds.c_str());
}

TEST(DeployCredentials, ProcessOutput) {
  EXPECT_THROW(credentialsFromProcessOutput("not json", "x"), ConnectionError);
  EXPECT_THROW(credentialsFromProcessOutput(
                   R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2001-01-01T00:00:00Z"})",
                   "x"),
               ConnectionError);
  Credentials C = credentialsFromProcessOutput(
      R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2999-01-01T00:00:00Z"})", "x");
  EXPECT_EQ(C.AccessKeyId, "A");
}

TEST(DeployXml, QueryReplyWithNamespaceAndMembers) {
  std::optional<XmlNode> Doc = parseXml(
      R"(<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult><Stacks><member><StackName>a &amp; b</StackName></member><member><StackName>c</StackName></member>
  </Stacks></DescribeStacksResult></DescribeStacksResponse>)");
  ASSERT_TRUE(Doc);
  const XmlNode *R = Doc->child("DescribeStacksResult");
  ASSERT_TRUE(R);
  auto Stacks = R->members("Stacks");
  ASSERT_EQ(Stacks.size(), 2u);
  EXPECT_EQ(Stacks[0]->text("StackName"), "a & b");
  EXPECT_FALSE(parseXml("<unclosed>"));
  EXPECT_FALSE(parseXml(""));
}

TEST(DeployXml, NoExternalEntities) {
  std::optional<XmlNode> Doc =
      parseXml("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
  if (Doc) {
    EXPECT_EQ(Doc->Text.find("root:"), std::string::npos);
  }
}
