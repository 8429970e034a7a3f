// LspEditorFeaturesTest — pieces of the features of issue 18 called
// directly: snippets as plain text, the units read from the resource
// specification, codeAction's kind filter, and the scope walk a document
// shares between threads.
#include "lsp/features/Bindings.h"
#include "lsp/features/EditorFeatures.h"

#include "Catalog/Catalog.h"

#include <gtest/gtest.h>

#include <thread>

using namespace cfc;
using namespace cfc::lsp;

namespace {

TEST(LspEditorFeatures, SnippetsAsPlainText) {
  EXPECT_EQ(snippetToPlainText("join($0)"), "join()");
  EXPECT_EQ(snippetToPlainText("resource ${1:name} ${2:aws.s3.Bucket} {\n\t$0\n}"),
            "resource name aws.s3.Bucket {\n\t\n}");
  EXPECT_EQ(snippetToPlainText("@removal(${1|\"destroy\",\"retain\"|})"), "@removal(\"destroy\")");
  EXPECT_EQ(snippetToPlainText("${1:outer ${2:inner}} \\$x \\}"), "outer inner $x }");
  EXPECT_EQ(snippetToPlainText("cost: $"), "cost: $");
  EXPECT_EQ(snippetToPlainText("${1:unclosed"), "unclosed");
}

const catalog::Property &property(const char *Type, const char *Name) {
  const catalog::ResourceType *T = catalog::Catalog::builtin().lookup(Type);
  EXPECT_NE(T, nullptr);
  const catalog::Property *P = T->findProperty(Name);
  EXPECT_NE(P, nullptr);
  return *P;
}

TEST(LspEditorFeatures, UnitsFromTheSpecification) {
  // "(in seconds)" in the documentation; a name's suffix; "128 MB".
  EXPECT_EQ(unitOf(property("aws.lambda.Function", "Timeout")), "seconds");
  EXPECT_EQ(unitOf(property("aws.sqs.Queue", "DelaySeconds")), "seconds");
  EXPECT_EQ(unitOf(property("aws.sqs.Queue", "VisibilityTimeout")), "seconds");
  EXPECT_EQ(unitOf(property("aws.lambda.Function", "MemorySize")), "MB");
  // A rate, from the documentation ("MiB/s") or the name (`...MiBps`).
  EXPECT_EQ(unitOf(property("aws.ec2.Volume", "Throughput")), "MiB/s");
  EXPECT_EQ(unitOf(property("aws.kinesis.Stream", "WarmThroughputMiBps")), "MiB/s");
  // A count whose documentation mentions a size in passing ("6 MB").
  EXPECT_EQ(unitOf(property("aws.lambda.EventSourceMapping", "BatchSize")), "");
  // Not a number, or a number without a unit.
  EXPECT_EQ(unitOf(property("aws.sqs.Queue", "QueueName")), "");
  EXPECT_EQ(unitOf(property("aws.lambda.Function", "ReservedConcurrentExecutions")), "");
}

TEST(LspEditorFeatures, CodeActionKindsFilter) {
  EXPECT_TRUE(kindWanted("quickfix", {}));
  EXPECT_TRUE(kindWanted("refactor.extract", {"refactor"}));
  EXPECT_TRUE(kindWanted("refactor.extract", {"quickfix", "refactor.extract"}));
  EXPECT_FALSE(kindWanted("refactor.extract", {"quickfix"}));
  EXPECT_FALSE(kindWanted("refactorings", {"refactor"}));
  EXPECT_FALSE(kindWanted("refactor", {"refactor.extract"}));
}

TEST(LspEditorFeatures, OneScopeWalkSharedByThreads) {
  auto Doc = ParsedDocument::build("file:///a.cfn", "let a = 1\nlet b = a + 1\noutput c = b\n", 1);
  const Bindings *Seen[2] = {nullptr, nullptr};
  std::thread First([&] { Seen[0] = &Doc->bindings(); });
  std::thread Second([&] { Seen[1] = &Doc->bindings(); });
  First.join();
  Second.join();
  EXPECT_EQ(Seen[0], Seen[1]);
  EXPECT_EQ(documentHighlights(*Doc, {0, 4}).size(), 2u);
}

} // namespace
