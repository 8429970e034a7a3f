// LspTransportTest — JSON-RPC framing of the language server: Content-Length
// messages in and out, and what happens to bad headers, truncated bodies,
// invalid JSON and lit-test transcripts.
#include "lsp/Transport.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace cfc::lsp;

namespace {

std::string frame(const std::string &Body) {
  return "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
}

TEST(LspTransport, ReadsFramedMessagesInOrder) {
  std::istringstream In(frame(R"({"id":1})") + frame(R"({"id":2})"));
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  Incoming A = T.read(), B = T.read(), C = T.read();
  ASSERT_EQ(A.Kind, Incoming::Status::Message);
  EXPECT_EQ(A.Message["id"], 1);
  ASSERT_EQ(B.Kind, Incoming::Status::Message);
  EXPECT_EQ(B.Message["id"], 2);
  EXPECT_EQ(C.Kind, Incoming::Status::End);
}

TEST(LspTransport, AcceptsOtherHeadersBareNewlinesAndAnyCase) {
  std::istringstream In("content-length: 2\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n{}");
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  Incoming A = T.read();
  ASSERT_EQ(A.Kind, Incoming::Status::Message);
  EXPECT_TRUE(A.Message.is_object());
}

TEST(LspTransport, ReportsABadHeaderAndGoesOn) {
  std::istringstream In("Content-Length: twelve\r\n\r\n" + frame(R"({"id":3})"));
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  Incoming A = T.read();
  EXPECT_EQ(A.Kind, Incoming::Status::Malformed);
  EXPECT_NE(A.Error.find("Content-Length"), std::string::npos);
  Incoming B = T.read();
  ASSERT_EQ(B.Kind, Incoming::Status::Message);
  EXPECT_EQ(B.Message["id"], 3);
}

TEST(LspTransport, MissingLengthIsMalformed) {
  std::istringstream In("Content-Type: x\r\n\r\n");
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  EXPECT_EQ(T.read().Kind, Incoming::Status::Malformed);
}

TEST(LspTransport, InvalidJsonIsMalformedAndTheNextMessageIsRead) {
  std::istringstream In(frame("{nope") + frame("[1]"));
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  Incoming A = T.read();
  EXPECT_EQ(A.Kind, Incoming::Status::Malformed);
  EXPECT_NE(A.Error.find("invalid JSON"), std::string::npos);
  Incoming B = T.read();
  ASSERT_EQ(B.Kind, Incoming::Status::Message);
  EXPECT_TRUE(B.Message.is_array());
}

TEST(LspTransport, TruncatedBodyEndsTheInput) {
  std::istringstream In("Content-Length: 100\r\n\r\n{\"id\":");
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  EXPECT_EQ(T.read().Kind, Incoming::Status::End);
}

TEST(LspTransport, HugeLengthIsRefusedWithoutAllocating) {
  std::istringstream In("Content-Length: 99999999999999\r\n\r\n{}");
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  Incoming A = T.read();
  EXPECT_NE(A.Kind, Incoming::Status::Message);
}

TEST(LspTransport, WritesFramedCompactJson) {
  std::istringstream In;
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  T.write({{"id", 1}, {"result", nullptr}});
  EXPECT_EQ(Out.str(), frame(R"({"id":1,"result":null})"));
}

TEST(LspTransport, WritingInvalidUtf8DoesNotThrow) {
  std::istringstream In;
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  EXPECT_NO_THROW(T.write({{"text", std::string("a\xff" "b")}}));
}

TEST(LspTransport, LitTestSplitsOnDashesAndDropsComments) {
  std::istringstream In("# RUN: cfc lsp\n{\"id\":\n 1}\n---\n# CHECK: x\n---\n{\"id\":2}\n");
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::LitTest);
  Incoming A = T.read(), B = T.read(), C = T.read();
  ASSERT_EQ(A.Kind, Incoming::Status::Message);
  EXPECT_EQ(A.Message["id"], 1);
  ASSERT_EQ(B.Kind, Incoming::Status::Message);
  EXPECT_EQ(B.Message["id"], 2);
  EXPECT_EQ(C.Kind, Incoming::Status::End);
}

TEST(LspTransport, LitTestWritesSortedPrettyJson) {
  std::istringstream In;
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::LitTest);
  T.write({{"b", 1}, {"a", 2}});
  std::string Text = Out.str();
  EXPECT_NE(Text.find("{\n  \"a\": 2,\n  \"b\": 1\n}"), std::string::npos);
}

} // namespace

namespace {

/// A message framed with a Content-Length off by Delta bytes.
std::string frameWrongly(const std::string &Body, long Delta) {
  return "Content-Length: " + std::to_string(static_cast<long>(Body.size()) + Delta) + "\r\n\r\n" + Body;
}

} // namespace

TEST(LspTransport, ALengthInCharactersIsReadWholeAndTheNextMessageToo) {
  // "é" and "€" are 2 and 3 bytes: a client counting characters says 4
  // bytes too few.
  std::string Body = R"({"id":1,"text":"é€"})";
  std::istringstream In(frameWrongly(Body, -3) + frame(R"({"id":2})"));
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  Incoming A = T.read();
  ASSERT_EQ(A.Kind, Incoming::Status::Message) << A.Error;
  EXPECT_EQ(A.Message["text"], "é€");
  EXPECT_NE(A.Repair.find("shorter"), std::string::npos) << A.Repair;
  Incoming B = T.read();
  ASSERT_EQ(B.Kind, Incoming::Status::Message);
  EXPECT_EQ(B.Message["id"], 2);
  EXPECT_TRUE(B.Repair.empty());
}

TEST(LspTransport, ALengthTooLongGivesTheRestBackToTheNextMessage) {
  std::string Second = frame(R"({"id":2})");
  std::istringstream In(frameWrongly(R"({"id":1})", 10) + Second + frame(R"({"id":3})"));
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  Incoming A = T.read(), B = T.read(), C = T.read();
  ASSERT_EQ(A.Kind, Incoming::Status::Message);
  EXPECT_EQ(A.Message["id"], 1);
  EXPECT_NE(A.Repair.find("longer"), std::string::npos) << A.Repair;
  ASSERT_EQ(B.Kind, Incoming::Status::Message);
  EXPECT_EQ(B.Message["id"], 2);
  ASSERT_EQ(C.Kind, Incoming::Status::Message);
  EXPECT_EQ(C.Message["id"], 3);
}

TEST(LspTransport, GarbageBeforeAHeaderIsSkippedAndSaid) {
  std::istringstream In("not a message at all\r\n\"rest of a body\"}}" + frame(R"({"id":4})"));
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  Incoming A = T.read();
  ASSERT_EQ(A.Kind, Incoming::Status::Message) << A.Error;
  EXPECT_EQ(A.Message["id"], 4);
  EXPECT_NE(A.Repair.find("skipped"), std::string::npos) << A.Repair;
}

TEST(LspTransport, AnUnfinishedBodyFollowedByAHeaderIsMalformedAndTheHeaderRead) {
  std::istringstream In(frame(R"({"id":5,"params":{)") + frame(R"({"id":6})"));
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  EXPECT_EQ(T.read().Kind, Incoming::Status::Malformed);
  Incoming B = T.read();
  ASSERT_EQ(B.Kind, Incoming::Status::Message);
  EXPECT_EQ(B.Message["id"], 6);
}

TEST(LspTransport, ALoneSurrogateAndBadUtf8AreReadAsReplacementCharacters) {
  std::istringstream In(frame(R"({"text":"a\ud800b\udc00c\ud83d\ude00"})") + frame("{\"text\":\"x\xff\"}") +
                        frame(R"({"text":"\\ud800"})"));
  std::ostringstream Out;
  Transport T(In, Out, TransportStyle::Framed);
  Incoming A = T.read();
  ASSERT_EQ(A.Kind, Incoming::Status::Message) << A.Error;
  EXPECT_EQ(A.Message["text"], "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xF0\x9F\x98\x80");
  EXPECT_FALSE(A.Repair.empty());
  Incoming B = T.read();
  ASSERT_EQ(B.Kind, Incoming::Status::Message) << B.Error;
  EXPECT_EQ(B.Message["text"], "x\xEF\xBF\xBD");
  // An escaped backslash before "ud800" is no escape: left alone.
  Incoming C = T.read();
  ASSERT_EQ(C.Kind, Incoming::Status::Message);
  EXPECT_EQ(C.Message["text"], "\\ud800");
  EXPECT_TRUE(C.Repair.empty());
}
