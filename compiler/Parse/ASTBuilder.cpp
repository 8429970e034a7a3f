// ASTBuilder — turns the ANTLR parse tree into the project's AST. The tree
// may be broken: any child can be missing, so every access is checked and a
// missing required part becomes an Error node at the place it should be.
#include "Parse/ParseInternals.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace cfc::parse {

namespace {

/// Ctx as the labelled alternative T, or null. The generated alternative
/// classes have no subclasses, so the dynamic type is T exactly or not at
/// all; comparing type_info addresses (one per class in the binary: each
/// has its key function in the generated parser) replaces dynamic_cast,
/// whose type-name comparisons were a quarter of building the AST.
template <typename T, typename Base> T *exactly(Base *Ctx) {
  return &typeid(*Ctx) == &typeid(T) ? static_cast<T *>(Ctx) : nullptr;
}

// The generated accessors (`Ctx->field()`, `Ctx->STR_END()`) dynamic_cast
// every child and build a vector; the builder walks the children itself: a
// token child is a TerminalNodeImpl (or an ErrorNodeImpl for one the error
// strategy conjured), any other child a rule context, reached by
// static_cast (rule contexts and TerminalNode inherit ParseTree plainly),
// whose rule index says which context class it is.

bool isToken(antlr4::tree::ParseTree *T) {
  const std::type_info &Type = typeid(*T);
  return &Type == &typeid(antlr4::tree::TerminalNodeImpl) ||
         &Type == &typeid(antlr4::tree::ErrorNodeImpl);
}

size_t tokenType(antlr4::tree::ParseTree *T) {
  return static_cast<antlr4::tree::TerminalNode *>(T)->getSymbol()->getType();
}

/// The rule index of each context class the builder looks for.
template <typename T> struct RuleOf;
#define CFC_RULE_OF(Context, Index)                                                               \
  template <> struct RuleOf<CfnParser::Context> {                                                 \
    static constexpr size_t Value = CfnParser::Index;                                             \
  };
CFC_RULE_OF(DeclarationContext, RuleDeclaration)
CFC_RULE_OF(DecoratorContext, RuleDecorator)
CFC_RULE_OF(FnParamContext, RuleFnParam)
CFC_RULE_OF(BlockContext, RuleBlock)
CFC_RULE_OF(QualifiedNameContext, RuleQualifiedName)
CFC_RULE_OF(NameContext, RuleName)
CFC_RULE_OF(TypeExprContext, RuleTypeExpr)
CFC_RULE_OF(UnionTypeContext, RuleUnionType)
CFC_RULE_OF(OptionalTypeContext, RuleOptionalType)
CFC_RULE_OF(PrimaryTypeContext, RulePrimaryType)
CFC_RULE_OF(RecordTypeFieldContext, RuleRecordTypeField)
CFC_RULE_OF(ExprContext, RuleExpr)
CFC_RULE_OF(ArgumentsContext, RuleArguments)
CFC_RULE_OF(ObjectContext, RuleObject)
CFC_RULE_OF(StringLiteralContext, RuleStringLiteral)
#undef CFC_RULE_OF

/// Calls F on each child of Ctx that is a T, in order.
template <typename T, typename F> void forEachChild(antlr4::ParserRuleContext *Ctx, F &&Fn) {
  for (antlr4::tree::ParseTree *Child : Ctx->children) {
    if (isToken(Child))
      continue;
    auto *Rule = static_cast<antlr4::ParserRuleContext *>(Child);
    if (Rule->getRuleIndex() == RuleOf<T>::Value)
      Fn(static_cast<T *>(Rule));
  }
}

/// The Nth child of Ctx that is a T (Ctx->t(Nth)), or null.
template <typename T> T *child(antlr4::ParserRuleContext *Ctx, size_t Nth = 0) {
  T *Found = nullptr;
  for (antlr4::tree::ParseTree *Child : Ctx->children) {
    if (isToken(Child))
      continue;
    auto *Rule = static_cast<antlr4::ParserRuleContext *>(Child);
    if (Rule->getRuleIndex() == RuleOf<T>::Value && Nth-- == 0) {
      Found = static_cast<T *>(Rule);
      break;
    }
  }
  return Found;
}

/// Every child of Ctx that is a T (Ctx->t()).
template <typename T> std::vector<T *> children(antlr4::ParserRuleContext *Ctx) {
  std::vector<T *> Found;
  forEachChild<T>(Ctx, [&](T *C) { Found.push_back(C); });
  return Found;
}

/// Ctx's first token child of this type (Ctx->COLON()), or null.
antlr4::tree::TerminalNode *tokenChild(antlr4::ParserRuleContext *Ctx, size_t Type) {
  for (antlr4::tree::ParseTree *Child : Ctx->children)
    if (isToken(Child) && tokenType(Child) == Type)
      return static_cast<antlr4::tree::TerminalNode *>(Child);
  return nullptr;
}

/// Child I of Ctx as the rule context T (the caller knows the grammar), or
/// null when there is no such child or it is a token.
template <typename T> T *ruleChild(antlr4::ParserRuleContext *Ctx, size_t I) {
  if (I >= Ctx->children.size() || isToken(Ctx->children[I]))
    return nullptr;
  return static_cast<T *>(static_cast<antlr4::ParserRuleContext *>(Ctx->children[I]));
}

/// The token type of Ctx's last child when that is a token, else 0.
size_t lastTokenType(antlr4::ParserRuleContext *Ctx) {
  if (Ctx->children.empty() || !isToken(Ctx->children.back()))
    return 0;
  return tokenType(Ctx->children.back());
}

using namespace cfc::ast;

const char *const IntegerLimit = "integers are limited to 64 bits";

class Builder {
public:
  Builder(ParseState &S, ast::File &Out) : S(S), Out(Out) {}

  void file(CfnParser::FileContext *Ctx) {
    collectComments();
    if (Ctx)
      Out.Decls = decls(Ctx);
  }

private:
  // ---- positions -----------------------------------------------------------
  SourceRange range(antlr4::ParserRuleContext *Ctx) {
    antlr4::Token *Start = Ctx->start, *Stop = Ctx->stop;
    if (!Start)
      return {};
    if (ScannedToken *A = own(Start), *B = Stop ? own(Stop) : nullptr; A && B)
      return range(*A, *B);
    SourceRange R = tokenRange(S, Start);
    if (Stop && Stop->getTokenIndex() != INVALID_INDEX &&
        Stop->getTokenIndex() >= Start->getTokenIndex()) {
      // A string ended by a line break does not take the break with it.
      R.End = Stop->getType() == CfnLexer::STR_NEWLINE ? tokenRange(S, Stop).Begin
                                                        : tokenRange(S, Stop).End;
      R.End = std::max(R.Begin, R.End);
      return R;
    }
    // A rule that matched nothing (its value is missing) sits right after
    // the last token read, not on the next declaration.
    uint32_t At = endOfPreviousToken(S, Start->getTokenIndex());
    return {At, At};
  }
  /// range(Ctx) when its first and last tokens are the file's own (not
  /// made by the error strategy), read without virtual calls.
  SourceRange range(const ScannedToken &Start, const ScannedToken &Stop) {
    SourceRange R = tokenRange(S, Start);
    if (Stop.getTokenIndex() >= Start.getTokenIndex()) {
      SourceRange Last = tokenRange(S, Stop);
      R.End = std::max(R.Begin, Stop.getType() == CfnLexer::STR_NEWLINE ? Last.Begin : Last.End);
      return R;
    }
    uint32_t At = endOfPreviousToken(S, Start.getTokenIndex());
    return {At, At};
  }
  /// T as one of the file's own tokens, or null.
  ScannedToken *own(antlr4::Token *T) {
    size_t Index = T->getTokenIndex();
    return Index < S.All.size() && S.All[Index] == T ? S.All[Index] : nullptr;
  }
  SourceRange range(antlr4::tree::TerminalNode *N) { return tokenRange(S, N->getSymbol()); }
  /// An empty range at the end of Ctx: where a missing part belongs.
  SourceRange endOf(antlr4::ParserRuleContext *Ctx) {
    uint32_t End = range(Ctx).End;
    return {End, End};
  }

  Identifier ident(CfnParser::NameContext *Ctx) {
    if (!Ctx || !Ctx->getStart() || Ctx->exception)
      return {};
    SourceRange R = range(Ctx);
    return {S.Text.slice(R.Begin, R.End).str(), R};
  }

  /// The names of a qualified name: its name tokens (not the dots, nor
  /// junk the recovery consumed, an error node).
  std::vector<Identifier> path(CfnParser::QualifiedNameContext *Ctx) {
    std::vector<Identifier> Parts;
    if (!Ctx)
      return Parts;
    for (antlr4::tree::ParseTree *Child : Ctx->children) {
      if (&typeid(*Child) != &typeid(antlr4::tree::TerminalNodeImpl))
        continue;
      antlr4::Token *T = static_cast<antlr4::tree::TerminalNode *>(Child)->getSymbol();
      size_t Type = T->getType();
      if (Type != CfnLexer::IDENT && Type != CfnLexer::AS && Type != CfnLexer::IN)
        continue;
      SourceRange R = tokenRange(S, T);
      if (R.End > R.Begin)
        Parts.push_back({S.Text.slice(R.Begin, R.End).str(), R});
    }
    return Parts;
  }

  // ---- comments --------------------------------------------------------------
  void collectComments() {
    for (size_t I = 0; I < S.All.size(); ++I) {
      ScannedToken *T = S.All[I];
      if (T->getType() == CfnLexer::LINE_COMMENT || T->getType() == CfnLexer::BLOCK_COMMENT)
        Out.Comments.push_back({tokenRange(S, T), T->getType() == CfnLexer::BLOCK_COMMENT});
    }
  }

  /// The `///` lines directly above the token at index I (blank lines break
  /// the block), without the slashes and one following space.
  /// Whitespace is no token (the scanner drops it): what lies between two
  /// tokens is read from the text.
  std::string docComment(antlr4::Token *Start) {
    std::vector<std::string> Lines;
    size_t I = Start->getTokenIndex();
    uint32_t Next = tokenRange(S, Start).Begin; // Where the token after I begins.
    while (I-- > 0) {
      ScannedToken *T = S.All[I];
      SourceRange R = tokenRange(S, T);
      llvm::StringRef Text = S.Text.slice(R.Begin, R.End);
      // A blank line ends the block.
      if (R.End <= Next && S.Text.slice(R.End, Next).count('\n') > 1)
        break;
      if (T->getType() != CfnLexer::LINE_COMMENT || !Text.startswith("///"))
        break;
      // A `///` after code on its line documents that line, not what follows.
      if (I > 0) {
        uint32_t BeforeEnd = tokenRange(S, S.All[I - 1]).End;
        if (BeforeEnd > R.Begin || !S.Text.slice(BeforeEnd, R.Begin).contains('\n'))
          break;
      }
      Next = R.Begin;
      Text = Text.drop_front(3);
      if (Text.startswith(" "))
        Text = Text.drop_front();
      Lines.push_back(Text.rtrim().str());
    }
    std::string Doc;
    for (auto It = Lines.rbegin(); It != Lines.rend(); ++It)
      Doc += (Doc.empty() ? "" : "\n") + *It;
    return Doc;
  }

  // ---- declarations ------------------------------------------------------------
  /// The declarations of a file or a block.
  std::vector<Decl *> decls(antlr4::ParserRuleContext *Parent) {
    std::vector<Decl *> Result;
    forEachChild<CfnParser::DeclarationContext>(Parent, [&](CfnParser::DeclarationContext *Ctx) {
      if (Decl *D = decl(Ctx))
        Result.push_back(D);
    });
    return Result;
  }

  std::vector<Decl *> block(CfnParser::BlockContext *Ctx) {
    return Ctx ? decls(Ctx) : std::vector<Decl *>();
  }

  Decl *decl(CfnParser::DeclarationContext *Ctx) {
    // The declaration proper: the rule child after the decorators.
    antlr4::ParserRuleContext *Body = nullptr;
    for (antlr4::tree::ParseTree *Child : Ctx->children) {
      if (isToken(Child))
        continue;
      auto *Rule = static_cast<antlr4::ParserRuleContext *>(Child);
      if (Rule->getRuleIndex() != CfnParser::RuleDecorator) {
        Body = Rule;
        break;
      }
    }
    if (!Body)
      return nullptr; // Only decorators: the parser reported it.
    Decl *D = declBody(Body);
    if (!D)
      return nullptr;
    forEachChild<CfnParser::DecoratorContext>(Ctx, [&](CfnParser::DecoratorContext *DecCtx) {
      std::vector<Expr *> Args = arguments(child<CfnParser::ArgumentsContext>(DecCtx));
      D->Decorators.push_back(Out.make<ast::Decorator>(
          range(DecCtx), ident(child<CfnParser::NameContext>(DecCtx)), std::move(Args),
          tokenChild(DecCtx, CfnLexer::LPAREN) != nullptr));
    });
    D->setRange(range(Ctx));
    if (Ctx->getStart())
      D->DocComment = docComment(Ctx->getStart());
    return D;
  }

  /// The arguments of a call or a decorator; none when Ctx is null.
  std::vector<Expr *> arguments(CfnParser::ArgumentsContext *Ctx) {
    std::vector<Expr *> Args;
    if (Ctx)
      forEachChild<CfnParser::ExprContext>(
          Ctx, [&](CfnParser::ExprContext *E) { Args.push_back(expr(E, Ctx)); });
    return Args;
  }

  /// The type after `name:` in X, or null when it has none.
  TypeExpr *optionalTypeOf(antlr4::ParserRuleContext *X) {
    auto *T = child<CfnParser::TypeExprContext>(X);
    return T ? type(T) : nullptr;
  }

  /// The declaration X (one of the *Decl rules), by its rule.
  Decl *declBody(antlr4::ParserRuleContext *X) {
    SourceRange R = range(X);
    auto Name = [&] { return ident(child<CfnParser::NameContext>(X)); };
    auto Value = [&] { return expr(child<CfnParser::ExprContext>(X), X); };
    switch (X->getRuleIndex()) {
    case CfnParser::RuleDescriptionDecl:
      return Out.make<DescriptionDecl>(R, Value());
    case CfnParser::RuleParamDecl: {
      Identifier Id = Name();
      TypeExpr *T = optionalTypeOf(X);
      auto *Default = child<CfnParser::ExprContext>(X);
      return Out.make<ParamDecl>(R, std::move(Id), T, Default ? expr(Default, X) : nullptr);
    }
    case CfnParser::RuleLetDecl: {
      Identifier Id = Name();
      TypeExpr *T = optionalTypeOf(X);
      return Out.make<LetDecl>(R, std::move(Id), T, Value());
    }
    case CfnParser::RuleResourceDecl: {
      Identifier Id = Name();
      NamedType *T = nullptr;
      if (auto *Q = child<CfnParser::QualifiedNameContext>(X))
        if (auto Path = path(Q); !Path.empty())
          T = Out.make<NamedType>(range(Q), std::move(Path));
      auto *Body = child<CfnParser::ObjectContext>(X);
      return Out.make<ResourceDecl>(R, std::move(Id), T, Body ? object(Body) : nullptr);
    }
    case CfnParser::RuleOutputDecl: {
      Identifier Id = Name();
      TypeExpr *T = optionalTypeOf(X);
      return Out.make<OutputDecl>(R, std::move(Id), T, Value());
    }
    case CfnParser::RuleImportDecl:
      return import(static_cast<CfnParser::ImportDeclContext *>(X), R);
    case CfnParser::RuleForDecl: {
      auto Names = children<CfnParser::NameContext>(X);
      Identifier Index, Element;
      if (Names.size() == 2)
        Index = ident(Names[0]), Element = ident(Names[1]);
      else if (Names.size() == 1)
        Element = ident(Names[0]);
      Expr *Over = Value();
      return Out.make<ForDecl>(R, std::move(Index), std::move(Element), Over,
                               block(child<CfnParser::BlockContext>(X)));
    }
    case CfnParser::RuleComponentDecl: {
      Identifier Id = Name();
      return Out.make<ComponentDecl>(R, std::move(Id), block(child<CfnParser::BlockContext>(X)));
    }
    case CfnParser::RuleFnDecl: {
      Identifier Id = Name();
      std::vector<FnDecl::Param> Params;
      forEachChild<CfnParser::FnParamContext>(X, [&](CfnParser::FnParamContext *P) {
        Identifier ParamName = ident(child<CfnParser::NameContext>(P));
        Params.push_back({std::move(ParamName), type(child<CfnParser::TypeExprContext>(P))});
      });
      TypeExpr *Result = optionalTypeOf(X);
      return Out.make<FnDecl>(R, std::move(Id), std::move(Params), Result, Value());
    }
    case CfnParser::RuleTypeDecl: {
      Identifier Id = Name();
      return Out.make<TypeDecl>(R, std::move(Id), type(child<CfnParser::TypeExprContext>(X)));
    }
    case CfnParser::RuleAssertDecl: {
      auto *Cond = child<CfnParser::ExprContext>(X, 0);
      auto *Message = child<CfnParser::ExprContext>(X, 1);
      return Out.make<AssertDecl>(R, Cond ? expr(Cond, X) : nullptr,
                                  Message ? expr(Message, X) : nullptr);
    }
    default:
      return nullptr;
    }
  }

  Decl *import(CfnParser::ImportDeclContext *X, SourceRange R) {
    std::vector<Identifier> Module;
    std::string Path;
    SourceRange PathRange;
    if (auto *Q = child<CfnParser::QualifiedNameContext>(X)) {
      Module = path(Q);
      PathRange = range(Q);
    } else if (auto *Str = child<CfnParser::StringLiteralContext>(X)) {
      Path = plainString(Str, "an import path");
      PathRange = range(Str);
    }
    return Out.make<ImportDecl>(R, ident(child<CfnParser::NameContext>(X)), std::move(Module),
                                std::move(Path), PathRange);
  }

  // ---- types -------------------------------------------------------------------
  TypeExpr *type(CfnParser::TypeExprContext *Ctx) {
    auto *U = Ctx ? child<CfnParser::UnionTypeContext>(Ctx) : nullptr;
    if (!U)
      return Out.make<ErrorType>(Ctx ? range(Ctx) : SourceRange());
    std::vector<TypeExpr *> Members;
    forEachChild<CfnParser::OptionalTypeContext>(
        U, [&](CfnParser::OptionalTypeContext *O) { Members.push_back(optionalType(O)); });
    if (Members.size() == 1)
      return Members.front();
    return Out.make<UnionType>(range(U), std::move(Members));
  }

  TypeExpr *optionalType(CfnParser::OptionalTypeContext *Ctx) {
    TypeExpr *Inner = primaryType(child<CfnParser::PrimaryTypeContext>(Ctx), Ctx);
    if (tokenChild(Ctx, CfnLexer::QUESTION))
      return Out.make<OptionalType>(range(Ctx), Inner);
    return Inner;
  }

  TypeExpr *primaryType(CfnParser::PrimaryTypeContext *Ctx, antlr4::ParserRuleContext *Parent) {
    if (!Ctx)
      return Out.make<ErrorType>(endOf(Parent));
    if (++TypeDepth > S.Opts.MaxExpressionDepth) {
      --TypeDepth;
      return Out.make<ErrorType>(range(Ctx));
    }
    TypeExpr *T = primaryTypeInner(Ctx);
    --TypeDepth;
    return T;
  }

  TypeExpr *primaryTypeInner(CfnParser::PrimaryTypeContext *Ctx) {
    SourceRange R = range(Ctx);
    if (auto *X = exactly<CfnParser::NamedTypeContext>(Ctx)) {
      auto Path = path(child<CfnParser::QualifiedNameContext>(X));
      if (Path.empty())
        return Out.make<ErrorType>(R);
      return Out.make<NamedType>(R, std::move(Path));
    }
    if (auto *X = exactly<CfnParser::LiteralTypeContext>(Ctx))
      return Out.make<LiteralType>(
          R, plainString(child<CfnParser::StringLiteralContext>(X), "a literal type"));
    if (auto *X = exactly<CfnParser::ListTypeContext>(Ctx))
      return Out.make<ListType>(R, type(child<CfnParser::TypeExprContext>(X)));
    if (auto *X = exactly<CfnParser::ParenTypeContext>(Ctx))
      return type(child<CfnParser::TypeExprContext>(X));
    if (auto *X = exactly<CfnParser::RecordTypeContext>(Ctx)) {
      std::vector<RecordType::Field> Fields;
      forEachChild<CfnParser::RecordTypeFieldContext>(X, [&](CfnParser::RecordTypeFieldContext *F) {
        Identifier Name = ident(child<CfnParser::NameContext>(F));
        bool Optional = tokenChild(F, CfnLexer::QUESTION) != nullptr;
        Fields.push_back({std::move(Name), Optional, type(child<CfnParser::TypeExprContext>(F))});
      });
      // `{string: T}` is the map type, not a record with a field "string".
      if (Fields.size() == 1 && Fields[0].Name.Name == "string" && !Fields[0].Optional)
        return Out.make<MapType>(R, Fields[0].Type);
      return Out.make<RecordType>(R, std::move(Fields));
    }
    return Out.make<ErrorType>(R);
  }

  // ---- expressions -------------------------------------------------------------
  /// Never null: a missing expression is an ErrorExpr at the end of Parent.
  Expr *expr(CfnParser::ExprContext *Ctx, antlr4::ParserRuleContext *Parent) {
    if (!Ctx)
      return Out.make<ErrorExpr>(endOf(Parent));
    if (++Depth > S.Opts.MaxExpressionDepth) {
      if (!ReportedDepth && !S.ReportedExpressionDepth)
        S.Diags.report(S.File, range(Ctx), diag::ExpressionTooDeep, S.Opts.MaxExpressionDepth);
      ReportedDepth = true;
      --Depth;
      return Out.make<ErrorExpr>(range(Ctx));
    }
    Expr *E = exprInner(Ctx);
    --Depth;
    return E;
  }

  Expr *exprInner(CfnParser::ExprContext *Ctx) {
    // A chain of type comparisons: the commonest kinds first (strings,
    // members, names, objects make up most of a program).
    if (auto *X = exactly<CfnParser::StringExprContext>(Ctx))
      return string(child<CfnParser::StringLiteralContext>(X)); // Its own range.
    SourceRange R = range(Ctx);
    if (auto *X = exactly<CfnParser::MemberExprContext>(Ctx))
      return Out.make<Member>(R, expr(X->base, X), memberName(X));
    if (exactly<CfnParser::NameExprContext>(Ctx))
      return Out.make<NameRef>(Identifier{S.Text.slice(R.Begin, R.End).str(), R});
    if (auto *X = exactly<CfnParser::ObjectExprContext>(Ctx)) {
      auto *O = child<CfnParser::ObjectContext>(X);
      return O ? static_cast<Expr *>(object(O)) : Out.make<ErrorExpr>(R);
    }
    if (auto *X = exactly<CfnParser::IndexExprContext>(Ctx))
      return Out.make<ast::Index>(R, expr(X->base, X), expr(X->index, X));
    if (auto *X = exactly<CfnParser::CallExprContext>(Ctx)) {
      Expr *Callee = expr(X->callee, X);
      return Out.make<Call>(R, Callee, arguments(child<CfnParser::ArgumentsContext>(X)));
    }
    if (auto *X = exactly<CfnParser::UnaryExprContext>(Ctx)) {
      UnaryOp Op = X->op && X->op->getType() == CfnLexer::BANG ? UnaryOp::Not : UnaryOp::Negate;
      return Out.make<Unary>(R, Op, expr(X->operand, X));
    }
    if (auto *X = exactly<CfnParser::BinaryExprContext>(Ctx)) {
      // Left before right, so diagnostics come in source order.
      Expr *Lhs = expr(X->lhs, X);
      Expr *Rhs = expr(X->rhs, X);
      return Out.make<Binary>(R, binaryOp(X->op), Lhs, Rhs,
                              X->op ? tokenRange(S, X->op) : SourceRange{R.Begin, R.Begin});
    }
    if (auto *X = exactly<CfnParser::ConditionalExprContext>(Ctx))
      return Out.make<Conditional>(R, expr(X->cond, X), expr(X->then, X), expr(X->otherwise, X));
    return primary(Ctx, R);
  }

  /// The member a MemberExpr names: its token, or an empty name where the
  /// error strategy conjured one up (after the dot), or none when the
  /// member is missing (the parser reported it).
  Identifier memberName(CfnParser::MemberExprContext *X) {
    antlr4::Token *T = X->member;
    if (!T)
      return {};
    size_t Type = T->getType();
    if (Type != CfnLexer::IDENT && Type != CfnLexer::AS && Type != CfnLexer::IN)
      return {};
    if (ScannedToken *Own = own(T)) {
      SourceRange R = tokenRange(S, *Own);
      return {S.Text.slice(R.Begin, R.End).str(), R};
    }
    auto *Dot = tokenChild(X, CfnLexer::DOT);
    uint32_t At = Dot ? range(Dot).End : range(X).End;
    return {std::string(), {At, At}};
  }

  static BinaryOp binaryOp(antlr4::Token *Op) {
    switch (Op ? Op->getType() : 0) {
    case CfnLexer::STAR: return BinaryOp::Mul;
    case CfnLexer::SLASH: return BinaryOp::Div;
    case CfnLexer::PERCENT: return BinaryOp::Mod;
    case CfnLexer::PLUS: return BinaryOp::Add;
    case CfnLexer::MINUS: return BinaryOp::Sub;
    case CfnLexer::LT: return BinaryOp::Lt;
    case CfnLexer::LE: return BinaryOp::Le;
    case CfnLexer::GT: return BinaryOp::Gt;
    case CfnLexer::GE: return BinaryOp::Ge;
    case CfnLexer::EQEQ: return BinaryOp::Eq;
    case CfnLexer::NOTEQ: return BinaryOp::Ne;
    case CfnLexer::ANDAND: return BinaryOp::And;
    default: return BinaryOp::Or;
    }
  }

  /// One of expr's other primary alternatives (a literal, a list...).
  Expr *primary(CfnParser::ExprContext *Ctx, SourceRange R) {
    llvm::StringRef Spelling = S.Text.slice(R.Begin, R.End);
    if (exactly<CfnParser::IntLiteralContext>(Ctx))
      return integer(R, Spelling);
    if (exactly<CfnParser::NumberLiteralContext>(Ctx)) {
      std::string Digits = withoutUnderscores(Spelling);
      double V = std::strtod(Digits.c_str(), nullptr);
      if (!std::isfinite(V)) {
        S.Diags.report(S.File, R, diag::NumberOutOfRange, Spelling,
                       "decimals are limited to about 1.8e308");
        return Out.make<ErrorExpr>(R);
      }
      return Out.make<NumberLit>(R, V, Digits);
    }
    if (exactly<CfnParser::DurationLiteralContext>(Ctx))
      return duration(R, Spelling);
    if (exactly<CfnParser::SizeLiteralContext>(Ctx))
      return size(R, Spelling);
    if (exactly<CfnParser::BadNumberLiteralContext>(Ctx))
      return Out.make<ErrorExpr>(R); // Reported by checkTokens.
    if (auto *X = exactly<CfnParser::BoolLiteralContext>(Ctx))
      return Out.make<BoolLit>(R, tokenChild(X, CfnLexer::TRUE) != nullptr);
    if (exactly<CfnParser::NoneLiteralContext>(Ctx))
      return Out.make<NoneLit>(R);
    if (exactly<CfnParser::RawStringExprContext>(Ctx))
      return rawString(R, Spelling);
    if (exactly<CfnParser::SingleQuotedExprContext>(Ctx)) {
      // Reported by checkTokens; read as the string it was meant to be.
      std::vector<StringLit::Part> Parts;
      Parts.push_back({Spelling.drop_front().drop_back().str(), nullptr, R});
      return Out.make<StringLit>(R, std::move(Parts), /*Raw=*/false);
    }
    if (auto *X = exactly<CfnParser::ListExprContext>(Ctx)) {
      reportRepeatedCommas(X, diag::ExpectedExpression);
      std::vector<Expr *> Elements;
      forEachChild<CfnParser::ExprContext>(
          X, [&](CfnParser::ExprContext *E) { Elements.push_back(expr(E, X)); });
      return Out.make<List>(R, std::move(Elements));
    }
    if (auto *X = exactly<CfnParser::ParenExprContext>(Ctx))
      return expr(child<CfnParser::ExprContext>(X), X);
    return Out.make<ErrorExpr>(R);
  }

  static std::string withoutUnderscores(llvm::StringRef Spelling) {
    std::string Digits;
    for (char C : Spelling)
      if (C != '_')
        Digits += C;
    return Digits;
  }

  /// Parses the digits at the start of Spelling, reporting overflow.
  bool amount(SourceRange R, llvm::StringRef Spelling, int64_t &Value) {
    std::string Digits = withoutUnderscores(Spelling.take_while([](char C) { return isdigit(C) || C == '_'; }));
    errno = 0;
    char *End = nullptr;
    long long V = std::strtoll(Digits.c_str(), &End, 10);
    if (errno == ERANGE) {
      S.Diags.report(S.File, R, diag::NumberOutOfRange, Spelling, IntegerLimit);
      return false;
    }
    Value = V;
    return true;
  }

  Expr *integer(SourceRange R, llvm::StringRef Spelling) {
    int64_t V;
    if (!amount(R, Spelling, V))
      return Out.make<ErrorExpr>(R);
    return Out.make<IntLit>(R, V);
  }

  Expr *duration(SourceRange R, llvm::StringRef Spelling) {
    int64_t V;
    if (!amount(R, Spelling, V))
      return Out.make<ErrorExpr>(R);
    llvm::StringRef Unit = Spelling.drop_while([](char C) { return isdigit(C) || C == '_'; });
    DurationLit::Unit U = Unit == "ms"  ? DurationLit::Unit::Milliseconds
                          : Unit == "s" ? DurationLit::Unit::Seconds
                          : Unit == "m" ? DurationLit::Unit::Minutes
                          : Unit == "h" ? DurationLit::Unit::Hours
                                        : DurationLit::Unit::Days;
    // The AST keeps the amount and unit; converting must not overflow.
    auto *D = Out.make<DurationLit>(R, V, U);
    if (!convertible(V, DurationLit(R, 1, U).milliseconds())) {
      S.Diags.report(S.File, R, diag::NumberOutOfRange, Spelling, IntegerLimit);
      return Out.make<ErrorExpr>(R);
    }
    return D;
  }

  /// Whether Amount times the unit's Factor fits in 64 bits.
  static bool convertible(int64_t Amount, int64_t Factor) {
    int64_t Product;
    return !__builtin_mul_overflow(Amount, Factor, &Product);
  }

  Expr *size(SourceRange R, llvm::StringRef Spelling) {
    int64_t V;
    if (!amount(R, Spelling, V))
      return Out.make<ErrorExpr>(R);
    llvm::StringRef Unit = Spelling.drop_while([](char C) { return isdigit(C) || C == '_'; });
    static const char *const Names[] = {"B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB"};
    int I = 0;
    while (I < 8 && Unit != Names[I])
      ++I;
    if (!convertible(V, SizeLit(R, 1, static_cast<SizeLit::Unit>(I)).bytes())) {
      S.Diags.report(S.File, R, diag::NumberOutOfRange, Spelling, IntegerLimit);
      return Out.make<ErrorExpr>(R);
    }
    return Out.make<SizeLit>(R, V, static_cast<SizeLit::Unit>(I));
  }

  Expr *rawString(SourceRange R, llvm::StringRef Spelling) {
    llvm::StringRef Body = Spelling.drop_front(3);
    if (Body.endswith("\"\"\""))
      Body = Body.drop_back(3);
    // A line break right after the opening quotes is not part of the text.
    if (Body.startswith("\r\n"))
      Body = Body.drop_front(2);
    else if (Body.startswith("\n"))
      Body = Body.drop_front(1);
    std::vector<StringLit::Part> Parts;
    Parts.push_back({Body.str(), nullptr, R});
    return Out.make<StringLit>(R, std::move(Parts), /*Raw=*/true);
  }

  /// Appends the code point of an escape to Text, or reports it.
  void escape(std::string &Text, SourceRange R, llvm::StringRef Spelling) {
    char C = Spelling.size() > 1 ? Spelling[1] : '\0';
    switch (C) {
    case 'n': Text += '\n'; return;
    case 'r': Text += '\r'; return;
    case 't': Text += '\t'; return;
    case '\\': Text += '\\'; return;
    case '"': Text += '"'; return;
    case '$': Text += '$'; return;
    case 'u': break;
    default:
      S.Diags.report(S.File, R, diag::InvalidEscape, Spelling.drop_front())
          .fix("escape the backslash", {R.Begin, R.Begin + 1}, "\\\\");
      return;
    }
    llvm::StringRef Hex = Spelling.drop_front(2);
    unsigned Code = 0;
    bool Ok = Hex.consume_front("{") && Hex.consume_back("}") && !Hex.empty() && Hex.size() <= 6 &&
              !Hex.getAsInteger(16, Code) && Code <= 0x10FFFF && (Code < 0xD800 || Code > 0xDFFF);
    if (!Ok) {
      S.Diags.report(S.File, R, diag::InvalidUnicodeEscape, Spelling);
      return;
    }
    char Buf[4];
    char *Ptr = Buf;
    llvm::ConvertCodePointToUTF8(Code, Ptr);
    Text.append(Buf, Ptr);
  }

  StringLit *string(CfnParser::StringLiteralContext *Ctx) {
    SourceRange R = range(Ctx);
    std::vector<StringLit::Part> Parts;
    auto AddText = [&](llvm::StringRef Piece, SourceRange PR) {
      if (!Parts.empty() && !Parts.back().Value) {
        Parts.back().Text.append(Piece.data(), Piece.size());
        Parts.back().Range.End = PR.End;
      } else {
        Parts.push_back({Piece.str(), nullptr, PR});
      }
    };
    // An unclosed interpolation inside was reported; the string is not
    // unterminated on top of that.
    bool UnclosedPart = false;
    for (antlr4::tree::ParseTree *Child : Ctx->children) {
      if (isToken(Child)) {
        // Text and escapes; the quotes, the line break that ends the
        // string and junk the recovery consumed (an error node) are not.
        if (&typeid(*Child) != &typeid(antlr4::tree::TerminalNodeImpl))
          continue;
        antlr4::Token *T = static_cast<antlr4::tree::TerminalNode *>(Child)->getSymbol();
        size_t Type = T->getType();
        if (Type != CfnLexer::STR_TEXT && Type != CfnLexer::STR_ESCAPE)
          continue;
        SourceRange PR = tokenRange(S, T);
        if (Type == CfnLexer::STR_TEXT) {
          AddText(S.Text.slice(PR.Begin, PR.End), PR);
        } else {
          std::string Decoded;
          escape(Decoded, PR, S.Text.slice(PR.Begin, PR.End));
          AddText(Decoded, PR);
        }
        continue;
      }
      // An interpolation.
      auto *P = static_cast<CfnParser::StringPartContext *>(static_cast<antlr4::ParserRuleContext *>(Child));
      if (!P->getStart() || P->getStart()->getType() != CfnLexer::INTERP_OPEN)
        continue;
      Parts.push_back({"", expr(ruleChild<CfnParser::ExprContext>(P, 1), P), range(P)});
      UnclosedPart |= lastTokenType(P) != CfnLexer::RBRACE;
    }
    size_t Last = lastTokenType(Ctx);
    if (Last != CfnLexer::STR_END && !UnclosedPart) {
      // Ends at the line break or the end of the file: say where to close it.
      uint32_t At = R.End;
      if (auto *NL = tokenChild(Ctx, CfnLexer::STR_NEWLINE))
        At = range(NL).Begin, R.End = At;
      S.Diags.report(S.File, {R.Begin, std::max(R.Begin + 1, At)}, diag::UnterminatedString)
          .fix("close the string", {At, At}, "\"");
    }
    return Out.make<StringLit>(R, std::move(Parts), /*Raw=*/false);
  }

  /// The text of a string that must not be interpolated (keys, literal
  /// types, import paths); interpolation is reported.
  std::string plainString(CfnParser::StringLiteralContext *Ctx, llvm::StringRef What) {
    if (!Ctx)
      return {};
    StringLit *Lit = string(Ctx);
    if (!Lit->isPlain())
      S.Diags.report(S.File, Lit->range(), diag::InterpolationNotAllowed, What);
    return Lit->plainText();
  }

  /// `,,` in a list is a missing value, in an object a missing field.
  void reportRepeatedCommas(antlr4::ParserRuleContext *Ctx, diag::Kind Kind) {
    bool AfterComma = false;
    for (antlr4::tree::ParseTree *Child : Ctx->children) {
      bool IsComma = isToken(Child) && tokenType(Child) == CfnLexer::COMMA;
      if (IsComma && AfterComma)
        S.Diags.report(S.File, range(static_cast<antlr4::tree::TerminalNode *>(Child)), Kind, "','");
      AfterComma = IsComma;
    }
  }

  Object *object(CfnParser::ObjectContext *Ctx) {
    reportRepeatedCommas(Ctx, diag::ExpectedFieldName);
    std::vector<Object::Field> Fields;
    for (antlr4::tree::ParseTree *Child : Ctx->children) {
      if (isToken(Child))
        continue; // Braces and commas.
      auto *F = static_cast<CfnParser::FieldContext *>(static_cast<antlr4::ParserRuleContext *>(Child));
      Object::Field Field;
      if (antlr4::Token *K = F->key) {
        // A name key is its token (the parser enters a field only at one).
        SourceRange KR = tokenRange(S, K);
        Field.Key = {S.Text.slice(KR.Begin, KR.End).str(), KR};
      } else if (auto *Str = child<CfnParser::StringLiteralContext>(F)) {
        Field.Key = {plainString(Str, "a property name"), range(Str)};
        Field.QuotedKey = true;
      }
      Field.Value = expr(F->value, F);
      Fields.push_back(std::move(Field));
    }
    return Out.make<Object>(range(Ctx), std::move(Fields));
  }

  ParseState &S;
  ast::File &Out;
  unsigned Depth = 0;
  unsigned TypeDepth = 0;
  bool ReportedDepth = false;
};

} // namespace

void buildAST(ParseState &S, CfnParser::FileContext *Tree, ast::File &Out) {
  Builder(S, Out).file(Tree);
}

} // namespace cfc::parse
