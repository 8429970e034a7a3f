// LexTokens — lexTokens (Lexer.h): the ANTLR lexer's tokens translated into the public
// TokenKind vocabulary, without whitespace and without ANTLR types.
#include "Parse/Lexer.h"
#include "Parse/ParseInternals.h"
#include "Parse/Scanner.h"

#include "llvm/Support/ConvertUTF.h"

#include <exception>

namespace cfc {

namespace {

using parse::ByteStream;
using parse::CfnLexer;

/// A token as ANTLR typed it, before the context-dependent choices.
struct RawToken {
  size_t Type;
  SourceRange Range;
  /// For RBRACE: the lexer went back to a string, so it closed `${`.
  bool ClosesInterpolation;
};

/// The keywords that `name` in CfnParser.g4 also accepts as names; keep the
/// two lists the same.
bool isSoftKeyword(size_t Type) {
  return Type == CfnLexer::DESCRIPTION || Type == CfnLexer::TYPE || Type == CfnLexer::AS ||
         Type == CfnLexer::IN || Type == CfnLexer::FN || Type == CfnLexer::ASSERT;
}

/// Keywords whose next token is the name they declare or import.
bool declaresName(size_t Type) {
  switch (Type) {
  case CfnLexer::PARAM: case CfnLexer::LET: case CfnLexer::RESOURCE: case CfnLexer::OUTPUT:
  case CfnLexer::COMPONENT: case CfnLexer::FN: case CfnLexer::TYPE: case CfnLexer::FOR:
  case CfnLexer::AS: case CfnLexer::IMPORT:
    return true;
  default:
    return false;
  }
}

/// The kind of everything whose kind depends on the token alone; soft
/// keywords come out as Keyword and are settled by the caller.
TokenKind kindOf(const RawToken &T, llvm::StringRef Text) {
  switch (T.Type) {
  case CfnLexer::LINE_COMMENT:
    return Text.substr(T.Range.Begin).startswith("///") ? TokenKind::DocComment
                                                        : TokenKind::Comment;
  case CfnLexer::BLOCK_COMMENT: return TokenKind::Comment;
  case CfnLexer::TRUE: case CfnLexer::FALSE: return TokenKind::Bool;
  case CfnLexer::NONE: return TokenKind::None;
  case CfnLexer::DURATION: return TokenKind::Duration;
  case CfnLexer::SIZE: return TokenKind::Size;
  case CfnLexer::NUMBER: return TokenKind::Number;
  case CfnLexer::INT: return TokenKind::Integer;
  case CfnLexer::IDENT: return TokenKind::Identifier;
  case CfnLexer::RAW_STRING: return TokenKind::RawString;
  case CfnLexer::DQUOTE: return TokenKind::StringStart;
  case CfnLexer::STR_END: return TokenKind::StringEnd;
  case CfnLexer::STR_TEXT: return TokenKind::StringText;
  case CfnLexer::STR_ESCAPE: return TokenKind::StringEscape;
  case CfnLexer::INTERP_OPEN: return TokenKind::InterpolationStart;
  case CfnLexer::RBRACE:
    return T.ClosesInterpolation ? TokenKind::InterpolationEnd : TokenKind::Punctuation;
  case CfnLexer::LBRACE: case CfnLexer::LPAREN: case CfnLexer::RPAREN: case CfnLexer::LBRACKET:
  case CfnLexer::RBRACKET: case CfnLexer::COMMA: case CfnLexer::COLON: case CfnLexer::DOT:
  case CfnLexer::ARROW:
    return TokenKind::Punctuation;
  case CfnLexer::AT: return TokenKind::Decorator;
  case CfnLexer::QUESTION: case CfnLexer::EQEQ: case CfnLexer::NOTEQ: case CfnLexer::LE:
  case CfnLexer::GE: case CfnLexer::LT: case CfnLexer::GT: case CfnLexer::ANDAND:
  case CfnLexer::OROR: case CfnLexer::BANG: case CfnLexer::ASSIGN: case CfnLexer::PIPE:
  case CfnLexer::PLUS: case CfnLexer::MINUS: case CfnLexer::STAR: case CfnLexer::SLASH:
  case CfnLexer::PERCENT:
    return TokenKind::Operator;
  default:
    if (T.Type >= CfnLexer::DESCRIPTION && T.Type <= CfnLexer::TYPE)
      return TokenKind::Keyword;
    return TokenKind::Invalid; // BAD_CHAR, BAD_NUMBER, a '\' before a line break.
  }
}

/// Runs the ANTLR lexer to the end. Whitespace is dropped here; a line
/// break ending an unterminated string keeps only its backslash, if any.
/// Returns false if the runtime threw (Out then holds what came before).
bool lexRaw(llvm::StringRef Text, std::vector<RawToken> &Out) {
  try {
    ByteStream Input(Text);
    parse::Scanner Lexer(&Input, Text);
    for (;;) {
      std::unique_ptr<antlr4::Token> T = Lexer.nextToken();
      size_t Type = T->getType();
      if (Type == antlr4::Token::EOF)
        return true;
      size_t Start = T->getStartIndex(), Stop = T->getStopIndex();
      if (Type == CfnLexer::WS || Start == INVALID_INDEX || Stop == INVALID_INDEX || Stop < Start)
        continue;
      SourceRange R{static_cast<uint32_t>(Start), static_cast<uint32_t>(Stop + 1)};
      if (Type == CfnLexer::STR_NEWLINE) {
        if (Text[R.Begin] != '\\')
          continue;
        R.End = R.Begin + 1;
      }
      // Only an interpolation's '${' pushes the default mode over a string.
      bool Closes = Type == CfnLexer::RBRACE && Lexer.mode() == CfnLexer::STRING;
      Out.push_back({Type, R, Closes});
    }
  } catch (const std::exception &) {
    return false;
  }
}

/// The index of the nearest token before/after I that is not a comment, or
/// SIZE_MAX.
size_t neighbour(const std::vector<RawToken> &Raw, size_t I, bool Forward) {
  auto IsComment = [](size_t Type) {
    return Type == CfnLexer::LINE_COMMENT || Type == CfnLexer::BLOCK_COMMENT;
  };
  if (Forward) {
    for (size_t J = I + 1; J < Raw.size(); ++J)
      if (!IsComment(Raw[J].Type))
        return J;
    return SIZE_MAX;
  }
  for (size_t J = I; J-- > 0;)
    if (!IsComment(Raw[J].Type))
      return J;
  return SIZE_MAX;
}

/// Whether the soft keyword at I stands where only a name can.
bool softKeywordIsName(const std::vector<RawToken> &Raw, const std::vector<TokenKind> &Kinds,
                       size_t I) {
  size_t Prev = neighbour(Raw, I, /*Forward=*/false);
  if (Prev != SIZE_MAX) {
    size_t P = Raw[Prev].Type;
    if (P == CfnLexer::DOT || P == CfnLexer::AT || P == CfnLexer::COLON)
      return true;
    // `x.type` followed by `description "..."`: only a real keyword declares.
    if (Kinds[Prev] == TokenKind::Keyword && declaresName(P))
      return true;
  }
  size_t Next = neighbour(Raw, I, /*Forward=*/true);
  if (Next == SIZE_MAX)
    return false;
  // No declaration or clause starts with `keyword:` or `keyword.`.
  if (Raw[Next].Type == CfnLexer::COLON || Raw[Next].Type == CfnLexer::DOT)
    return true;
  size_t After = neighbour(Raw, Next, /*Forward=*/true);
  return Raw[Next].Type == CfnLexer::QUESTION && After != SIZE_MAX &&
         Raw[After].Type == CfnLexer::COLON;
}

/// Adds T to Out, merging it into the previous token where one piece of
/// text was split by the lexer: string text around a lone '$', and the
/// bytes of one non-ASCII character outside a string.
void append(std::vector<Token> &Out, Token T, llvm::StringRef Text) {
  if (!Out.empty() && Out.back().Kind == T.Kind && Out.back().Range.End == T.Range.Begin) {
    Token &Last = Out.back();
    if (T.Kind == TokenKind::StringText) {
      Last.Range.End = T.Range.End;
      return;
    }
    unsigned char Byte = Text[T.Range.Begin];
    unsigned char Lead = Text[Last.Range.Begin];
    // Only a byte that can start a multi-byte character takes followers:
    // 0xFF followed by 0x80 is two bad bytes, not one character.
    unsigned Want = Lead >= 0xC2 && Lead <= 0xF4 ? llvm::getNumBytesForUTF8(Lead) : 1;
    if (T.Kind == TokenKind::Invalid && (Byte & 0xC0) == 0x80 &&
        Last.Range.End - Last.Range.Begin < Want) {
      Last.Range.End = T.Range.End;
      return;
    }
  }
  Out.push_back(T);
}

} // namespace

std::vector<Token> lexTokens(llvm::StringRef Text) {
  std::vector<RawToken> Raw;
  bool Complete = lexRaw(Text, Raw);
  std::vector<TokenKind> Kinds;
  Kinds.reserve(Raw.size());
  for (size_t I = 0; I < Raw.size(); ++I) {
    TokenKind K = kindOf(Raw[I], Text);
    if (isSoftKeyword(Raw[I].Type) && softKeywordIsName(Raw, Kinds, I))
      K = TokenKind::Identifier;
    Kinds.push_back(K);
  }
  std::vector<Token> Tokens;
  Tokens.reserve(Raw.size());
  for (size_t I = 0; I < Raw.size(); ++I)
    append(Tokens, {Kinds[I], Raw[I].Range}, Text);
  uint32_t End = Tokens.empty() ? 0 : Tokens.back().Range.End;
  if (!Complete && End < Text.size())
    Tokens.push_back({TokenKind::Invalid, {End, static_cast<uint32_t>(Text.size())}});
  return Tokens;
}

llvm::StringRef tokenKindName(TokenKind Kind) {
  switch (Kind) {
  case TokenKind::Keyword: return "Keyword";
  case TokenKind::Identifier: return "Identifier";
  case TokenKind::Integer: return "Integer";
  case TokenKind::Number: return "Number";
  case TokenKind::Duration: return "Duration";
  case TokenKind::Size: return "Size";
  case TokenKind::Bool: return "Bool";
  case TokenKind::None: return "None";
  case TokenKind::StringStart: return "StringStart";
  case TokenKind::StringText: return "StringText";
  case TokenKind::StringEscape: return "StringEscape";
  case TokenKind::InterpolationStart: return "InterpolationStart";
  case TokenKind::InterpolationEnd: return "InterpolationEnd";
  case TokenKind::StringEnd: return "StringEnd";
  case TokenKind::RawString: return "RawString";
  case TokenKind::Comment: return "Comment";
  case TokenKind::DocComment: return "DocComment";
  case TokenKind::Punctuation: return "Punctuation";
  case TokenKind::Operator: return "Operator";
  case TokenKind::Decorator: return "Decorator";
  case TokenKind::Invalid: return "Invalid";
  }
  return "Invalid";
}

} // namespace cfc
