// SoftKeywords — settles, before parsing, whether each soft keyword
// (`description`, `type`, `fn`, `assert`) starts a declaration or is a name.
// A keyword starts one when it is the first token of its line and is
// followed by what that declaration takes (`type X =`, `fn f(`, `assert
// <condition>`, `description <text>`); anywhere else it becomes an IDENT.
// After a forgotten '}', the next `type X = ...` must still read as a
// declaration, not as a field `type`.
//
// This was a semantic predicate in the grammar; a predicate at the left
// edge of `name` made every decision that can reach a name (object fields,
// expressions, qualified names) give up its one-token lookup for ANTLR's
// full prediction: a tenth of the whole compile. Decided on tokens here,
// with the same tests, `name` is plain IDENT | AS | IN.
#include "Parse/ParseInternals.h"

namespace cfc::parse {

namespace {

/// Tokens after which a soft keyword is a name (`assert: 1`, `type.x`,
/// `f(description)`, `assert == x`), not a declaration.
bool followsName(size_t Type) {
  switch (Type) {
  case CfnLexer::COLON: case CfnLexer::DOT: case CfnLexer::ASSIGN: case CfnLexer::COMMA:
  case CfnLexer::RPAREN: case CfnLexer::RBRACKET: case CfnLexer::RBRACE: case CfnLexer::QUESTION:
  case CfnLexer::EQEQ: case CfnLexer::NOTEQ: case CfnLexer::LT: case CfnLexer::LE:
  case CfnLexer::GT: case CfnLexer::GE: case CfnLexer::ANDAND: case CfnLexer::OROR:
  case CfnLexer::PLUS: case CfnLexer::STAR: case CfnLexer::SLASH: case CfnLexer::PERCENT:
  case CfnLexer::PIPE: case CfnLexer::ARROW: case antlr4::Token::EOF:
    return true;
  default:
    return false;
  }
}

bool isNameToken(size_t Type) {
  switch (Type) {
  case CfnLexer::IDENT: case CfnLexer::AS: case CfnLexer::IN: case CfnLexer::DESCRIPTION:
  case CfnLexer::TYPE: case CfnLexer::FN: case CfnLexer::ASSERT:
    return true;
  default:
    return false;
  }
}

/// Whether the soft keyword at Kw, with the default-channel tokens around
/// it, starts a declaration.
bool startsDeclaration(const ScannedToken *Prev, const ScannedToken *Kw, const ScannedToken *Next,
                       const ScannedToken *Third) {
  if (Prev && Prev->getLine() >= Kw->getLine())
    return false;
  size_t After = Next ? Next->getType() : antlr4::Token::EOF;
  switch (Kw->getType()) {
  case CfnLexer::DESCRIPTION:
  case CfnLexer::ASSERT:
    return !followsName(After);
  case CfnLexer::TYPE:
    return isNameToken(After) && Third && Third->getType() == CfnLexer::ASSIGN;
  case CfnLexer::FN:
    return isNameToken(After) && Third && Third->getType() == CfnLexer::LPAREN;
  default:
    return true;
  }
}

} // namespace

/// The index in S.All of the nearest default-channel token after I, or
/// All.size(). Each run of hidden tokens is walked by the few soft
/// keywords next to it at most.
static size_t nextVisible(const ParseState &S, size_t I) {
  size_t J = I + 1;
  while (J < S.All.size() && S.All[J]->getChannel() != antlr4::Token::DEFAULT_CHANNEL)
    ++J;
  return J;
}
static size_t previousVisible(const ParseState &S, size_t I) {
  size_t J = I;
  while (J-- > 0)
    if (S.All[J]->getChannel() == antlr4::Token::DEFAULT_CHANNEL)
      return J;
  return S.All.size();
}

void settleSoftKeywords(ParseState &S) {
  // The keywords checkTokens found, with the default-channel tokens around
  // each as the parser will see them; those checkTokens hid are no more.
  size_t N = S.All.size();
  for (size_t I : S.SoftKeywords) {
    ScannedToken *Kw = S.All[I];
    if (Kw->getChannel() != antlr4::Token::DEFAULT_CHANNEL)
      continue;
    size_t P = previousVisible(S, I), Nx = nextVisible(S, I);
    size_t Th = Nx < N ? nextVisible(S, Nx) : N;
    if (!startsDeclaration(P < N ? S.All[P] : nullptr, Kw, Nx < N ? S.All[Nx] : nullptr,
                           Th < N ? S.All[Th] : nullptr))
      Kw->setType(CfnLexer::IDENT);
  }
}

} // namespace cfc::parse
