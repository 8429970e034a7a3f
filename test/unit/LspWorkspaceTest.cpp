// LspWorkspaceTest — the language server's workspace and threads: text
// deltas, folder stacks re-parsing only the edited file, completion from an
// analysis of an older text, and the server answering every request when
// a worker thread handles them (run it under TSan: tools/sanitize builds
// with ASan; see docs/performance.md).
#include "lsp/Server.h"
#include "lsp/features/Features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <ext/stdio_filebuf.h>
#include <unistd.h>

using namespace cfc;
using namespace cfc::lsp;

namespace {

bool hasLabel(const CompletionList &L, const std::string &Label) {
  return std::any_of(L.items.begin(), L.items.end(),
                     [&](const CompletionItem &I) { return I.label == Label; });
}

/// A temporary folder, removed at the end of the test.
struct TempFolder {
  std::filesystem::path Path;
  TempFolder() {
    Path = std::filesystem::temp_directory_path() /
           ("cfc-lsp-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(Path);
    std::filesystem::create_directories(Path);
  }
  ~TempFolder() { std::filesystem::remove_all(Path); }
  std::string write(const std::string &Name, const std::string &Text) const {
    std::ofstream(Path / Name) << Text;
    return (Path / Name).string();
  }
};

const ast::File *fileNamed(const ParsedDocument &Doc, llvm::StringRef Suffix) {
  for (const auto &F : Doc.Comp->files())
    if (Doc.sources().name(F->Id).endswith(Suffix))
      return F.get();
  return nullptr;
}

TEST(TextDelta, FindsTheChangedSpanAndMapsAroundIt) {
  TextDelta D = TextDelta::between("let a = 1\nlet b = 2\n", "let a = 1\nlet bc = 2\n");
  EXPECT_EQ(D.Begin, 15u);
  EXPECT_EQ(D.OldEnd, 15u);
  EXPECT_EQ(D.NewEnd, 16u);
  EXPECT_EQ(D.toOld({4, 5}), (std::optional<SourceRange>{SourceRange{4, 5}}));
  EXPECT_FALSE(D.toOld({14, 16}).has_value()); // `bc`: typed into.
  EXPECT_EQ(D.toOld({19, 20}), (std::optional<SourceRange>{SourceRange{18, 19}}));
  EXPECT_TRUE(D.touchesOld({14, 15}));         // `b`, which became `bc`.
  EXPECT_FALSE(D.touchesOld({4, 5}));
  EXPECT_EQ(D.toOldClamped(15), 15u);
  EXPECT_EQ(D.toOldClamped(20), 19u);
  EXPECT_TRUE(TextDelta::between("same", "same").unchanged());
  EXPECT_FALSE(TextDelta::between("same", "same").touchesOld({0, 4}));
}

TEST(LspWorkspace, AFolderIsOneStackAndAnEditReparsesOnlyTheEditedFile) {
  TempFolder Dir;
  Dir.write("a.cfn", "/// Shared.\nlet prefix = \"acme\"\n");
  Dir.write("c.cfn", "resource broken aws.s3.Bucket {\n  BucketName:\n}\n"); // A syntax error.
  std::string B = Dir.write("b.cfn", "resource q aws.sqs.Queue {\n  QueueName: prefix\n}\n");
  std::string Uri = pathToUri(B);
  Workspace WS;
  WS.open(Uri, "resource q aws.sqs.Queue {\n  QueueName: prefix\n}\n", 1);
  auto First = WS.get(Uri);
  ASSERT_TRUE(First);
  EXPECT_EQ(First->StackFiles.size(), 2u);
  size_t FirstCount = First->Diagnostics.size();
  EXPECT_GE(FirstCount, 1u); // c.cfn's syntax error, and nothing about `prefix`.
  for (const cfc::Diagnostic &D : First->Diagnostics)
    EXPECT_NE(D.File, First->Main);

  DidChangeTextDocumentParams Edit;
  Edit.uri = Uri;
  Edit.version = 2;
  Edit.contentChanges.push_back({Range{{1, 13}, {1, 13}}, "-"});
  std::string Error;
  ASSERT_TRUE(WS.change(Edit, Error).has_value());
  EXPECT_FALSE(WS.current(Uri));
  auto Second = WS.get(Uri);
  ASSERT_TRUE(Second && Second != First);
  // The other files' ASTs come from the parse cache; the edited one is new.
  EXPECT_EQ(fileNamed(*First, "/a.cfn"), fileNamed(*Second, "/a.cfn"));
  EXPECT_EQ(fileNamed(*First, "/c.cfn"), fileNamed(*Second, "/c.cfn"));
  EXPECT_NE(First->Ast, Second->Ast);
  // The cached file's syntax error is reported again, as it was.
  auto SyntaxErrors = [](const ParsedDocument &Doc) {
    std::vector<std::string> Out;
    for (const cfc::Diagnostic &D : Doc.Diagnostics)
      if (D.File != Doc.Main)
        Out.push_back(D.Message);
    return Out;
  };
  EXPECT_EQ(SyntaxErrors(*First), SyntaxErrors(*Second));
  EXPECT_EQ(WS.current(Uri), Second);
}

TEST(LspWorkspace, ASiblingOpenedDuringAnAnalysisMakesItStale) {
  // The analysis of a.cfn copies b.cfn's text from the disk; b.cfn is then
  // opened with other text before the analysis is kept. a.cfn had no
  // analysis yet when b.cfn changed, so only the folder says it reads it.
  TempFolder Dir;
  std::string A = pathToUri(Dir.write("a.cfn", "let a = b\n"));
  std::string B = pathToUri(Dir.write("b.cfn", "let b = 1\n"));
  Workspace WS;
  WS.open(A, "let a = b\n", 1);
  std::optional<AnalysisInput> In = WS.prepare(A);
  ASSERT_TRUE(In);
  std::vector<std::string> Stale = WS.open(B, "let c = 1\n", 1);
  EXPECT_EQ(Stale, (std::vector<std::string>{A, B}));
  EXPECT_TRUE(WS.install(analyse(*In, WS.parseCache())));
  EXPECT_FALSE(WS.current(A)); // Made from b.cfn's old text.
  auto Fresh = WS.get(A);
  ASSERT_TRUE(Fresh);
  EXPECT_FALSE(Fresh->Diagnostics.empty()); // `b` is gone from b.cfn's buffer.
}

TEST(LspWorkspace, CompletesFromAnAnalysisOfAnOlderText) {
  std::string Old = "param hide: int = 60\nlet old = 1\n";
  auto Analysed = ParsedDocument::build("file:///a.cfn", Old, 1);
  std::string New = "param hide: int = 60\n\nresource fresh aws.sqs.Queue {\n  \n}\noutput o = fresh.\n";
  CompletionList Fields = complete(*Analysed, New, {3, 2});
  EXPECT_TRUE(hasLabel(Fields, "VisibilityTimeout"));
  CompletionList Attributes = complete(*Analysed, New, {5, 17});
  EXPECT_TRUE(hasLabel(Attributes, "QueueUrl"));
  CompletionList Names = complete(*Analysed, New, {5, 11});
  EXPECT_TRUE(hasLabel(Names, "hide"));
  EXPECT_TRUE(hasLabel(Names, "fresh"));
  EXPECT_FALSE(hasLabel(Names, "old"));
}

TEST(LspWorkspace, CompletionLexesFromTheDeclarationAtTheCursor) {
  // `a` lacks its `}`. Completion lexes from `q`, the last declaration the
  // analysis found before the cursor and the edit (the blank line typed in
  // `q`), and answers with a queue's properties, not a bucket's.
  std::string Old = "resource a aws.s3.Bucket {\n  BucketName: \"x\"\n\nresource q aws.sqs.Queue {\n}\n";
  auto Analysed = ParsedDocument::build("file:///a.cfn", Old, 1);
  std::string New = "resource a aws.s3.Bucket {\n  BucketName: \"x\"\n\nresource q aws.sqs.Queue {\n  \n}\n";
  CompletionList Fields = complete(*Analysed, New, {4, 2});
  EXPECT_TRUE(hasLabel(Fields, "DelaySeconds"));
  EXPECT_FALSE(hasLabel(Fields, "BucketName"));
}

/// The bodies of the framed messages in Out.
std::vector<json> messagesIn(const std::string &Out) {
  std::vector<json> Result;
  size_t Pos = 0;
  while ((Pos = Out.find("Content-Length: ", Pos)) != std::string::npos) {
    size_t Length = std::stoul(Out.substr(Pos + 16));
    size_t Body = Out.find("\r\n\r\n", Pos) + 4;
    Result.push_back(json::parse(Out.substr(Body, Length)));
    Pos = Body + Length;
  }
  return Result;
}

TEST(LspServer, AWorkerThreadAnswersEveryRequest) {
  std::string Doc = "resource q aws.sqs.Queue {\n  \n}\n";
  std::ostringstream In;
  auto Send = [&](const json &M) { In << M.dump() << "\n---\n"; };
  Send({{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"}, {"params", json::object()}});
  Send({{"jsonrpc", "2.0"},
        {"method", "textDocument/didOpen"},
        {"params", {{"textDocument", {{"uri", "file:///t/a.cfn"}, {"languageId", "cfc"}, {"version", 1}, {"text", Doc}}}}}});
  int Id = 1;
  for (int Edit = 0; Edit < 20; ++Edit) {
    Send({{"jsonrpc", "2.0"},
          {"method", "textDocument/didChange"},
          {"params",
           {{"textDocument", {{"uri", "file:///t/a.cfn"}, {"version", Edit + 2}}},
            {"contentChanges",
             {{{"range", {{"start", {{"line", 1}, {"character", 2}}}, {"end", {{"line", 1}, {"character", 2}}}}},
               {"text", "D"}}}}}}});
    json Position = {{"textDocument", {{"uri", "file:///t/a.cfn"}}}, {"position", {{"line", 1}, {"character", 3 + Edit}}}};
    Send({{"jsonrpc", "2.0"}, {"id", Id++}, {"method", "textDocument/completion"}, {"params", Position}});
    Send({{"jsonrpc", "2.0"}, {"id", Id++}, {"method", "textDocument/hover"}, {"params", Position}});
    if (Edit % 5 == 0)
      Send({{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", Id - 1}}}});
  }
  Send({{"jsonrpc", "2.0"}, {"id", Id++}, {"method", "shutdown"}});
  Send({{"jsonrpc", "2.0"}, {"method", "exit"}});

  std::istringstream Input(In.str());
  std::ostringstream Output;
  int Exit;
  {
    Transport T(Input, Output, TransportStyle::LitTest);
    ServerOptions Opts;
    Opts.Debounce = std::chrono::milliseconds(1);
    Server S(T, Opts);
    Exit = S.run();
  } // Joins the worker.
  EXPECT_EQ(Exit, 0);
  std::multiset<int> Answered;
  for (const json &M : messagesIn(Output.str())) {
    if (!M.contains("id"))
      continue;
    Answered.insert(M["id"].get<int>());
    if (M.contains("result") && M["result"].is_object() && M["result"].contains("items")) {
      bool Offered = false;
      for (const json &Item : M["result"]["items"])
        Offered |= Item["label"] == "DelaySeconds";
      EXPECT_TRUE(Offered) << M.dump();
    }
  }
  for (int I = 0; I < Id; ++I)
    EXPECT_EQ(Answered.count(I), 1u) << "request " << I;
}

TEST(LspServer, ClosingADocumentWhoseAnalysisWaitsForTheDebounce) {
  // The worker waits for the debounce of the didChange's analysis; didClose
  // drops that analysis meanwhile. (The worker once waited on a reference to
  // the dropped entry: ASan's heap-use-after-free.) Messages come through a
  // pipe, with pauses, so that the worker is waiting when the close comes.
  int Fds[2];
  ASSERT_EQ(pipe(Fds), 0);
  std::string Uri = "untitled:close.cfn";
  std::thread Client([&] {
    auto Send = [&](const json &M, int PauseMs) {
      std::string Text = M.dump() + "\n---\n";
      EXPECT_EQ(write(Fds[1], Text.data(), Text.size()), static_cast<ssize_t>(Text.size()));
      std::this_thread::sleep_for(std::chrono::milliseconds(PauseMs));
    };
    Send({{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"}, {"params", json::object()}}, 0);
    Send({{"jsonrpc", "2.0"},
          {"method", "textDocument/didOpen"},
          {"params", {{"textDocument", {{"uri", Uri}, {"languageId", "cfc"}, {"version", 1}, {"text", "let a = 1\n"}}}}}},
         100);
    Send({{"jsonrpc", "2.0"},
          {"method", "textDocument/didChange"},
          {"params", {{"textDocument", {{"uri", Uri}, {"version", 2}}}, {"contentChanges", {{{"text", "let b = 2\n"}}}}}}},
         30);
    Send({{"jsonrpc", "2.0"}, {"method", "textDocument/didClose"}, {"params", {{"textDocument", {{"uri", Uri}}}}}}, 30);
    Send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "shutdown"}}, 0);
    Send({{"jsonrpc", "2.0"}, {"method", "exit"}}, 0);
    close(Fds[1]);
  });
  __gnu_cxx::stdio_filebuf<char> Buffer(Fds[0], std::ios::in);
  std::istream Input(&Buffer);
  std::ostringstream Output;
  int Exit;
  {
    Transport T(Input, Output, TransportStyle::LitTest);
    ServerOptions Opts;
    Opts.Debounce = std::chrono::milliseconds(200);
    Server S(T, Opts);
    Exit = S.run();
  }
  Client.join();
  EXPECT_EQ(Exit, 0);
  std::vector<json> Messages = messagesIn(Output.str());
  ASSERT_FALSE(Messages.empty());
  // Published for version 1, then cleared by the close; never for version 2.
  for (const json &M : Messages)
    if (M.value("method", "") == "textDocument/publishDiagnostics")
      EXPECT_NE(M["params"].value("version", json()), json(2)) << M.dump();
  EXPECT_EQ(Messages.back().value("id", json()), json(1));
}

} // namespace
