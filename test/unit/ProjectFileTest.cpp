// ProjectFileTest — cfc.yaml read into a Project: values, the ranges
// diagnostics point at, and how environments combine with the defaults.
#include "Project/ProjectFile.h"

#include <gtest/gtest.h>

using namespace cfc;
using namespace cfc::project;

namespace {

struct Parsed {
  SourceManager SM;
  DiagnosticEngine Diags;
  std::optional<Project> P;
  explicit Parsed(std::string Text, llvm::StringRef Path = "proj/cfc.yaml") {
    P = parseProject(std::move(Text), Path, SM, Diags);
  }
  /// The text a range covers.
  std::string at(SourceRange R) const { return P->Text.substr(R.Begin, R.End - R.Begin); }
};

TEST(ProjectFileTest, ReadsEveryKey) {
  // entry names no file on disk: that one error is expected.
  Parsed X("name: photos\n"
           "entry: stack.cfn\n"
           "output: build/templates\n"
           "format: yaml\n"
           "region: eu-west-1\n"
           "parameters:\n"
           "  owner: team-a\n"
           "  stage: dev\n"
           "environments:\n"
           "  prod:\n"
           "    region: us-east-1\n"
           "    parameters:\n"
           "      stage: prod\n"
           "      zones: [a, \"b\"]\n"
           "  dev: {}\n"
           "  staging:\n");
  ASSERT_TRUE(X.P);
  const Project &P = *X.P;
  EXPECT_EQ(P.Folder, "proj");
  EXPECT_EQ(P.stackName(), "photos");
  EXPECT_EQ(P.entryPath(), "proj/stack.cfn");
  EXPECT_EQ(P.outputFolder(), "proj/build/templates");
  EXPECT_EQ(P.format(), OutputFormat::Yaml);
  EXPECT_EQ(P.environmentNames(), (std::vector<std::string>{"prod", "dev", "staging"}));
  const Environment *Prod = P.environment("prod");
  ASSERT_TRUE(Prod);
  EXPECT_EQ(P.regionOf(Prod), "us-east-1");
  EXPECT_EQ(P.regionOf(P.environment("dev")), "eu-west-1");
  EXPECT_EQ(P.regionOf(nullptr), "eu-west-1");
  EXPECT_EQ(P.templatePath(Prod, "json"), "proj/build/templates/prod/photos.json");
  EXPECT_EQ(P.templatePath(nullptr, "yaml"), "proj/build/templates/photos.yaml");

  // The environment's values win; the project's others stay.
  std::vector<ParameterValue> Params = P.parametersOf(Prod);
  ASSERT_EQ(Params.size(), 3u);
  EXPECT_EQ(Params[0].Name, "owner");
  EXPECT_EQ(Params[1].Name, "stage");
  EXPECT_EQ(Params[1].Value, "prod");
  EXPECT_EQ(X.at(Params[1].NameRange), "stage");
  EXPECT_EQ(X.at(Params[1].ValueRange), "prod");
  EXPECT_EQ(Params[2].Value, "a,b"); // A [string] parameter's text.
  EXPECT_EQ(X.at(Params[2].ValueRange), "[a, \"b\"]");

  ASSERT_EQ(X.Diags.diagnostics().size(), 1u);
  EXPECT_EQ(X.Diags.diagnostics()[0].Kind, diag::ProjectMissingPath);
  EXPECT_EQ(X.at(X.Diags.diagnostics()[0].Range), "stack.cfn");
}

TEST(ProjectFileTest, DefaultsAndEmptyFile) {
  Parsed X("", "cfc.yaml");
  ASSERT_TRUE(X.P);
  EXPECT_FALSE(X.Diags.hasErrors());
  EXPECT_EQ(X.P->entryPath(), ".");
  EXPECT_EQ(X.P->outputFolder(), "out");
  EXPECT_EQ(X.P->format(), OutputFormat::Json);
  EXPECT_TRUE(X.P->Environments.empty());
}

TEST(ProjectFileTest, RangesOfQuotedValuesAndKeys) {
  Parsed X("format: \"jsn\"\n"
           "environments:\n"
           "  'prod':\n"
           "    regoin: eu-west-1\n");
  ASSERT_TRUE(X.P);
  const std::vector<Diagnostic> &D = X.Diags.diagnostics();
  ASSERT_EQ(D.size(), 2u);
  EXPECT_EQ(D[0].Kind, diag::ProjectWrongValue);
  EXPECT_EQ(X.at(D[0].Range), "\"jsn\""); // The quotes belong to the value.
  ASSERT_EQ(D[0].Fixes.size(), 1u);
  EXPECT_EQ(D[0].Fixes[0].Replacement, "json");
  EXPECT_EQ(D[1].Kind, diag::ProjectUnknownKey);
  EXPECT_EQ(X.at(D[1].Range), "regoin");
  EXPECT_EQ(D[1].Message, "unknown key 'regoin' in environment 'prod'; did you mean 'region'?");
  EXPECT_EQ(X.at(X.P->Environments.at(0).Name.Range), "'prod'");
}

TEST(ProjectFileTest, NotAMappingIsNoProject) {
  Parsed List("- a\n");
  EXPECT_FALSE(List.P);
  EXPECT_EQ(List.Diags.diagnostics().at(0).Kind, diag::ProjectWrongValue);
  Parsed Broken("entry: [a\n");
  EXPECT_FALSE(Broken.P);
  EXPECT_EQ(Broken.Diags.diagnostics().at(0).Kind, diag::ProjectInvalidYaml);
}

TEST(ProjectFileTest, DuplicateKeysPointAtBoth) {
  Parsed X("parameters:\n  a: 1\n  a: 2\n");
  ASSERT_TRUE(X.P);
  const Diagnostic &D = X.Diags.diagnostics().at(0);
  EXPECT_EQ(D.Kind, diag::ProjectDuplicateKey);
  EXPECT_EQ(X.Diags.diagnostics().size(), 1u);
  ASSERT_EQ(D.Notes.size(), 1u);
  EXPECT_LT(D.Notes[0].Range.Begin, D.Range.Begin);
  // The first value stands.
  ASSERT_EQ(X.P->Parameters.size(), 1u);
  EXPECT_EQ(X.P->Parameters[0].Value, "1");
}

TEST(ProjectFileTest, Names) {
  EXPECT_TRUE(isValidName("prod"));
  EXPECT_TRUE(isValidName("eu-prod_2.blue"));
  EXPECT_FALSE(isValidName(""));
  EXPECT_FALSE(isValidName(".."));
  EXPECT_FALSE(isValidName("a/b"));
  EXPECT_FALSE(isValidName("my env"));
  EXPECT_TRUE(isRegionName("eu-west-1"));
  EXPECT_TRUE(isRegionName("us-gov-west-1"));
  EXPECT_TRUE(isRegionName("ap-southeast-4"));
  EXPECT_FALSE(isRegionName("Ireland"));
  EXPECT_FALSE(isRegionName("eu-west"));
  EXPECT_FALSE(isRegionName("EU-WEST-1"));
  EXPECT_FALSE(isRegionName("eu--1"));
}

} // namespace
