// ParseThreadsTest — the parser's prediction cache (compiler/Parse/
// CachedPrediction.h): each thread warms DFAs of its own and then predicts
// from them, so a parse must read the same whether it is a thread's first
// (predictions computed by the runtime) or a later one (read off the DFA),
// and threads parsing at once must not disturb each other.
#include "AST/ASTDumper.h"
#include "ParseTestSupport.h"

#include "llvm/Support/raw_ostream.h"

#include <thread>

namespace cfc::test {
namespace {

/// Every kind of decision the grammar has: expressions at each precedence,
/// calls, indexing, lists with extra commas, objects, types, decorators,
/// loops, components, functions, interpolation, and a broken declaration.
const char *const Program = R"(
@description("the bucket")
param env: "dev" | "prod" = "dev"
type Tags = {string: string}
fn name(prefix: string, n: int) -> string = "${prefix}-${n}"
let limits = [1, 2,, 3, -4 * 5 + 6 % 7, !true || false && 1 < 2]
component Site {
  resource b aws.s3.Bucket { BucketName: name(env, limits[0]), Tags: [{Key: "a", Value: env == "dev" ? "x" : "y"}] }
}
for i, v in limits {
  resource q aws.sqs.Queue { DelaySeconds: v, RedrivePolicy: {maxReceiveCount: (i + 1) * 2} }
}
output arn: string = q.Arn
resource broken aws.sns.Topic { TopicName: }
assert env != "", "an environment"
)";

std::string dumpOf(llvm::StringRef Text) {
  std::unique_ptr<Parsed> P = parse(Text);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  ast::dump(*P->File, P->SM, OS);
  for (const std::string &D : P->diags())
    OS << D << "\n";
  return OS.str();
}

TEST(ParseThreads, ALaterParseReadsAsTheFirst) {
  std::string First, Second;
  // A thread of its own, so that its first parse starts from cold DFAs.
  std::thread([&] {
    First = dumpOf(Program);
    Second = dumpOf(Program);
  }).join();
  EXPECT_FALSE(First.empty());
  EXPECT_NE(First.find(" CFC1"), std::string::npos) << "the broken declaration is reported";
  EXPECT_EQ(First, Second);
}

TEST(ParseThreads, ThreadsParsingAtOnceReadAlike) {
  std::string Expected = dumpOf(Program);
  std::vector<std::string> Seen(4);
  std::vector<std::thread> Threads;
  for (size_t T = 0; T < Seen.size(); ++T)
    Threads.emplace_back([&, T] {
      for (int Round = 0; Round < 5; ++Round)
        Seen[T] = dumpOf(Program);
    });
  for (std::thread &T : Threads)
    T.join();
  for (const std::string &S : Seen)
    EXPECT_EQ(S, Expected);
}

} // namespace
} // namespace cfc::test
