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
class ByteStream : public antlr4::ANTLRInputStream {
public:
  explicit ByteStream(llvm::StringRef Text) {
    _data.resize(Text.size());
    for (size_t I = 0; I != Text.size(); ++I)
      _data[I] = static_cast<unsigned char>(Text[I]);
  }
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
inline bool startsDeclaration(size_t Type) {
  return Type == CfnLexer::PARAM || Type == CfnLexer::LET || Type == CfnLexer::RESOURCE ||
         Type == CfnLexer::OUTPUT || Type == CfnLexer::IMPORT || Type == CfnLexer::FOR ||
         Type == CfnLexer::COMPONENT || Type == CfnLexer::FN || Type == CfnLexer::AT ||
         Type == CfnLexer::TYPE || Type == CfnLexer::DESCRIPTION;
}
inline bool opensBracket(size_t Type) {
  return Type == CfnLexer::LBRACE || Type == CfnLexer::LBRACKET || Type == CfnLexer::LPAREN ||
         Type == CfnLexer::INTERP_OPEN;
}
inline bool closesBracket(size_t Type) {
  return Type == CfnLexer::RBRACE || Type == CfnLexer::RBRACKET || Type == CfnLexer::RPAREN;
}

/// How a token reads in a message: "'}'", "keyword 'resource'", "name 'x'",
/// "end of file".
std::string describeToken(const ParseState &S, const antlr4::Token *T);

} // namespace cfc::parse
