// LexerTest — lexTokens: kinds, byte ranges, interpolation braces, and
// inputs that must not make it throw.
#include "Parse/Lexer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace cfc;

namespace {

/// "Kind 'text'" per token, so a failure shows the whole stream.
std::vector<std::string> show(llvm::StringRef Text) {
  std::vector<std::string> Out;
  for (const Token &T : lexTokens(Text))
    Out.push_back(tokenKindName(T.Kind).str() + " '" +
                  Text.slice(T.Range.Begin, T.Range.End).str() + "'");
  return Out;
}

using Lines = std::vector<std::string>;

/// Every token lies inside the text, in order, without overlap.
void expectWellFormed(llvm::StringRef Text, const std::vector<Token> &Tokens) {
  uint32_t Last = 0;
  for (const Token &T : Tokens) {
    EXPECT_LE(Last, T.Range.Begin);
    EXPECT_LT(T.Range.Begin, T.Range.End);
    EXPECT_LE(T.Range.End, Text.size());
    Last = T.Range.End;
  }
}

TEST(Lexer, Declaration) {
  EXPECT_EQ(show("param stage: \"dev\" | \"prod\" = \"dev\""),
            (Lines{"Keyword 'param'", "Identifier 'stage'", "Punctuation ':'", "StringStart '\"'",
                   "StringText 'dev'", "StringEnd '\"'", "Operator '|'", "StringStart '\"'",
                   "StringText 'prod'", "StringEnd '\"'", "Operator '='", "StringStart '\"'",
                   "StringText 'dev'", "StringEnd '\"'"}));
}

TEST(Lexer, ByteRanges) {
  std::vector<Token> T = lexTokens("let  x=10s");
  ASSERT_EQ(T.size(), 4u);
  EXPECT_EQ(T[0].Range, (SourceRange{0, 3}));
  EXPECT_EQ(T[1].Range, (SourceRange{5, 6}));
  EXPECT_EQ(T[2].Range, (SourceRange{6, 7}));
  EXPECT_EQ(T[3].Range, (SourceRange{7, 10}));
  EXPECT_EQ(T[3].Kind, TokenKind::Duration);
}

TEST(Lexer, Interpolation) {
  EXPECT_EQ(show("\"a${x}b\""),
            (Lines{"StringStart '\"'", "StringText 'a'", "InterpolationStart '${'",
                   "Identifier 'x'", "InterpolationEnd '}'", "StringText 'b'", "StringEnd '\"'"}));
}

TEST(Lexer, NestedInterpolation) {
  EXPECT_EQ(show("\"${\"${y}\"}\""),
            (Lines{"StringStart '\"'", "InterpolationStart '${'", "StringStart '\"'",
                   "InterpolationStart '${'", "Identifier 'y'", "InterpolationEnd '}'",
                   "StringEnd '\"'", "InterpolationEnd '}'", "StringEnd '\"'"}));
}

TEST(Lexer, BracesInsideInterpolation) {
  EXPECT_EQ(show("\"${ {a: 1}.a }\""),
            (Lines{"StringStart '\"'", "InterpolationStart '${'", "Punctuation '{'",
                   "Identifier 'a'", "Punctuation ':'", "Integer '1'", "Punctuation '}'",
                   "Punctuation '.'", "Identifier 'a'", "InterpolationEnd '}'",
                   "StringEnd '\"'"}));
}

TEST(Lexer, BracesInStringTextAreText) {
  EXPECT_EQ(show("\"{a} $ ${b}\" }"),
            (Lines{"StringStart '\"'", "StringText '{a} $ '", "InterpolationStart '${'",
                   "Identifier 'b'", "InterpolationEnd '}'", "StringEnd '\"'",
                   "Punctuation '}'"}));
}

TEST(Lexer, Escapes) {
  EXPECT_EQ(show(R"("a\n\"\$\u{1F600}\q")"),
            (Lines{"StringStart '\"'", "StringText 'a'", "StringEscape '\\n'",
                   "StringEscape '\\\"'", "StringEscape '\\$'", "StringEscape '\\u{1F600}'",
                   "StringEscape '\\q'", "StringEnd '\"'"}));
}

TEST(Lexer, EscapedDollarIsNotInterpolation) {
  EXPECT_EQ(show(R"("\${x}")"), (Lines{"StringStart '\"'", "StringEscape '\\$'",
                                       "StringText '{x}'", "StringEnd '\"'"}));
}

TEST(Lexer, RawString) {
  llvm::StringRef Text = "let s = \"\"\"echo ${HOME} \"quoted\"\n\\n\"\"\" x";
  EXPECT_EQ(show(Text),
            (Lines{"Keyword 'let'", "Identifier 's'", "Operator '='",
                   "RawString '\"\"\"echo ${HOME} \"quoted\"\n\\n\"\"\"'", "Identifier 'x'"}));
}

TEST(Lexer, UnterminatedRawStringRunsToEnd) {
  EXPECT_EQ(show("x \"\"\"abc\n}"), (Lines{"Identifier 'x'", "RawString '\"\"\"abc\n}'"}));
}

TEST(Lexer, DurationsAndSizes) {
  EXPECT_EQ(show("90s 5m 250ms 2h 30d 128MB 10GiB 1B 3TiB"),
            (Lines{"Duration '90s'", "Duration '5m'", "Duration '250ms'", "Duration '2h'",
                   "Duration '30d'", "Size '128MB'", "Size '10GiB'", "Size '1B'",
                   "Size '3TiB'"}));
}

TEST(Lexer, BadNumbers) {
  EXPECT_EQ(show("10x 3days 5mb 1_0q"),
            (Lines{"Invalid '10x'", "Invalid '3days'", "Invalid '5mb'", "Invalid '1_0q'"}));
}

TEST(Lexer, Numbers) {
  EXPECT_EQ(show("1_000 0.5 1e9 2.5E-3 6e+2 1_0.2_5"),
            (Lines{"Integer '1_000'", "Number '0.5'", "Number '1e9'", "Number '2.5E-3'",
                   "Number '6e+2'", "Number '1_0.2_5'"}));
}

TEST(Lexer, MemberAccessOnIntegerIsNotANumber) {
  // `1.` with no digit after it is not a number: `xs.0` style access lexes
  // as Integer '.' Identifier.
  EXPECT_EQ(show("1.a"), (Lines{"Integer '1'", "Punctuation '.'", "Identifier 'a'"}));
}

TEST(Lexer, Comments) {
  llvm::StringRef Text = "/// Doc line\n// plain\nlet x = 1 /* block\n */ //// four\n";
  EXPECT_EQ(show(Text),
            (Lines{"DocComment '/// Doc line'", "Comment '// plain'", "Keyword 'let'",
                   "Identifier 'x'", "Operator '='", "Integer '1'", "Comment '/* block\n */'",
                   "DocComment '//// four'"}));
}

TEST(Lexer, UnterminatedBlockCommentRunsToEnd) {
  EXPECT_EQ(show("a /* b\nc"), (Lines{"Identifier 'a'", "Comment '/* b\nc'"}));
}

TEST(Lexer, KeywordsAndIdentifiers) {
  EXPECT_EQ(show("resource resources let letter fn fnx true truex none nonex"),
            (Lines{"Keyword 'resource'", "Identifier 'resources'", "Keyword 'let'",
                   "Identifier 'letter'", "Keyword 'fn'", "Identifier 'fnx'", "Bool 'true'",
                   "Identifier 'truex'", "None 'none'", "Identifier 'nonex'"}));
}

TEST(Lexer, SoftKeywords) {
  EXPECT_EQ(show("description \"d\"\ntype T = { type: string, description?: string }"),
            (Lines{"Keyword 'description'", "StringStart '\"'", "StringText 'd'",
                   "StringEnd '\"'", "Keyword 'type'", "Identifier 'T'", "Operator '='",
                   "Punctuation '{'", "Identifier 'type'", "Punctuation ':'",
                   "Identifier 'string'", "Punctuation ','", "Identifier 'description'",
                   "Operator '?'", "Punctuation ':'", "Identifier 'string'",
                   "Punctuation '}'"}));
  EXPECT_EQ(show("for in in x.in { }"),
            (Lines{"Keyword 'for'", "Identifier 'in'", "Keyword 'in'", "Identifier 'x'",
                   "Punctuation '.'", "Identifier 'in'", "Punctuation '{'",
                   "Punctuation '}'"}));
  EXPECT_EQ(show("import \"./a.cfn\" as as\n@description(\"x\") param type: string"),
            (Lines{"Keyword 'import'", "StringStart '\"'", "StringText './a.cfn'",
                   "StringEnd '\"'", "Keyword 'as'", "Identifier 'as'", "Decorator '@'",
                   "Identifier 'description'", "Punctuation '('", "StringStart '\"'",
                   "StringText 'x'", "StringEnd '\"'", "Punctuation ')'", "Keyword 'param'",
                   "Identifier 'type'", "Punctuation ':'", "Identifier 'string'"}));
  EXPECT_EQ(show("resource fn aws.lambda.Function {}\noutput arn = fn.Arn\nfn f() = 1"),
            (Lines{"Keyword 'resource'", "Identifier 'fn'", "Identifier 'aws'", "Punctuation '.'",
                   "Identifier 'lambda'", "Punctuation '.'", "Identifier 'Function'",
                   "Punctuation '{'", "Punctuation '}'", "Keyword 'output'", "Identifier 'arn'",
                   "Operator '='", "Identifier 'fn'", "Punctuation '.'", "Identifier 'Arn'",
                   "Keyword 'fn'", "Identifier 'f'", "Punctuation '('", "Punctuation ')'",
                   "Operator '='", "Integer '1'"}));
  // A name used as a member does not make the next declaration's keyword
  // a name.
  EXPECT_EQ(show("let a = b.type\ndescription \"x\""),
            (Lines{"Keyword 'let'", "Identifier 'a'", "Operator '='", "Identifier 'b'",
                   "Punctuation '.'", "Identifier 'type'", "Keyword 'description'",
                   "StringStart '\"'", "StringText 'x'", "StringEnd '\"'"}));
}

TEST(Lexer, OperatorsAndPunctuation) {
  EXPECT_EQ(show("a->b==c!=d<=e>=f<g>h&&i||!j+-k*l/m%n?o:p"),
            (Lines{"Identifier 'a'", "Punctuation '->'", "Identifier 'b'", "Operator '=='",
                   "Identifier 'c'",  "Operator '!='",    "Identifier 'd'", "Operator '<='",
                   "Identifier 'e'",  "Operator '>='",    "Identifier 'f'", "Operator '<'",
                   "Identifier 'g'",  "Operator '>'",     "Identifier 'h'", "Operator '&&'",
                   "Identifier 'i'",  "Operator '||'",    "Operator '!'",   "Identifier 'j'",
                   "Operator '+'",    "Operator '-'",     "Identifier 'k'", "Operator '*'",
                   "Identifier 'l'",  "Operator '/'",     "Identifier 'm'", "Operator '%'",
                   "Identifier 'n'",  "Operator '?'",     "Identifier 'o'", "Punctuation ':'",
                   "Identifier 'p'"}));
}

TEST(Lexer, Decorator) {
  EXPECT_EQ(show("@if(isProd)"), (Lines{"Decorator '@'", "Identifier 'if'", "Punctuation '('",
                                        "Identifier 'isProd'", "Punctuation ')'"}));
}

TEST(Lexer, UnterminatedStringEndsAtLineBreak) {
  llvm::StringRef Text = "let a = \"abc\nlet b = 1";
  EXPECT_EQ(show(Text),
            (Lines{"Keyword 'let'", "Identifier 'a'", "Operator '='", "StringStart '\"'",
                   "StringText 'abc'", "Keyword 'let'", "Identifier 'b'", "Operator '='",
                   "Integer '1'"}));
  std::vector<Token> T = lexTokens(Text);
  ASSERT_EQ(T.size(), 9u);
  EXPECT_EQ(T[4].Range, (SourceRange{9, 12}));
  EXPECT_EQ(T[5].Range, (SourceRange{13, 16}));
}

TEST(Lexer, UnterminatedStringWithCrLf) {
  EXPECT_EQ(show("\"ab\r\nx"), (Lines{"StringStart '\"'", "StringText 'ab'", "Identifier 'x'"}));
}

TEST(Lexer, BackslashBeforeLineBreak) {
  EXPECT_EQ(show("\"ab\\\nx"),
            (Lines{"StringStart '\"'", "StringText 'ab'", "Invalid '\\'", "Identifier 'x'"}));
}

TEST(Lexer, UnterminatedStringAtEndOfText) {
  EXPECT_EQ(show("\"ab${x"), (Lines{"StringStart '\"'", "StringText 'ab'",
                                    "InterpolationStart '${'", "Identifier 'x'"}));
}

TEST(Lexer, StrayClosingBraceAtTopLevel) {
  // The lexer's mode stack is empty here; popping it must not throw, and
  // the '}' is plain punctuation, not the end of an interpolation.
  EXPECT_EQ(show("} } let a = \"${x}\""),
            (Lines{"Punctuation '}'", "Punctuation '}'", "Keyword 'let'", "Identifier 'a'",
                   "Operator '='", "StringStart '\"'", "InterpolationStart '${'",
                   "Identifier 'x'", "InterpolationEnd '}'", "StringEnd '\"'"}));
}

TEST(Lexer, NonAsciiInStringsAndComments) {
  llvm::StringRef Text = "\"héllo 😀\" // ça\n";
  EXPECT_EQ(show(Text), (Lines{"StringStart '\"'", "StringText 'héllo 😀'", "StringEnd '\"'",
                               "Comment '// ça'"}));
}

TEST(Lexer, NonAsciiOutsideStringsIsOneInvalidTokenPerCharacter) {
  // 'é' is two bytes and '😀' four: each is one token, so that editors
  // never get a range that ends inside a character.
  llvm::StringRef Text = "a é😀;";
  EXPECT_EQ(show(Text), (Lines{"Identifier 'a'", "Invalid 'é'", "Invalid '😀'", "Invalid ';'"}));
}

TEST(Lexer, InvalidUtf8Bytes) {
  std::string Text = "x \xff\x80\"\xc3(\"";
  EXPECT_EQ(show(Text), (Lines{"Identifier 'x'", "Invalid '\xff'", "Invalid '\x80'",
                               "StringStart '\"'", "StringText '\xc3('", "StringEnd '\"'"}));
}

TEST(Lexer, EmptyAndWhitespaceOnly) {
  EXPECT_TRUE(lexTokens("").empty());
  EXPECT_TRUE(lexTokens(" \t\r\n\f\v").empty());
}

TEST(Lexer, NulBytes) {
  std::string Text("a\0b", 3);
  EXPECT_EQ(show(Text),
            (Lines{"Identifier 'a'", std::string("Invalid '\0'", 11), "Identifier 'b'"}));
}

TEST(Lexer, RandomBytesNeverThrowAndStayInBounds) {
  std::mt19937 Rng(20240611);
  for (int Round = 0; Round < 50; ++Round) {
    std::string Text(2000, '\0');
    for (char &C : Text)
      C = static_cast<char>(Rng() & 0xff);
    // Bias some rounds towards the characters that drive the mode stack.
    if (Round % 2)
      for (char &C : Text)
        if ((Rng() & 3) == 0)
          C = "\"${}\\\n"[Rng() % 6];
    std::vector<Token> Tokens = lexTokens(Text);
    expectWellFormed(Text, Tokens);
  }
}

TEST(Lexer, DeepInterpolationNesting) {
  std::string Text;
  for (int I = 0; I < 10000; ++I)
    Text += "\"${";
  std::vector<Token> Tokens = lexTokens(Text);
  ASSERT_EQ(Tokens.size(), 20000u);
  EXPECT_EQ(Tokens.back().Kind, TokenKind::InterpolationStart);
  expectWellFormed(Text, Tokens);
}

TEST(Lexer, KindNames) {
  EXPECT_EQ(tokenKindName(TokenKind::InterpolationEnd), "InterpolationEnd");
  EXPECT_EQ(tokenKindName(TokenKind::Invalid), "Invalid");
}

} // namespace
