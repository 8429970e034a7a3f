// LspFeaturesTest — the language server's features called directly on a
// compiled document, without the protocol: completion in a broken file,
// hover, definition and symbols.
#include "lsp/features/Features.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace cfc::lsp;

namespace {

bool hasLabel(const CompletionList &L, const std::string &Label) {
  return std::any_of(L.items.begin(), L.items.end(),
                     [&](const CompletionItem &I) { return I.label == Label; });
}

TEST(LspFeatures, CompletesPropertiesInAnUnfinishedBody) {
  auto Doc = ParsedDocument::build("file:///a.cfn",
                                   "resource b aws.s3.Bucket {\n  BucketName:\n}\n"
                                   "resource q aws.sqs.Queue {\n  ",
                                   1);
  EXPECT_FALSE(Doc->Diagnostics.empty());
  CompletionList L = complete(*Doc, {4, 2});
  EXPECT_TRUE(hasLabel(L, "VisibilityTimeout"));
  EXPECT_TRUE(hasLabel(L, "FifoQueue"));
  EXPECT_FALSE(hasLabel(L, "BucketName"));
}

TEST(LspFeatures, CompletesTypesByNamespace) {
  auto Doc = ParsedDocument::build("file:///a.cfn", "resource b aws.s3.\n", 1);
  CompletionList L = complete(*Doc, {0, 18});
  EXPECT_TRUE(hasLabel(L, "Bucket"));
  EXPECT_FALSE(hasLabel(L, "Queue"));
}

TEST(LspFeatures, HoverAndDefinitionOfAResourceUse) {
  auto Doc = ParsedDocument::build("file:///a.cfn",
                                   "resource queue aws.sqs.Queue {\n  DelaySeconds: 5\n}\n"
                                   "output url = queue.QueueUrl\n",
                                   1);
  EXPECT_TRUE(Doc->Diagnostics.empty());
  auto H = hover(*Doc, {1, 4});
  ASSERT_TRUE(H.has_value());
  EXPECT_NE(H->contents.find("DelaySeconds: int"), std::string::npos);
  auto Defs = definition(*Doc, {3, 14});
  ASSERT_EQ(Defs.size(), 1u);
  EXPECT_EQ(Defs[0].range.start, (Position{0, 9}));
  EXPECT_EQ(references(*Doc, {0, 10}, /*IncludeDeclaration=*/false).size(), 1u);
}

TEST(LspFeatures, SymbolsOfEveryDeclaration) {
  auto Doc = ParsedDocument::build("file:///a.cfn",
                                   "param p: string\nlet l = 1\nresource r aws.sqs.Queue {}\noutput o = r\n", 1);
  std::vector<DocumentSymbol> S = documentSymbols(*Doc);
  ASSERT_EQ(S.size(), 4u);
  EXPECT_EQ(S[0].name, "p");
  EXPECT_EQ(S[2].detail, "aws.sqs.Queue");
  EXPECT_EQ(S[3].kind, SymbolKind::Field);
}

} // namespace
