// LspRenameTest — rename, signature help and the builtin table, called
// directly: what the lit transcripts cannot show compactly (code lowering
// never reached, every builtin's label, calls that do not parse).
#include "lsp/features/Features.h"

#include "Sema/BuiltinFunctions.h"

#include <gtest/gtest.h>

using namespace cfc::lsp;

namespace {

/// The positions (line:character) an edit of the document changes.
std::vector<std::string> editedPlaces(const RenameResult &R, const std::string &Uri) {
  std::vector<std::string> Places;
  for (const auto &[EditUri, Edits] : R.edit.changes)
    if (EditUri == Uri)
      for (const TextEdit &E : Edits)
        Places.push_back(std::to_string(E.range.start.line) + ":" +
                         std::to_string(E.range.start.character));
  return Places;
}

TEST(LspRename, RenamesInsideAComponentNobodyInstantiates) {
  // Lowering never evaluates the body, so the semantic index has no use of
  // `size`; the scope walk still finds it.
  auto Doc = ParsedDocument::build("file:///a.cfn",
                                   "component Pool {\n  param size: int\n  let double = size * 2\n}\n", 1);
  RenameResult R = rename(*Doc, {1, 9}, "count");
  EXPECT_EQ(R.refusal, "");
  EXPECT_EQ(editedPlaces(R, "file:///a.cfn"), (std::vector<std::string>{"1:8", "2:15"}));
}

TEST(LspRename, RenamesAFunctionNobodyCallsAndUsesAfterAnError) {
  auto Doc = ParsedDocument::build("file:///a.cfn",
                                   "fn twice(x: int) = x * 2\nlet broken = (\nlet y = twice(2)\n", 1);
  ASSERT_FALSE(Doc->Diagnostics.empty());
  EXPECT_EQ(editedPlaces(rename(*Doc, {0, 10}, "n"), "file:///a.cfn"),
            (std::vector<std::string>{"0:9", "0:19"}));
  EXPECT_EQ(editedPlaces(rename(*Doc, {0, 4}, "double"), "file:///a.cfn"),
            (std::vector<std::string>{"0:3", "2:8"}));
}

TEST(LspRename, KeepsAPinnedResourceAsItIs) {
  // `@logicalId` already pins the ID: only the name changes.
  auto Doc = ParsedDocument::build("file:///a.cfn",
                                   "@logicalId(\"Jobs\")\nresource queue aws.sqs.Queue {}\noutput u = queue\n", 1);
  RenameResult R = rename(*Doc, {1, 10}, "jobs");
  EXPECT_EQ(R.refusal, "");
  EXPECT_EQ(editedPlaces(R, "file:///a.cfn"), (std::vector<std::string>{"1:9", "2:11"}));
}

TEST(LspRename, SamePascalCaseNeedsNoPin) {
  // `my_queue` and `myQueue` are both MyQueue: nothing to keep, even in a loop.
  auto Doc = ParsedDocument::build(
      "file:///a.cfn", "for x in [\"a\"] {\n  resource my_queue aws.sqs.Queue {}\n}\n", 1);
  RenameResult R = rename(*Doc, {1, 12}, "myQueue");
  EXPECT_EQ(R.refusal, "");
  EXPECT_EQ(editedPlaces(R, "file:///a.cfn"), (std::vector<std::string>{"1:11"}));
}

TEST(LspRename, NothingToRenameInWhitespace) {
  auto Doc = ParsedDocument::build("file:///a.cfn", "let a = 1\n\nlet b = a\n", 1);
  RenameTarget T = prepareRename(*Doc, {1, 0});
  EXPECT_FALSE(T.range.has_value());
  EXPECT_EQ(T.refusal, "");
  EXPECT_EQ(rename(*Doc, {1, 0}, "c").refusal, "there is no name to rename here");
  EXPECT_TRUE(rename(*Doc, {0, 4}, "a").edit.changes.empty()); // The same name: no edit.
}

TEST(LspSignatureHelp, GroupingParenthesesAndStringsLeadToTheCall) {
  auto Doc = ParsedDocument::build("file:///a.cfn", "let c = cidr(\"10.0.0.0/16\", (1 + \"a,b\"", 1);
  auto H = signatureHelp(*Doc, {0, 38});
  ASSERT_TRUE(H.has_value());
  EXPECT_EQ(H->signatures.at(0).label, "cidr(block: string, count: int, bits: int) -> [string]");
  EXPECT_EQ(H->activeParameter, 1u);
}

TEST(LspSignatureHelp, NoneForAComponentInstanceOrAnUnknownName) {
  auto Doc = ParsedDocument::build("file:///a.cfn",
                                   "component C {\n  param p: int\n}\nresource c C {\n  p: 1\n}\n"
                                   "let x = nope(1, \n",
                                   1);
  EXPECT_FALSE(signatureHelp(*Doc, {4, 4}).has_value());
  EXPECT_FALSE(signatureHelp(*Doc, {6, 15}).has_value());
}

TEST(BuiltinFunctions, LabelsAndParameterOffsetsAgree) {
  const auto &All = cfc::sema::builtinFunctions();
  ASSERT_GE(All.size(), 28u); // 16 functions and 12 unit conversions.
  for (const cfc::sema::BuiltinFunction &F : All) {
    std::string Label = F.label();
    auto Offsets = F.parameterOffsets();
    ASSERT_EQ(Offsets.size(), F.Params.size()) << F.Name;
    for (size_t I = 0; I < Offsets.size(); ++I) {
      std::string Param = Label.substr(Offsets[I].first, Offsets[I].second - Offsets[I].first);
      EXPECT_EQ(Param.rfind(F.Params[I].Name, 0), 0u) << Label;
      EXPECT_NE(Param.find(F.Params[I].Type), std::string::npos) << Label;
    }
    EXPECT_FALSE(F.Documentation.empty()) << F.Name;
    EXPECT_EQ(cfc::sema::findBuiltinFunction(F.Name), &F);
  }
  EXPECT_EQ(cfc::sema::findBuiltinFunction("nope"), nullptr);
}

} // namespace
