// SyntaxErrorStrategy — ANTLR's default recovery (single-token insertion and
// deletion, then resynchronisation) with our own messages: what was expected
// in words a person uses, which construct is left open and where it opened,
// and a fix-it where the fix is certain.
#include "Parse/ParseInternals.h"

#include <optional>

namespace cfc::parse {

namespace {

using antlr4::Token;

/// A bracket-like construct the parser is inside of.
struct OpenConstruct {
  Token *Opener;
  size_t Closer;
  std::string What;
  bool IsBlock; ///< A block of declarations (component, for).
};

std::string nameOf(CfnParser::NameContext *Name) {
  return Name ? Name->getText() : std::string();
}

/// "resource 'a'", "component 'Api'", "'for' loop", "object"...
std::string describeBraceOwner(antlr4::ParserRuleContext *Ctx) {
  antlr4::tree::ParseTree *P = Ctx->parent;
  if (auto *R = dynamic_cast<CfnParser::ResourceDeclContext *>(P))
    return "resource '" + nameOf(R->name()) + "'";
  if (auto *C = dynamic_cast<CfnParser::ComponentDeclContext *>(P))
    return "component '" + nameOf(C->name()) + "'";
  if (dynamic_cast<CfnParser::ForDeclContext *>(P))
    return "'for' loop";
  // An object that is the value of a field: name the field.
  while (P && dynamic_cast<CfnParser::ObjectExprContext *>(P))
    P = P->parent;
  if (auto *F = dynamic_cast<CfnParser::FieldContext *>(P))
    if (F->key || F->stringLiteral())
      return "the object of '" + (F->key ? F->key->getText() : F->stringLiteral()->getText()) + "'";
  return "object";
}

Token *tokenOf(antlr4::tree::TerminalNode *N) { return N ? N->getSymbol() : nullptr; }

/// The innermost construct whose opener was matched and whose closer was not.
std::optional<OpenConstruct> innermostOpen(antlr4::ParserRuleContext *Ctx) {
  for (; Ctx; Ctx = dynamic_cast<antlr4::ParserRuleContext *>(Ctx->parent)) {
    Token *Open = nullptr;
    size_t Close = CfnLexer::RBRACE;
    std::string What;
    if (auto *C = dynamic_cast<CfnParser::ObjectContext *>(Ctx)) {
      Open = tokenOf(C->LBRACE()), What = describeBraceOwner(C);
      if (C->RBRACE()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::BlockContext *>(Ctx)) {
      Open = tokenOf(C->LBRACE()), What = describeBraceOwner(C);
      if (C->RBRACE()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::ListExprContext *>(Ctx)) {
      Open = tokenOf(C->LBRACKET()), Close = CfnLexer::RBRACKET, What = "list";
      if (C->RBRACKET()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::IndexExprContext *>(Ctx)) {
      Open = tokenOf(C->LBRACKET()), Close = CfnLexer::RBRACKET, What = "index";
      if (C->RBRACKET()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::ParenExprContext *>(Ctx)) {
      Open = tokenOf(C->LPAREN()), Close = CfnLexer::RPAREN, What = "parenthesis";
      if (C->RPAREN()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::CallExprContext *>(Ctx)) {
      Open = tokenOf(C->LPAREN()), Close = CfnLexer::RPAREN, What = "argument list";
      if (C->RPAREN()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::DecoratorContext *>(Ctx)) {
      Open = tokenOf(C->LPAREN()), Close = CfnLexer::RPAREN;
      What = "the arguments of '@" + nameOf(C->name()) + "'";
      if (C->RPAREN()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::FnDeclContext *>(Ctx)) {
      Open = tokenOf(C->LPAREN()), Close = CfnLexer::RPAREN;
      What = "the parameters of '" + nameOf(C->name()) + "'";
      if (C->RPAREN()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::StringPartContext *>(Ctx)) {
      Open = tokenOf(C->INTERP_OPEN()), What = "interpolation";
      if (C->RBRACE()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::RecordTypeContext *>(Ctx)) {
      Open = tokenOf(C->LBRACE()), What = "record type";
      if (C->RBRACE()) continue;
    } else if (auto *C = dynamic_cast<CfnParser::ListTypeContext *>(Ctx)) {
      Open = tokenOf(C->LBRACKET()), Close = CfnLexer::RBRACKET, What = "list type";
      if (C->RBRACKET()) continue;
    }
    if (Open)
      return OpenConstruct{Open, Close, What, dynamic_cast<CfnParser::BlockContext *>(Ctx) != nullptr};
  }
  return std::nullopt;
}

/// Tokens that only continue an expression; left out of "expected ..."
/// lists when a separator or closer is possible too.
bool continuesExpression(size_t Type) {
  switch (Type) {
  case CfnLexer::DOT: case CfnLexer::LBRACKET: case CfnLexer::LPAREN: case CfnLexer::QUESTION:
  case CfnLexer::EQEQ: case CfnLexer::NOTEQ: case CfnLexer::LE: case CfnLexer::GE:
  case CfnLexer::LT: case CfnLexer::GT: case CfnLexer::ANDAND: case CfnLexer::OROR:
  case CfnLexer::PLUS: case CfnLexer::MINUS: case CfnLexer::STAR: case CfnLexer::SLASH:
  case CfnLexer::PERCENT: case CfnLexer::PIPE:
    return true;
  default:
    return false;
  }
}

/// How an expected token type reads: "':'", "a name", "end of file".
std::string expectedName(const antlr4::dfa::Vocabulary &V, size_t Type) {
  switch (Type) {
  case Token::EOF: return "end of file";
  case CfnLexer::IDENT: return "a name";
  case CfnLexer::INT: return "a number";
  case CfnLexer::DQUOTE: return "a string";
  case CfnLexer::STR_END: return "'\"'";
  default: return V.getLiteralName(Type).empty() ? V.getSymbolicName(Type) : V.getLiteralName(Type);
  }
}

/// IntervalSet::contains is overloaded for size_t and ssize_t; token
/// constants are plain enums, so say which.
bool has(const antlr4::misc::IntervalSet &Set, size_t Type) { return Set.contains(Type); }

bool isSoftKeyword(size_t T) {
  return T == CfnLexer::DESCRIPTION || T == CfnLexer::TYPE || T == CfnLexer::AS || T == CfnLexer::IN ||
         T == CfnLexer::FN || T == CfnLexer::ASSERT;
}

/// Whether every expected token is a name (an identifier or soft keyword).
bool onlyNames(const antlr4::misc::IntervalSet &Set) {
  for (size_t T : Set.toList())
    if (T != CfnLexer::IDENT && !isSoftKeyword(T))
      return false;
  return true;
}

bool isTypeRule(size_t Rule) {
  return Rule == CfnParser::RuleTypeExpr || Rule == CfnParser::RuleUnionType ||
         Rule == CfnParser::RuleOptionalType || Rule == CfnParser::RulePrimaryType;
}

class Strategy : public antlr4::DefaultErrorStrategy {
public:
  explicit Strategy(ParseState &S) : S(S) {}

protected:
  void reportNoViableAlternative(antlr4::Parser *P, const antlr4::NoViableAltException &E) override {
    report(P, E.getOffendingToken(), E.getExpectedTokens(), Kind::Mismatch,
           dynamic_cast<antlr4::ParserRuleContext *>(E.getCtx()));
  }
  void reportInputMismatch(antlr4::Parser *P, const antlr4::InputMismatchException &E) override {
    report(P, E.getOffendingToken(), E.getExpectedTokens(), Kind::Mismatch,
           dynamic_cast<antlr4::ParserRuleContext *>(E.getCtx()));
  }
  void reportFailedPredicate(antlr4::Parser *P, const antlr4::FailedPredicateException &E) override {
    report(P, E.getOffendingToken(), E.getExpectedTokens(), Kind::Mismatch, P->getContext());
  }
  void reportUnwantedToken(antlr4::Parser *P) override {
    if (inErrorRecoveryMode(P))
      return;
    beginErrorCondition(P);
    report(P, P->getCurrentToken(), getExpectedTokens(P), Kind::Unwanted, P->getContext());
  }
  void reportMissingToken(antlr4::Parser *P) override {
    if (inErrorRecoveryMode(P))
      return;
    beginErrorCondition(P);
    report(P, P->getCurrentToken(), getExpectedTokens(P), Kind::Missing, P->getContext());
  }

  /// Never recover by deleting a keyword that starts a declaration: after
  /// a missing '}' the next `resource` must start a resource, not vanish so
  /// that its name reads as a property of the unclosed body.
  antlr4::Token *singleTokenDeletion(antlr4::Parser *P) override {
    size_t Next = P->getInputStream()->LA(1);
    if (startsDeclaration(Next))
      return nullptr;
    // Nor a separator or closer where a value is missing (`A: , B: 2`):
    // deleting it would read the next field's name as the value.
    if (Next == CfnLexer::COMMA || closesBracket(Next) || Next == CfnLexer::COLON) {
      antlr4::misc::IntervalSet Expected = getExpectedTokens(P);
      if (has(Expected, CfnLexer::INT) && has(Expected, CfnLexer::DQUOTE))
        return nullptr;
    }
    return DefaultErrorStrategy::singleTokenDeletion(P);
  }

  /// ANTLR gives up the whole rule when the token at the start of a loop
  /// (`declaration*` in a file or block) fits nowhere; the rest of the file
  /// or block would be lost. Skip to what can follow instead, as ANTLR does
  /// at a loop's back edge.
  void sync(antlr4::Parser *P) override {
    if (inErrorRecoveryMode(P))
      return;
    size_t Rule = P->getContext()->getRuleIndex();
    if (Rule != CfnParser::RuleFile && Rule != CfnParser::RuleBlock)
      return DefaultErrorStrategy::sync(P); // Elsewhere its error is the better one.
    try {
      DefaultErrorStrategy::sync(P);
    } catch (const antlr4::InputMismatchException &) {
      reportUnwantedToken(P);
      antlr4::misc::IntervalSet Expecting = P->getExpectedTokens();
      consumeUntil(P, Expecting.Or(getErrorRecoverySet(P)));
    }
  }

private:
  enum class Kind { Mismatch, Unwanted, Missing };

  void report(antlr4::Parser *P, Token *Offending, const antlr4::misc::IntervalSet &Expected,
              Kind K, antlr4::ParserRuleContext *Ctx);
  bool reportUnclosed(Token *Offending, const antlr4::misc::IntervalSet &Expected,
                      antlr4::ParserRuleContext *Ctx, bool Missing);
  std::string expectedList(antlr4::Parser *P, const antlr4::misc::IntervalSet &Expected);

  ParseState &S;
  size_t LastOffending = SIZE_MAX;
  unsigned LastLine = 0;
};

bool Strategy::reportUnclosed(Token *Offending, const antlr4::misc::IntervalSet &Expected,
                              antlr4::ParserRuleContext *Ctx, bool Missing) {
  std::optional<OpenConstruct> Open = innermostOpen(Ctx);
  if (!Open || !has(Expected, Open->Closer))
    return false;
  size_t Type = Offending->getType();
  // Declarations may stand in a block, and a stray ')' is no reason to think
  // a block ended: only the end of the file leaves a block open.
  // An interpolation ends with its line (and a quote likely meant '}').
  bool InterpolationEnds = Open->What == "interpolation" &&
                           (Type == CfnLexer::DQUOTE || Type == CfnLexer::STR_NEWLINE);
  bool Ends = Type == Token::EOF || InterpolationEnds ||
              (!Open->IsBlock && (startsDeclaration(Type) || (closesBracket(Type) && Type != Open->Closer)));
  if (!Ends && !(Missing && Expected.size() == 1))
    return false;
  uint32_t At = endOfPreviousToken(S, Offending->getTokenIndex());
  SourceRange OpenRange = tokenRange(S, Open->Opener);
  LineColumn LC = S.SM.lineColumn(S.File, OpenRange.Begin);
  std::string CloserText = Open->Closer == CfnLexer::RBRACE     ? "}"
                           : Open->Closer == CfnLexer::RBRACKET ? "]"
                                                                : ")";
  S.Diags
      .report(S.File, {At, At}, diag::UnclosedDelimiter, CloserText, Open->What,
              llvm::formatv("{0}:{1}", LC.Line, LC.Column).str())
      .note(S.File, OpenRange, "'" + S.Text.slice(OpenRange.Begin, OpenRange.End).str() +
                                   "' opened here")
      .fix("insert '" + CloserText + "'", {At, At}, CloserText);
  return true;
}

std::string Strategy::expectedList(antlr4::Parser *P, const antlr4::misc::IntervalSet &Expected) {
  bool HasSeparator = false;
  for (size_t T : Expected.toList())
    HasSeparator |= T == CfnLexer::COMMA || closesBracket(T) || T == CfnLexer::COLON ||
                    T == CfnLexer::ASSIGN || T == Token::EOF;
  std::vector<std::string> Names;
  for (size_t T : Expected.toList()) {
    if (HasSeparator && continuesExpression(T))
      continue;
    if (isSoftKeyword(T) && has(Expected, CfnLexer::IDENT))
      continue; // Soft keywords are names there; "a name" says it.
    std::string N = expectedName(P->getVocabulary(), T);
    if (std::find(Names.begin(), Names.end(), N) == Names.end())
      Names.push_back(N);
  }
  if (Names.empty())
    return "something else";
  if (Names.size() > 4)
    Names.resize(4);
  std::string Out;
  for (size_t I = 0; I < Names.size(); ++I)
    Out += (I == 0 ? "" : I + 1 == Names.size() ? " or " : ", ") + Names[I];
  return Out;
}

void Strategy::report(antlr4::Parser *P, Token *Offending, const antlr4::misc::IntervalSet &Expected,
                      Kind K, antlr4::ParserRuleContext *Ctx) {
  if (!Offending || Offending->getTokenIndex() == LastOffending)
    return;
  LastOffending = Offending->getTokenIndex();
  uint32_t At = tokenRange(S, Offending).Begin;
  for (SourceRange Cut : S.Cuts)
    if (Cut.Begin <= At && At <= Cut.End)
      return;
  // One syntax error per line: what follows the first is nearly always a
  // consequence of it (`%%% ???` is one mistake, not four). An unclosed
  // bracket is reported all the same: it names a different line.
  unsigned Line = S.SM.lineColumn(S.File, At).Line;
  bool SameLine = Line == LastLine;
  LastLine = Line;
  if (!Ctx)
    Ctx = P->getContext();
  if (reportUnclosed(Offending, Expected, Ctx, K == Kind::Missing))
    return;
  if (SameLine)
    return;
  SourceRange Where = tokenRange(S, Offending);
  std::string Found = describeToken(S, Offending);
  size_t Rule = Ctx ? Ctx->getRuleIndex() : size_t(CfnParser::RuleFile);
  bool InDeclarationList = Rule == CfnParser::RuleFile || Rule == CfnParser::RuleBlock ||
                           Rule == CfnParser::RuleDeclaration;

  if (has(Expected, CfnLexer::PARAM) && has(Expected, CfnLexer::RESOURCE) &&
      InDeclarationList) {
    auto D = S.Diags.report(S.File, Where, diag::ExpectedDeclaration, Found);
    if (Offending->getType() == CfnLexer::IDENT && Offending->getText() == "var")
      D.fix("use 'let'", Where, "let");
    return;
  }
  if (has(Expected, CfnLexer::INT) && has(Expected, CfnLexer::DQUOTE)) {
    S.Diags.report(S.File, Where, diag::ExpectedExpression, Found);
    return;
  }
  // `[1,, 2]`: a value is missing between the commas.
  if (Offending->getType() == CfnLexer::COMMA && Offending->getTokenIndex() > 0 &&
      S.Text.slice(0, At).rtrim().endswith(",")) {
    S.Diags.report(S.File, Where, diag::ExpectedExpression, Found);
    return;
  }
  if (has(Expected, CfnLexer::IDENT) && onlyNames(Expected)) {
    S.Diags.report(S.File, Where, diag::ExpectedName, Found);
    return;
  }
  if (K == Kind::Unwanted) {
    S.Diags.report(S.File, Where, diag::UnexpectedToken, Found).fix("remove it", Where, "");
    return;
  }
  if (isTypeRule(Rule)) {
    S.Diags.report(S.File, Where, diag::ExpectedType, Found);
    return;
  }
  if (has(Expected, CfnLexer::IDENT) && has(Expected, CfnLexer::DQUOTE) &&
      has(Expected, CfnLexer::RBRACE)) {
    S.Diags.report(S.File, Where, diag::ExpectedFieldName, Found);
    return;
  }
  if (has(Expected, CfnLexer::IDENT) && onlyNames(Expected)) {
    S.Diags.report(S.File, Where, diag::ExpectedName, Found);
    return;
  }
  auto D = S.Diags.report(S.File, Where, diag::ExpectedToken, expectedList(P, Expected), Found);
  if (K == Kind::Missing && Expected.size() == 1) {
    uint32_t At = endOfPreviousToken(S, Offending->getTokenIndex());
    std::string Text = P->getVocabulary().getLiteralName(Expected.getMinElement());
    if (Text.size() >= 2)
      D.fix("insert " + Text, {At, At}, Text.substr(1, Text.size() - 2));
  }
}

} // namespace

std::shared_ptr<antlr4::ANTLRErrorStrategy> makeErrorStrategy(ParseState &S) {
  return std::make_shared<Strategy>(S);
}

} // namespace cfc::parse
