// ParseInternals — pieces shared by the .cpp files of compiler/Parse. They
// name ANTLR types, so this header must never be included outside Parse/.
#pragma once

#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "Parse/Parser.h"
#include "Parse/Scanner.h"

#include "CfnLexer.h"
#include "CfnParser.h"
#include "antlr4-runtime.h"

namespace cfc::parse {

using grammar::CfnLexer;
using grammar::CfnParser;

/// Feeds ANTLR one code point per byte. Token offsets are then byte offsets
/// into the source, invalid UTF-8 cannot make the runtime throw, and the
/// grammar only needs ASCII (non-ASCII bytes may appear in strings and
/// comments, and are checked as UTF-8 separately). Shared by the parser and
/// lexTokens so that both see exactly the same tokens.
///
/// ANTLRInputStream's behaviour over the text itself: that class copied
/// the file into a vector of 32-bit code points first (four bytes per byte,
/// zeroed, then filled), which nothing but a token's text (an error
/// message's) reads. Text a token reads is the same: each byte a code
/// point, written as UTF-8.
class ByteStream : public antlr4::CharStream {
public:
  explicit ByteStream(llvm::StringRef Text) : Text(Text) {}

  void consume() override {
    if (P >= Text.size())
      throw antlr4::IllegalStateException("cannot consume EOF");
    ++P;
  }
  size_t LA(ssize_t I) override {
    if (I == 0)
      return 0; // Undefined, as the runtime's.
    ssize_t At = static_cast<ssize_t>(P) + (I < 0 ? I : I - 1);
    if (At < 0 || At >= static_cast<ssize_t>(Text.size()))
      return antlr4::IntStream::EOF;
    return static_cast<unsigned char>(Text[size_t(At)]);
  }
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return P; }
  void seek(size_t Index) override { P = std::min(Index, Text.size()); }
  size_t size() override { return Text.size(); }
  std::string getSourceName() const override { return antlr4::IntStream::UNKNOWN_SOURCE_NAME; }
  std::string getText(const antlr4::misc::Interval &I) override {
    if (I.a < 0 || I.b < 0)
      return "";
    size_t Start = size_t(I.a), Stop = size_t(I.b);
    if (Stop >= Text.size())
      Stop = Text.size() - 1;
    if (Start >= Text.size())
      return "";
    return asUtf8(Text.substr(Start, Stop - Start + 1));
  }
  std::string toString() const override { return asUtf8(Text); }

private:
  /// Each byte as the code point of that number, in UTF-8.
  static std::string asUtf8(llvm::StringRef Bytes) {
    std::string Out;
    Out.reserve(Bytes.size());
    for (char C : Bytes) {
      auto B = static_cast<unsigned char>(C);
      if (B < 0x80) {
        Out += char(B);
      } else {
        Out += char(0xC0 | (B >> 6));
        Out += char(0x80 | (B & 0x3F));
      }
    }
    return Out;
  }
  llvm::StringRef Text;
  size_t P = 0;
};

/// Everything the stages of one parse share.
struct ParseState {
  const SourceManager &SM;
  FileId File;
  DiagnosticEngine &Diags;
  const ParseOptions &Opts;
  llvm::StringRef Text;
  antlr4::CommonTokenStream &Tokens;
  /// Every token of Tokens (hidden ones too), by index: the passes over the
  /// whole file read this instead of the stream's bounds-checked virtual get.
  std::vector<ScannedToken *> All;
  /// Regions hidden from the parser by the nesting limits, each through the
  /// first token after it: syntax errors there are consequences of the cut,
  /// already reported, so they are not reported again.
  std::vector<SourceRange> Cuts;
  /// Set when the token checks reported an expression too deep (CFC1020):
  /// the AST builder does not report the cut expression again.
  bool ReportedExpressionDepth = false;
  /// The index in All of each `description`, `type`, `fn` and `assert`,
  /// found by checkTokens' pass for settleSoftKeywords.
  std::vector<size_t> SoftKeywords;
};

/// The byte range of a token; tokens the error strategy conjured up have
/// no place in the text and get an empty range after the previous token.
SourceRange tokenRange(const ParseState &S, const antlr4::Token *T);
/// The same for one of the file's own tokens (S.All), read inline.
SourceRange tokenRange(const ParseState &S, const ScannedToken &T);

/// End offset of the last default-channel token before token index I.
uint32_t endOfPreviousToken(const ParseState &S, size_t I);

/// Reports lexical problems (bad characters, unterminated comments and raw
/// strings, malformed numbers, nesting beyond the limit) and hides the tokens
/// involved from the parser so that they cause no second error.
void checkTokens(ParseState &S);
/// Makes each soft keyword that does not start a declaration an IDENT
/// (SoftKeywords.cpp). Reads S.SoftKeywords: run after checkTokens.
void settleSoftKeywords(ParseState &S);

/// ANTLR's recovery with messages people understand ("expected '}' to close
/// resource 'a' opened at 1:26").
std::shared_ptr<antlr4::ANTLRErrorStrategy> makeErrorStrategy(ParseState &S);

/// Builds the AST from a (possibly broken) parse tree.
void buildAST(ParseState &S, CfnParser::FileContext *Tree, ast::File &Out);

/// Token classes shared by the lexical checks and the error messages.
constexpr bool startsDeclaration(size_t Type) {
  return Type == CfnLexer::PARAM || Type == CfnLexer::LET || Type == CfnLexer::RESOURCE ||
         Type == CfnLexer::OUTPUT || Type == CfnLexer::IMPORT || Type == CfnLexer::FOR ||
         Type == CfnLexer::COMPONENT || Type == CfnLexer::FN || Type == CfnLexer::AT ||
         Type == CfnLexer::TYPE || Type == CfnLexer::DESCRIPTION;
}
constexpr bool opensBracket(size_t Type) {
  return Type == CfnLexer::LBRACE || Type == CfnLexer::LBRACKET || Type == CfnLexer::LPAREN ||
         Type == CfnLexer::INTERP_OPEN;
}
constexpr bool closesBracket(size_t Type) {
  return Type == CfnLexer::RBRACE || Type == CfnLexer::RBRACKET || Type == CfnLexer::RPAREN;
}

/// How a token reads in a message: "'}'", "keyword 'resource'", "name 'x'",
/// "end of file".
std::string describeToken(const ParseState &S, const antlr4::Token *T);

} // namespace cfc::parse
