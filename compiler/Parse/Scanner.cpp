// Scanner — CfnLexer.g4 by hand; each function names the rules it reads.
// Where several rules match, ANTLR takes the longest match and, among equal
// lengths, the rule written first; so does this.
#include "Parse/Scanner.h"

#include "llvm/ADT/StringSwitch.h"

#include <algorithm>

namespace cfc::parse {

using grammar::CfnLexer;

namespace {

bool isDigit(char C) { return C >= '0' && C <= '9'; }
bool isWordStart(char C) { return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_'; }
bool isWord(char C) { return isWordStart(C) || isDigit(C); }
bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\r' || C == '\n' || C == '\f' || C == '\v';
}

} // namespace

/// Whether a token of this type can hold a '\n' (the others move only
/// the column).
static bool mayHoldLineBreak(size_t Type) {
  switch (Type) {
  case CfnLexer::WS: case CfnLexer::BLOCK_COMMENT: case CfnLexer::RAW_STRING:
  case CfnLexer::STR_NEWLINE:
    return true;
  default:
    return false;
  }
}

void Scanner::advance(size_t N) {
  for (size_t End = Pos + N; Pos < End; ++Pos) {
    if (Text[Pos] == '\n')
      ++Line, Column = 0;
    else
      ++Column;
  }
}

void Scanner::skipWhitespace() {
  // WS : [ \t\r\n\f\v]+ and its action, one byte at a time: the run's
  // line breaks are counted as advance() does, and a run that holds one
  // ends every open string.
  if (Mode == CfnLexer::STRING)
    return;
  bool LineBreak = false;
  for (; Pos < Text.size() && isSpace(Text[Pos]); ++Pos) {
    if (Text[Pos] == '\n')
      ++Line, Column = 0, LineBreak = true;
    else
      ++Column;
  }
  if (LineBreak)
    unwindStrings();
}

void Scanner::unwindStrings() {
  while (Mode == CfnLexer::STRING ||
         std::find(Modes.begin(), Modes.end(), CfnLexer::STRING) != Modes.end()) {
    if (Modes.empty())
      break;
    Mode = Modes.back(), Modes.pop_back();
  }
}

antlr4::TokenSource *ScannedToken::getTokenSource() const { return Source; }

antlr4::CharStream *ScannedToken::getInputStream() const { return Source->Input; }

std::string ScannedToken::getText() const {
  // CommonToken::getText: the text set, else the input's (one code point
  // per byte of a ByteStream, as the runtime's tokens read it).
  if (!Text.empty())
    return Text;
  size_t N = Source->Input->size();
  if (Start < N && Stop < N)
    return Source->Input->getText(antlr4::misc::Interval(Start, Stop));
  return "<EOF>";
}

std::string ScannedToken::toString() const {
  antlr4::CommonToken Same(const_cast<ScannedToken *>(this));
  return Same.toString();
}

std::unique_ptr<antlr4::Token> Scanner::nextToken() {
  if (!KeepWhitespace)
    skipWhitespace();
  if (Pos >= Text.size())
    return std::unique_ptr<antlr4::Token>(new (newSlot()) ScannedToken(
        this, antlr4::Token::EOF, antlr4::Token::DEFAULT_CHANNEL, Pos, Pos - 1, Line, Column));
  Match M = Mode == CfnLexer::STRING ? scanString() : scanDefault();
  std::unique_ptr<antlr4::Token> T(
      new (newSlot()) ScannedToken(this, M.Type, M.Channel, Pos, Pos + M.Length - 1, Line, Column));
  size_t Start = Pos;
  if (mayHoldLineBreak(M.Type))
    advance(M.Length);
  else
    Pos += M.Length, Column += M.Length;
  // The lexer's actions.
  switch (M.Type) {
  case CfnLexer::WS:
    if (Text.slice(Start, Pos).contains('\n'))
      unwindStrings();
    break;
  case CfnLexer::STR_NEWLINE: unwindStrings(); break;
  case CfnLexer::DQUOTE: pushMode(CfnLexer::STRING); break;
  case CfnLexer::LBRACE:
  case CfnLexer::INTERP_OPEN: pushMode(CfnLexer::DEFAULT_MODE); break;
  case CfnLexer::RBRACE:
  case CfnLexer::STR_END: popMode(); break;
  default: break;
  }
  return T;
}

/// The default mode: everything outside string text.
Scanner::Match Scanner::scanDefault() const {
  char C = Text[Pos], Next = at(Pos + 1);
  if (isSpace(C)) { // WS
    size_t End = Pos;
    while (End < Text.size() && isSpace(Text[End]))
      ++End;
    return {CfnLexer::WS, End - Pos, antlr4::Token::HIDDEN_CHANNEL};
  }
  if (C == '/' && Next == '*') { // BLOCK_COMMENT: '/*' .*? ('*/' | EOF)
    size_t Close = Text.find("*/", Pos + 2);
    size_t End = Close == llvm::StringRef::npos ? Text.size() : Close + 2;
    return {CfnLexer::BLOCK_COMMENT, End - Pos, antlr4::Token::HIDDEN_CHANNEL};
  }
  if (C == '/' && Next == '/') { // LINE_COMMENT: '//' ~[\r\n]*
    size_t End = Text.find_first_of("\r\n", Pos);
    if (End == llvm::StringRef::npos)
      End = Text.size();
    return {CfnLexer::LINE_COMMENT, End - Pos, antlr4::Token::HIDDEN_CHANNEL};
  }
  if (isDigit(C))
    return scanNumber();
  if (isWordStart(C))
    return scanWord();
  if (C == '"') {
    if (Next == '"' && at(Pos + 2) == '"') { // RAW_STRING: '"""' .*? ('"""' | EOF)
      size_t Close = Text.find("\"\"\"", Pos + 3);
      size_t End = Close == llvm::StringRef::npos ? Text.size() : Close + 3;
      return {CfnLexer::RAW_STRING, End - Pos};
    }
    return {CfnLexer::DQUOTE, 1};
  }
  if (C == '\'') { // SQ_STRING: '\'' ~['\r\n]* '\'', else a bad character
    size_t End = Text.find_first_of("'\r\n", Pos + 1);
    if (End != llvm::StringRef::npos && Text[End] == '\'')
      return {CfnLexer::SQ_STRING, End + 1 - Pos};
    return {CfnLexer::BAD_CHAR, 1};
  }
  auto Two = [&](char Second, size_t IfTwo, size_t IfOne) -> Match {
    return Next == Second ? Match{IfTwo, 2} : Match{IfOne, 1};
  };
  switch (C) {
  case '{': return {CfnLexer::LBRACE, 1};
  case '}': return {CfnLexer::RBRACE, 1};
  case '(': return {CfnLexer::LPAREN, 1};
  case ')': return {CfnLexer::RPAREN, 1};
  case '[': return {CfnLexer::LBRACKET, 1};
  case ']': return {CfnLexer::RBRACKET, 1};
  case ',': return {CfnLexer::COMMA, 1};
  case ':': return {CfnLexer::COLON, 1};
  case '.': return {CfnLexer::DOT, 1};
  case '@': return {CfnLexer::AT, 1};
  case '?': return {CfnLexer::QUESTION, 1};
  case '+': return {CfnLexer::PLUS, 1};
  case '*': return {CfnLexer::STAR, 1};
  case '/': return {CfnLexer::SLASH, 1};
  case '%': return {CfnLexer::PERCENT, 1};
  case '-': return Two('>', CfnLexer::ARROW, CfnLexer::MINUS);
  case '=': return Two('=', CfnLexer::EQEQ, CfnLexer::ASSIGN);
  case '!': return Two('=', CfnLexer::NOTEQ, CfnLexer::BANG);
  case '<': return Two('=', CfnLexer::LE, CfnLexer::LT);
  case '>': return Two('=', CfnLexer::GE, CfnLexer::GT);
  case '|': return Two('|', CfnLexer::OROR, CfnLexer::PIPE);
  case '&': return Two('&', CfnLexer::ANDAND, CfnLexer::BAD_CHAR);
  default: return {CfnLexer::BAD_CHAR, 1};
  }
}

/// Keywords (written before IDENT, so they win a tie) and IDENT.
Scanner::Match Scanner::scanWord() const {
  size_t End = Pos + 1;
  while (End < Text.size() && isWord(Text[End]))
    ++End;
  size_t Type = llvm::StringSwitch<size_t>(Text.slice(Pos, End))
                    .Case("description", CfnLexer::DESCRIPTION)
                    .Case("param", CfnLexer::PARAM)
                    .Case("let", CfnLexer::LET)
                    .Case("resource", CfnLexer::RESOURCE)
                    .Case("output", CfnLexer::OUTPUT)
                    .Case("import", CfnLexer::IMPORT)
                    .Case("as", CfnLexer::AS)
                    .Case("for", CfnLexer::FOR)
                    .Case("in", CfnLexer::IN)
                    .Case("component", CfnLexer::COMPONENT)
                    .Case("fn", CfnLexer::FN)
                    .Case("assert", CfnLexer::ASSERT)
                    .Case("type", CfnLexer::TYPE)
                    .Case("true", CfnLexer::TRUE)
                    .Case("false", CfnLexer::FALSE)
                    .Case("none", CfnLexer::NONE)
                    .Default(CfnLexer::IDENT);
  return {Type, End - Pos};
}

/// DURATION, SIZE, NUMBER, INT and BAD_NUMBER, in that order of priority.
Scanner::Match Scanner::scanNumber() const {
  // fragment DIGITS : [0-9] ('_'? [0-9])*
  auto DigitsEnd = [&](size_t I) {
    ++I;
    while (I < Text.size()) {
      if (isDigit(Text[I]))
        ++I;
      else if (Text[I] == '_' && isDigit(at(I + 1)))
        I += 2;
      else
        break;
    }
    return I;
  };
  // fragment EXPONENT : [eE] [+-]? [0-9]+ ; the end, or I when there is none.
  auto ExponentEnd = [&](size_t I) {
    if (at(I) != 'e' && at(I) != 'E')
      return I;
    size_t J = I + 1;
    if (at(J) == '+' || at(J) == '-')
      ++J;
    if (!isDigit(at(J)))
      return I;
    while (isDigit(at(J)))
      ++J;
    return J;
  };
  size_t D = DigitsEnd(Pos);
  auto Follows = [&](llvm::StringRef S) { return Text.substr(D).startswith(S); };
  // The candidates, in the grammar's order; a length of 0 is no match.
  Match Duration{CfnLexer::DURATION, 0}, Size{CfnLexer::SIZE, 0}, Number{CfnLexer::NUMBER, 0},
      Int{CfnLexer::INT, D - Pos}, Bad{CfnLexer::BAD_NUMBER, 0};
  if (Follows("ms"))
    Duration.Length = D + 2 - Pos;
  else if (has(D) && llvm::StringRef("smhd").contains(Text[D]))
    Duration.Length = D + 1 - Pos;
  for (llvm::StringRef Unit : {"KiB", "MiB", "GiB", "TiB", "KB", "MB", "GB", "TB", "B"})
    if (Follows(Unit)) {
      Size.Length = D + Unit.size() - Pos;
      break;
    }
  if (at(D) == '.' && isDigit(at(D + 1)))
    Number.Length = ExponentEnd(DigitsEnd(D + 1)) - Pos;
  else if (size_t E = ExponentEnd(D); E != D)
    Number.Length = E - Pos;
  // BAD_NUMBER : DIGITS [a-zA-Z_] [a-zA-Z_0-9]* takes the whole run of word
  // characters when the run holds anything but digits.
  size_t Run = Pos;
  bool NonDigit = false;
  while (Run < Text.size() && isWord(Text[Run]))
    NonDigit |= !isDigit(Text[Run++]);
  if (NonDigit)
    Bad.Length = Run - Pos;
  Match Best = Duration;
  for (const Match &M : {Size, Number, Int, Bad})
    if (M.Length > Best.Length)
      Best = M;
  return Best;
}

/// The STRING mode: STR_END, INTERP_OPEN, STR_ESCAPE, STR_TEXT, STR_NEWLINE.
Scanner::Match Scanner::scanString() const {
  char C = Text[Pos], Next = at(Pos + 1);
  switch (C) {
  case '"': return {CfnLexer::STR_END, 1};
  case '$': return Next == '{' ? Match{CfnLexer::INTERP_OPEN, 2} : Match{CfnLexer::STR_TEXT, 1};
  case '\n': return {CfnLexer::STR_NEWLINE, 1};
  case '\r': return {CfnLexer::STR_NEWLINE, Next == '\n' ? 2u : 1u};
  case '\\':
    // STR_NEWLINE : '\\' ('\r'? '\n')? — a backslash before a line break, or last.
    if (!has(Pos + 1))
      return {CfnLexer::STR_NEWLINE, 1};
    if (Next == '\n')
      return {CfnLexer::STR_NEWLINE, 2};
    if (Next == '\r')
      return {CfnLexer::STR_NEWLINE, at(Pos + 2) == '\n' ? 3u : 1u};
    // STR_ESCAPE : '\\' ('u{' ~[}"\r\n]* '}'? | ~[\r\n])
    if (Next == 'u' && at(Pos + 2) == '{') {
      size_t End = Text.find_first_of("}\"\r\n", Pos + 3);
      if (End == llvm::StringRef::npos)
        End = Text.size();
      else if (Text[End] == '}')
        ++End;
      return {CfnLexer::STR_ESCAPE, End - Pos};
    }
    return {CfnLexer::STR_ESCAPE, 2};
  default: {
    size_t End = Text.find_first_of("\"\\$\r\n", Pos);
    if (End == llvm::StringRef::npos)
      End = Text.size();
    return {CfnLexer::STR_TEXT, End - Pos};
  }
  }
}

} // namespace cfc::parse
