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

void settleSoftKeywords(ParseState &S) {
  // The default-channel tokens, as the parser will see them.
  std::vector<ScannedToken *> Seen;
  Seen.reserve(S.All.size());
  for (size_t I = 0; I < S.All.size(); ++I)
    if (ScannedToken *T = S.All[I]; T->getChannel() == antlr4::Token::DEFAULT_CHANNEL)
      Seen.push_back(T);
  for (size_t I = 0; I < Seen.size(); ++I) {
    size_t Type = Seen[I]->getType();
    if (Type != CfnLexer::DESCRIPTION && Type != CfnLexer::TYPE && Type != CfnLexer::FN &&
        Type != CfnLexer::ASSERT)
      continue;
    ScannedToken *Prev = I > 0 ? Seen[I - 1] : nullptr;
    ScannedToken *Next = I + 1 < Seen.size() ? Seen[I + 1] : nullptr;
    ScannedToken *Third = I + 2 < Seen.size() ? Seen[I + 2] : nullptr;
    if (!startsDeclaration(Prev, Seen[I], Next, Third))
      Seen[I]->setType(CfnLexer::IDENT);
  }
}

} // namespace cfc::parse
