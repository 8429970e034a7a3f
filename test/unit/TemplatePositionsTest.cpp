// Where cfc import finds each value of a template (Import/Importer.h): the
// JSON scanner and the YAML reader's marks, by JSON pointer. Diagnostics of
// dangling references point there.
#include "Import/Importer.h"

#include <gtest/gtest.h>

using namespace cfc;

namespace {

std::string at(llvm::StringRef Text, const import::Positions &P, const std::string &Pointer) {
  auto It = P.find(Pointer);
  if (It == P.end())
    return "<none>";
  SourceRange R = It->second;
  // A YAML value knows only where it starts: the rest of its line.
  size_t End = R.empty() ? Text.find('\n', R.Begin) : R.End;
  return Text.slice(R.Begin, End).str();
}

TEST(TemplatePositions, JsonPointersEscapeAndNest) {
  llvm::StringRef Text = R"({"a/b": [1, {"k~": "v\"x"}], "c" : {},
  "e": [], "u\u0041": true})";
  import::Positions P;
  import::jsonPositions(Text, P);
  EXPECT_EQ(at(Text, P, ""), Text.str());
  EXPECT_EQ(at(Text, P, "/a~1b"), R"([1, {"k~": "v\"x"}])");
  EXPECT_EQ(at(Text, P, "/a~1b/0"), "1");
  EXPECT_EQ(at(Text, P, "/a~1b/1/k~0"), R"("v\"x")");
  EXPECT_EQ(at(Text, P, "/c"), "{}");
  EXPECT_EQ(at(Text, P, "/e"), "[]");
  EXPECT_EQ(at(Text, P, "/uA"), "true"); // Keys are decoded.
}

TEST(TemplatePositions, JsonThatStopsEarlyKeepsWhatItFound) {
  // The scanner runs on text nlohmann read, but must not trust it.
  llvm::StringRef Text = R"({"a": [1, "x)";
  import::Positions P;
  import::jsonPositions(Text, P);
  EXPECT_EQ(at(Text, P, "/a/0"), "1");
}

TEST(TemplatePositions, YamlShortFormsAreTheirFunctions) {
  llvm::StringRef Text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                         "      QueueName: !GetAtt Topic.TopicName\n      Tags: [!Ref Other]\n";
  nlohmann::ordered_json T;
  std::string Error;
  size_t Offset;
  import::Positions P;
  ASSERT_TRUE(import::readTemplate(Text, /*Yaml=*/true, T, Error, Offset, &P)) << Error;
  std::string Name = at(Text, P, "/Resources/Q/Properties/QueueName");
  EXPECT_NE(Name.find("Topic.TopicName"), std::string::npos) << Name;
  // `!GetAtt R.A` is {"Fn::GetAtt": ["R", "A"]}: both names are in its scalar.
  EXPECT_EQ(at(Text, P, "/Resources/Q/Properties/QueueName/Fn::GetAtt/1"), Name);
  std::string Ref = at(Text, P, "/Resources/Q/Properties/Tags/0/Ref");
  EXPECT_NE(Ref.find("Other"), std::string::npos) << Ref;
}

} // namespace
