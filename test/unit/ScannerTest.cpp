// ScannerTest — the hand-written Scanner must produce exactly the tokens of
// the ANTLR lexer generated from grammar/CfnLexer.g4 (the specification):
// same type, offsets, line, column and channel, and the same mode after each
// token. Checked on every .cfn file of the repository, on tricky snippets,
// and on random texts built from the characters the lexer cares about.
#include "Parse/ParseInternals.h"
#include "Parse/Scanner.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace cfc;
using namespace cfc::parse;
using grammar::CfnLexer;

namespace {

/// One token as both lexers must agree on it.
std::string describe(const antlr4::Token &T, size_t Mode) {
  return std::to_string(T.getType()) + "@" + std::to_string(T.getStartIndex()) + ":" +
         std::to_string(T.getStopIndex()) + " line " + std::to_string(T.getLine()) + ":" +
         std::to_string(T.getCharPositionInLine()) + " ch" + std::to_string(T.getChannel()) +
         " mode" + std::to_string(Mode);
}

/// The ANTLR lexer's tokens; without whitespace unless KeepWhitespace.
std::vector<std::string> withAntlr(llvm::StringRef Text, bool KeepWhitespace) {
  ByteStream Input(Text);
  CfnLexer Lexer(&Input);
  Lexer.removeErrorListeners();
  std::vector<std::string> Out;
  for (;;) {
    std::unique_ptr<antlr4::Token> T = Lexer.nextToken();
    if (T->getType() != CfnLexer::WS || KeepWhitespace)
      Out.push_back(describe(*T, Lexer.mode));
    if (T->getType() == antlr4::Token::EOF)
      return Out;
  }
}

std::vector<std::string> withScanner(llvm::StringRef Text, bool KeepWhitespace) {
  ByteStream Input(Text);
  Scanner Lexer(&Input, Text, KeepWhitespace);
  std::vector<std::string> Out;
  for (;;) {
    std::unique_ptr<antlr4::Token> T = Lexer.nextToken();
    Out.push_back(describe(*T, Lexer.mode()));
    if (T->getType() == antlr4::Token::EOF)
      return Out;
  }
}

/// Both ways: with whitespace tokens (as the grammar has them) and without
/// (as the parser reads them).
void expectSameTokens(llvm::StringRef Text, const std::string &What) {
  for (bool KeepWhitespace : {true, false}) {
    std::vector<std::string> Expected = withAntlr(Text, KeepWhitespace),
                             Actual = withScanner(Text, KeepWhitespace);
    size_t N = std::min(Expected.size(), Actual.size());
    for (size_t I = 0; I < N; ++I)
      if (Expected[I] != Actual[I]) {
        ADD_FAILURE() << What << (KeepWhitespace ? "" : " (no whitespace)") << ": token " << I
                      << " differs: ANTLR " << Expected[I] << ", scanner " << Actual[I]
                      << "\ntext: " << Text.str().substr(0, 400);
        return;
      }
    EXPECT_EQ(Expected.size(), Actual.size()) << What;
  }
}

TEST(Scanner, Snippets) {
  const char *const Snippets[] = {
      "", " ", "\n", "\r\n", "\r", "a", "_", "param x: int = 1", "1", "1_000", "1_", "1__0", "1_0x",
      "10x", "3days", "2h30m", "10ms", "10m", "10mb", "10MB", "10MiB", "10KiBx", "1B", "1b", "1e5",
      "1e", "1e+", "1E-3", "1.5", "1.", "1.x", "1.5e3", "1.5e", "1.5.3", "1.5x", "1_2.3_4e5", "0d",
      "\"\"", "\"a\"", "\"a${b}c\"", "\"${ {a: 1}.a }\"", "\"$\"", "\"$x\"", "\"\\n\"", "\"\\u{41}\"",
      "\"\\u{41\"", "\"\\u\"", "\"\\", "\"\\\n", "\"\\\r\n", "\"\\\rx", "\"a\nb\"", "\"a\rb",
      "\"${\"${x}\"}\"", "\"${x\n}\"", "\"\"\"raw ${x} \"\"\"", "\"\"\"unterminated", "\"\"\"\"",
      "'sq'", "'unterminated\n'", "}", "}}{", "{ } }", "/* c */", "/* unterminated", "// c\nx",
      "///doc\nx", "a->b", "a-b", "a==b", "a=b", "a!=b", "!a", "a<=b<c", "a>=b>c", "a&&b", "a&b",
      "a||b", "a|b", "a+b*c/d%e?f:g", "@if(x)", "$", ";", "\x80\xff", "\xc3\xa9", "\t\f\v",
      "assert x", "description \"d\"", "resource q aws.sqs.Queue {}\n", "\"a${b}\n c"};
  for (const char *S : Snippets)
    expectSameTokens(S, std::string("snippet '") + S + "'");
}

/// Whether AddressSanitizer instruments this build (tools/sanitize's).
constexpr bool underSanitizers() {
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#endif
#endif
  return false;
}

TEST(Scanner, RepositoryFiles) {
  // Under the sanitizers, the programs (.cfn) only: the lit tests' and the
  // documents' text (.test, .md, 60% of the bytes) took most of this
  // binary's 34 CPU-seconds there, in the ANTLR lexer, which cfc does not
  // run. Both lexers give the same tokens in every build; the Release
  // build compares them on every file.
  const bool ProgramsOnly = underSanitizers();
  std::error_code EC;
  size_t Files = 0;
  for (const char *Dir : {"/test", "/examples", "/stdlib", "/bench", "/docs"}) {
    for (llvm::sys::fs::recursive_directory_iterator It(std::string(CFC_SOURCE_DIR) + Dir, EC), End;
         It != End && !EC; It.increment(EC)) {
      llvm::StringRef Path = It->path();
      if (!Path.endswith(".cfn") && (ProgramsOnly || (!Path.endswith(".test") && !Path.endswith(".md"))))
        continue;
      auto Buffer = llvm::MemoryBuffer::getFile(Path);
      if (!Buffer)
        continue;
      expectSameTokens((*Buffer)->getBuffer(), Path.str());
      ++Files;
    }
  }
  EXPECT_GT(Files, 100u);
}

TEST(Scanner, RandomTexts) {
  // Characters where the lexer decides something, weighted towards them.
  const std::string Alphabet = "\"\"$${}}\\\\\n\r '/*#.-=!<>&|0123456789_eEsmhdBKMGTiubax\t@:,?+%()[]\x80";
  std::mt19937 Random(20261124);
  for (int I = 0; I < 5000; ++I) {
    std::string Text;
    size_t Length = Random() % 40;
    for (size_t J = 0; J < Length; ++J)
      Text += Alphabet[Random() % Alphabet.size()];
    expectSameTokens(Text, "random text " + std::to_string(I));
    if (HasFailure())
      return;
  }
}

} // namespace
