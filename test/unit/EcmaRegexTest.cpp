// EcmaRegex: every pattern of the catalog's constraints, judged against
// Node's RegExp (ECMA-262 itself) on a set of probe strings. cfc may decline
// a pattern (Unknown), never disagree with ECMA-262 on one it evaluates.
#include "Basic/EcmaRegex.h"
#include "Catalog/Catalog.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

using namespace cfc;

namespace {

void collectPatterns(const catalog::ValueLimits *L, std::set<std::string> &Out) {
  if (!L)
    return;
  if (!L->Pattern.empty())
    Out.insert(L->Pattern);
  collectPatterns(L->Items, Out);
  collectPatterns(L->Values, Out);
}

std::set<std::string> everyCatalogPattern() {
  const catalog::Catalog &C = catalog::Catalog::builtin();
  std::set<std::string> Patterns;
  for (llvm::StringRef Name : C.typeNames()) {
    const catalog::ResourceType *R = C.lookup(Name);
    for (const catalog::Property &P : R->Properties)
      collectPatterns(P.Limits, Patterns);
    for (const catalog::StructType &S : R->Structs)
      for (const catalog::Property &P : S.Properties)
        collectPatterns(P.Limits, Patterns);
  }
  return Patterns;
}

/// Strings of the shapes schema patterns are written for, and the corners
/// where ECMA-262 and PCRE2 could part: line terminators, non-ASCII spaces,
/// astral characters, a final newline before `$`.
std::vector<std::string> probes() {
  return {"",
          "a",
          "A",
          "abc",
          "my-bucket-1",
          "My_Name 1",
          "x.y.z",
          "arn:aws:iam::123456789012:role/service-role/my-role",
          "arn:aws:s3:::my-bucket/key",
          "arn:aws:lambda:us-east-1:123456789012:function:my-fn",
          "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "sg-0123456789abcdef0",
          "vpc-12345678",
          "subnet-0a1b2c3d",
          "o-a1b2c3d4e5",
          "us-east-1",
          "123456789012",
          "1234",
          "-1",
          "0.5",
          "a\nb",
          "abc\n",
          "a\rb",
          "a\u2028b",
          "\u00a0",
          "caf\u00e9",
          "\u65e5\u672c",
          "\xF0\x9F\x98\x80",
          " leading",
          "trailing ",
          "\t",
          "a b",
          "$default",
          "GET /items/{id}",
          std::string(300, 'x'),
          "aws:tag",
          "AWS::S3::Bucket",
          "/path/to/thing",
          "key=value",
          "a@example.com",
          "https://example.com/x?y=1",
          "2024-01-01T00:00:00Z",
          "rate(5 minutes)",
          "\\",
          "ABCDEFGHIJ",
          "z",
          "Z",
          "-"};
}

/// Java's constructs that ECMA-262 spells differently: Node cannot judge
/// what AWS means by them, so they are left out of the comparison.
bool javaOnly(llvm::StringRef P) {
  return P.contains("\\A") || P.contains("\\Z") || P.contains("(?i)") || P.contains("(?s)") ||
         P.contains("(?m)");
}

} // namespace

TEST(EcmaRegex, ReadsEcmaMeanings) {
  // `$` is the end of the input; `.` stops at every line terminator.
  EXPECT_EQ(searchPattern("^a$", "a\n"), PatternMatch::Fails);
  EXPECT_EQ(searchPattern("^a.b$", "a\u2028b"), PatternMatch::Fails);
  EXPECT_EQ(searchPattern("^a.b$", "a-b"), PatternMatch::Matches);
  // \s takes Unicode spaces; \d and \w are ASCII.
  EXPECT_EQ(searchPattern("^\\s$", "\u00a0"), PatternMatch::Matches);
  EXPECT_EQ(searchPattern("^\\w+$", "caf\u00e9"), PatternMatch::Fails);
  EXPECT_EQ(searchPattern("^[\\p{L}]+$", "caf\u00e9"), PatternMatch::Matches);
  EXPECT_EQ(searchPattern("^[\\u0020-\\u007e]+$", "abc"), PatternMatch::Matches);
  // Unanchored, as JSON Schema's pattern is.
  EXPECT_EQ(searchPattern("[0-9]", "abc1"), PatternMatch::Matches);
  // Lookahead, as tag keys use it.
  EXPECT_EQ(searchPattern("^(?!aws:).*$", "aws:x"), PatternMatch::Fails);
  EXPECT_EQ(searchPattern("^(?!aws:).*$", "team"), PatternMatch::Matches);
}

TEST(EcmaRegex, DeclinesWhatItCannotReadExactly) {
  for (const char *P : {"\\v", "[[:alpha:]]+", "\\uD800", "\\e", "(?<=a+)b", "\\x4", "a["})
    EXPECT_EQ(searchPattern(P, "a"), PatternMatch::Unknown) << P;
  // Catastrophic backtracking gives up instead of hanging.
  EXPECT_EQ(searchPattern("^(a+)+$", std::string(40, 'a') + "!"), PatternMatch::Unknown);
}

TEST(EcmaRegex, AgreesWithNodeOnEveryCatalogPattern) {
  llvm::ErrorOr<std::string> Node = llvm::sys::findProgramByName("node");
  ASSERT_TRUE(bool(Node)) << "node is needed to judge the patterns (tools/setup installs it)";
  std::set<std::string> All = everyCatalogPattern();
  ASSERT_GT(All.size(), 1500u);
  std::vector<std::string> Patterns;
  for (const std::string &P : All)
    if (!javaOnly(P))
      Patterns.push_back(P);
  std::vector<std::string> Inputs = probes();

  llvm::SmallString<128> In, Out;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("patterns", "json", In));
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("verdicts", "json", Out));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(In, EC);
    ASSERT_FALSE(EC);
    OS << nlohmann::json{{"patterns", Patterns}, {"inputs", Inputs}}.dump();
  }
  std::string Script = std::string(CFC_SOURCE_DIR) + "/test/unit/Inputs/ecma-search.js";
  llvm::StringRef Args[] = {*Node, Script};
  llvm::Optional<llvm::StringRef> Redirects[] = {llvm::StringRef(In), llvm::StringRef(Out), llvm::None};
  ASSERT_EQ(llvm::sys::ExecuteAndWait(*Node, Args, llvm::None, Redirects), 0);
  auto Buffer = llvm::MemoryBuffer::getFile(Out);
  ASSERT_TRUE(bool(Buffer));
  nlohmann::json Verdicts = nlohmann::json::parse((*Buffer)->getBuffer().str());
  llvm::sys::fs::remove(In);
  llvm::sys::fs::remove(Out);
  ASSERT_EQ(Verdicts.size(), Patterns.size());

  size_t Judged = 0, Declined = 0;
  for (size_t I = 0; I < Patterns.size(); ++I) {
    std::string Expected = Verdicts[I];
    if (Expected == "x") // Not ECMA-262 at all: cfc must decline it or read it as Java.
      continue;
    if (!patternSupported(Patterns[I])) {
      ++Declined;
      continue;
    }
    ++Judged;
    for (size_t J = 0; J < Inputs.size(); ++J) {
      PatternMatch Got = searchPattern(Patterns[I], Inputs[J]);
      if (Got == PatternMatch::Unknown)
        continue;
      EXPECT_EQ(Got == PatternMatch::Matches, Expected[J] == 'm')
          << "pattern " << Patterns[I] << " on input " << nlohmann::json(Inputs[J]).dump();
    }
  }
  // Nearly every pattern is evaluated: declining is for the rare doubtful one.
  EXPECT_GT(Judged, 20 * Declined) << Judged << " judged, " << Declined << " declined";
  std::cout << "[ patterns ] " << All.size() << " in the catalog, " << Judged << " compared with Node, "
            << Declined << " declined\n";
}
