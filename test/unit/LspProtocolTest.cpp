// LspProtocolTest — the LSP structures to and from JSON: what fromJSON
// accepts and refuses, and the shape toJSON writes; plus the workspace's
// URI and UTF-16 position helpers and incremental edits.
#include "lsp/Protocol.h"
#include "lsp/Workspace.h"

#include <gtest/gtest.h>

using namespace cfc::lsp;

namespace {

TEST(LspProtocol, PositionRoundTrip) {
  Position P{3, 7};
  Position Back;
  ASSERT_TRUE(fromJSON(toJSON(P), Back));
  EXPECT_EQ(Back, P);
}

TEST(LspProtocol, RangeRoundTrip) {
  Range R{{1, 2}, {3, 4}};
  Range Back;
  ASSERT_TRUE(fromJSON(toJSON(R), Back));
  EXPECT_EQ(Back, R);
}

TEST(LspProtocol, RefusesWrongShapes) {
  Position P;
  EXPECT_FALSE(fromJSON(json("here"), P));
  EXPECT_FALSE(fromJSON(json{{"line", -1}, {"character", 0}}, P));
  EXPECT_FALSE(fromJSON(json{{"line", 1}}, P));
  EXPECT_FALSE(fromJSON(json{{"line", 1.5}, {"character", 0}}, P));
  TextDocumentPositionParams Params;
  EXPECT_FALSE(fromJSON(json::object(), Params));
  EXPECT_FALSE(fromJSON(json{{"textDocument", {{"uri", 3}}}, {"position", {{"line", 0}, {"character", 0}}}}, Params));
  DidChangeTextDocumentParams Change;
  EXPECT_FALSE(fromJSON(json{{"textDocument", {{"uri", "file:///a"}}}, {"contentChanges", "x"}}, Change));
}

TEST(LspProtocol, ReadsPositionParamsWithReferenceContext) {
  json J = {{"textDocument", {{"uri", "file:///a.cfn"}}},
            {"position", {{"line", 2}, {"character", 5}}},
            {"context", {{"includeDeclaration", false}}}};
  TextDocumentPositionParams P;
  ASSERT_TRUE(fromJSON(J, P));
  EXPECT_EQ(P.uri, "file:///a.cfn");
  EXPECT_EQ(P.position, (Position{2, 5}));
  EXPECT_FALSE(P.includeDeclaration);
}

TEST(LspProtocol, ReadsIncrementalAndFullChanges) {
  json J = {{"textDocument", {{"uri", "file:///a.cfn"}, {"version", 4}}},
            {"contentChanges",
             {{{"range", {{"start", {{"line", 0}, {"character", 1}}}, {"end", {{"line", 0}, {"character", 2}}}}},
               {"text", "X"}},
              {{"text", "whole"}}}}};
  DidChangeTextDocumentParams P;
  ASSERT_TRUE(fromJSON(J, P));
  ASSERT_EQ(P.contentChanges.size(), 2u);
  EXPECT_TRUE(P.contentChanges[0].range.has_value());
  EXPECT_FALSE(P.contentChanges[1].range.has_value());
  EXPECT_EQ(P.version, 4);
}

TEST(LspProtocol, WritesDiagnosticsAsTheSpecNamesThem) {
  Diagnostic D;
  D.range = {{1, 2}, {1, 5}};
  D.code = "CFC2003";
  D.message = "unknown property";
  json J = toJSON(PublishDiagnosticsParams{"file:///a.cfn", 3, {D}});
  EXPECT_EQ(J["uri"], "file:///a.cfn");
  EXPECT_EQ(J["version"], 3);
  EXPECT_EQ(J["diagnostics"][0]["code"], "CFC2003");
  EXPECT_EQ(J["diagnostics"][0]["severity"], 1);
  EXPECT_EQ(J["diagnostics"][0]["source"], "cfc");
  EXPECT_EQ(J["diagnostics"][0]["range"]["start"]["character"], 2);
  EXPECT_FALSE(J["diagnostics"][0].contains("relatedInformation"));
}

TEST(LspProtocol, WritesCompletionItemsWithMarkdownDocumentation) {
  CompletionItem C;
  C.label = "FifoQueue";
  C.kind = CompletionItemKind::Property;
  C.documentation = "If set to true, creates a FIFO queue.";
  json J = toJSON(C);
  EXPECT_EQ(J["kind"], 10);
  EXPECT_EQ(J["documentation"]["kind"], "markdown");
  EXPECT_FALSE(J.contains("insertTextFormat"));
  EXPECT_FALSE(J.contains("sortText"));
}

TEST(LspProtocol, WritesWorkspaceEditsByUri) {
  CodeAction A;
  A.title = "fix";
  A.edit.changes.push_back({"file:///a.cfn", {{{{0, 0}, {0, 1}}, "x"}}});
  json J = toJSON(A);
  EXPECT_EQ(J["edit"]["changes"]["file:///a.cfn"][0]["newText"], "x");
  EXPECT_EQ(J["kind"], "quickfix");
}

TEST(LspWorkspace, UriAndPath) {
  EXPECT_EQ(uriToPath("file:///a/b%20c.cfn"), "/a/b c.cfn");
  EXPECT_EQ(pathToUri("/a/b c.cfn"), "file:///a/b%20c.cfn");
  EXPECT_EQ(uriToPath("untitled:1"), "untitled:1");
}

TEST(LspWorkspace, OffsetsCountUtf16Units) {
  // "é" is one UTF-16 unit in two bytes; "😀" is two units in four bytes.
  std::string Text = "a\xC3\xA9" "b\n\xF0\x9F\x98\x80x\n";
  EXPECT_EQ(offsetOfPosition(Text, {0, 2}), 3u);
  EXPECT_EQ(offsetOfPosition(Text, {1, 2}), 9u);
  EXPECT_EQ(offsetOfPosition(Text, {1, 99}), 10u); // Clamped to the line.
  EXPECT_EQ(offsetOfPosition(Text, {99, 0}), Text.size());
}

TEST(LspWorkspace, AppliesIncrementalEditsInOrder) {
  Workspace WS;
  WS.open("file:///a.cfn", "let a = 1\n", 1);
  DidChangeTextDocumentParams P;
  P.uri = "file:///a.cfn";
  P.version = 2;
  P.contentChanges.push_back({Range{{0, 4}, {0, 5}}, "bb"});
  P.contentChanges.push_back({Range{{0, 9}, {0, 10}}, "2"});
  std::string Error;
  ASSERT_TRUE(WS.change(P, Error));
  auto Doc = WS.get("file:///a.cfn");
  ASSERT_TRUE(Doc);
  EXPECT_EQ(Doc->text(), "let bb = 2\n");
  EXPECT_EQ(Doc->Version, 2);
  P.uri = "file:///other.cfn";
  EXPECT_FALSE(WS.change(P, Error));
}

} // namespace
