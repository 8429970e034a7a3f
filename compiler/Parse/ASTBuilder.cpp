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
// every child and build a vector; on the hot paths (strings, objects) the
// children are walked directly: a token child is a TerminalNodeImpl (or an
// ErrorNodeImpl for one the error strategy conjured), any other child a
// rule context, reached by static_cast (rule contexts inherit plainly).

bool isToken(antlr4::tree::ParseTree *T) {
  const std::type_info &Type = typeid(*T);
  return &Type == &typeid(antlr4::tree::TerminalNodeImpl) ||
         &Type == &typeid(antlr4::tree::ErrorNodeImpl);
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
  auto *T = dynamic_cast<antlr4::tree::TerminalNode *>(Ctx->children.back());
  return T ? T->getSymbol()->getType() : 0;
}

using namespace cfc::ast;

const char *const IntegerLimit = "integers are limited to 64 bits";

class Builder {
public:
  Builder(ParseState &S, ast::File &Out) : S(S), Out(Out) {}

  void file(CfnParser::FileContext *Ctx) {
    collectComments();
    if (Ctx)
      Out.Decls = decls(Ctx->declaration());
  }

private:
  // ---- positions -----------------------------------------------------------
  SourceRange range(antlr4::ParserRuleContext *Ctx) {
    antlr4::Token *Start = Ctx->getStart(), *Stop = Ctx->getStop();
    if (!Start)
      return {};
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

  std::vector<Identifier> path(CfnParser::QualifiedNameContext *Ctx) {
    std::vector<Identifier> Parts;
    if (Ctx)
      for (auto *N : Ctx->name())
        if (Identifier Id = ident(N); Id.valid())
          Parts.push_back(std::move(Id));
    return Parts;
  }

  // ---- comments --------------------------------------------------------------
  void collectComments() {
    for (size_t I = 0; I < S.Tokens.size(); ++I) {
      antlr4::Token *T = S.Tokens.get(I);
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
      antlr4::Token *T = S.Tokens.get(I);
      SourceRange R = tokenRange(S, T);
      llvm::StringRef Text = S.Text.slice(R.Begin, R.End);
      // A blank line ends the block.
      if (R.End <= Next && S.Text.slice(R.End, Next).count('\n') > 1)
        break;
      if (T->getType() != CfnLexer::LINE_COMMENT || !Text.startswith("///"))
        break;
      // A `///` after code on its line documents that line, not what follows.
      if (I > 0) {
        uint32_t BeforeEnd = tokenRange(S, S.Tokens.get(I - 1)).End;
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
  std::vector<Decl *> decls(const std::vector<CfnParser::DeclarationContext *> &Ctxs) {
    std::vector<Decl *> Result;
    for (auto *Ctx : Ctxs)
      if (Decl *D = decl(Ctx))
        Result.push_back(D);
    return Result;
  }

  std::vector<Decl *> block(CfnParser::BlockContext *Ctx) {
    return Ctx ? decls(Ctx->declaration()) : std::vector<Decl *>();
  }

  Decl *decl(CfnParser::DeclarationContext *Ctx) {
    auto *Body = Ctx->declarationBody();
    if (!Body)
      return nullptr; // Only decorators: the parser reported it.
    Decl *D = declBody(Body);
    if (!D)
      return nullptr;
    for (auto *DecCtx : Ctx->decorator()) {
      std::vector<Expr *> Args;
      if (auto *A = DecCtx->arguments())
        for (auto *E : A->expr())
          Args.push_back(expr(E, A));
      D->Decorators.push_back(Out.make<ast::Decorator>(range(DecCtx), ident(DecCtx->name()),
                                                        std::move(Args), DecCtx->LPAREN() != nullptr));
    }
    D->setRange(range(Ctx));
    if (Ctx->getStart())
      D->DocComment = docComment(Ctx->getStart());
    return D;
  }

  Decl *declBody(CfnParser::DeclarationBodyContext *Ctx) {
    SourceRange R = range(Ctx);
    if (auto *X = Ctx->descriptionDecl())
      return Out.make<DescriptionDecl>(R, expr(X->expr(), X));
    if (auto *X = Ctx->paramDecl())
      return Out.make<ParamDecl>(R, ident(X->name()), X->typeExpr() ? type(X->typeExpr()) : nullptr,
                                 X->expr() ? expr(X->expr(), X) : nullptr);
    if (auto *X = Ctx->letDecl())
      return Out.make<LetDecl>(R, ident(X->name()), X->typeExpr() ? type(X->typeExpr()) : nullptr,
                               expr(X->expr(), X));
    if (auto *X = Ctx->resourceDecl()) {
      NamedType *T = nullptr;
      if (auto *Q = X->qualifiedName())
        if (auto Path = path(Q); !Path.empty())
          T = Out.make<NamedType>(range(Q), std::move(Path));
      return Out.make<ResourceDecl>(R, ident(X->name()), T,
                                    X->object() ? object(X->object()) : nullptr);
    }
    if (auto *X = Ctx->outputDecl())
      return Out.make<OutputDecl>(R, ident(X->name()), X->typeExpr() ? type(X->typeExpr()) : nullptr,
                                  expr(X->expr(), X));
    if (auto *X = Ctx->importDecl())
      return import(X, R);
    if (auto *X = Ctx->forDecl()) {
      auto Names = X->name();
      Identifier Index, Element;
      if (Names.size() == 2)
        Index = ident(Names[0]), Element = ident(Names[1]);
      else if (Names.size() == 1)
        Element = ident(Names[0]);
      return Out.make<ForDecl>(R, std::move(Index), std::move(Element), expr(X->expr(), X),
                               block(X->block()));
    }
    if (auto *X = Ctx->componentDecl())
      return Out.make<ComponentDecl>(R, ident(X->name()), block(X->block()));
    if (auto *X = Ctx->fnDecl()) {
      std::vector<FnDecl::Param> Params;
      for (auto *P : X->fnParam())
        Params.push_back({ident(P->name()), type(P->typeExpr())});
      return Out.make<FnDecl>(R, ident(X->name()), std::move(Params),
                              X->typeExpr() ? type(X->typeExpr()) : nullptr, expr(X->expr(), X));
    }
    if (auto *X = Ctx->typeDecl())
      return Out.make<TypeDecl>(R, ident(X->name()), type(X->typeExpr()));
    if (auto *X = Ctx->assertDecl()) {
      auto Exprs = X->expr();
      return Out.make<AssertDecl>(R, Exprs.empty() ? nullptr : expr(Exprs[0], X),
                                  Exprs.size() > 1 ? expr(Exprs[1], X) : nullptr);
    }
    return nullptr;
  }

  Decl *import(CfnParser::ImportDeclContext *X, SourceRange R) {
    std::vector<Identifier> Module;
    std::string Path;
    SourceRange PathRange;
    if (auto *Q = X->qualifiedName()) {
      Module = path(Q);
      PathRange = range(Q);
    } else if (auto *Str = X->stringLiteral()) {
      Path = plainString(Str, "an import path");
      PathRange = range(Str);
    }
    return Out.make<ImportDecl>(R, ident(X->name()), std::move(Module), std::move(Path), PathRange);
  }

  // ---- types -------------------------------------------------------------------
  TypeExpr *type(CfnParser::TypeExprContext *Ctx) {
    if (!Ctx || !Ctx->unionType())
      return Out.make<ErrorType>(Ctx ? range(Ctx) : SourceRange());
    auto *U = Ctx->unionType();
    std::vector<TypeExpr *> Members;
    for (auto *O : U->optionalType())
      Members.push_back(optionalType(O));
    if (Members.size() == 1)
      return Members.front();
    return Out.make<UnionType>(range(U), std::move(Members));
  }

  TypeExpr *optionalType(CfnParser::OptionalTypeContext *Ctx) {
    TypeExpr *Inner = primaryType(Ctx->primaryType(), Ctx);
    if (Ctx->QUESTION())
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
      auto Path = path(X->qualifiedName());
      if (Path.empty())
        return Out.make<ErrorType>(R);
      return Out.make<NamedType>(R, std::move(Path));
    }
    if (auto *X = exactly<CfnParser::LiteralTypeContext>(Ctx))
      return Out.make<LiteralType>(R, plainString(X->stringLiteral(), "a literal type"));
    if (auto *X = exactly<CfnParser::ListTypeContext>(Ctx))
      return Out.make<ListType>(R, type(X->typeExpr()));
    if (auto *X = exactly<CfnParser::ParenTypeContext>(Ctx))
      return type(X->typeExpr());
    if (auto *X = exactly<CfnParser::RecordTypeContext>(Ctx)) {
      std::vector<RecordType::Field> Fields;
      for (auto *F : X->recordTypeField())
        Fields.push_back({ident(F->name()), F->QUESTION() != nullptr, type(F->typeExpr())});
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
      if (!ReportedDepth)
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
    SourceRange R = range(Ctx);
    if (auto *X = exactly<CfnParser::PrimaryExprContext>(Ctx)) {
      auto *P = ruleChild<CfnParser::PrimaryContext>(X, 0);
      return P ? primary(P) : Out.make<ErrorExpr>(R);
    }
    if (auto *X = exactly<CfnParser::MemberExprContext>(Ctx))
      return Out.make<Member>(R, expr(X->base, X), ident(X->member));
    if (auto *X = exactly<CfnParser::IndexExprContext>(Ctx))
      return Out.make<ast::Index>(R, expr(X->base, X), expr(X->index, X));
    if (auto *X = exactly<CfnParser::CallExprContext>(Ctx)) {
      std::vector<Expr *> Args;
      if (auto *A = X->arguments())
        for (auto *E : A->expr())
          Args.push_back(expr(E, A));
      return Out.make<Call>(R, expr(X->callee, X), std::move(Args));
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
    return Out.make<ErrorExpr>(R);
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

  Expr *primary(CfnParser::PrimaryContext *Ctx) {
    SourceRange R = range(Ctx);
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
      return Out.make<BoolLit>(R, X->TRUE() != nullptr);
    if (exactly<CfnParser::NoneLiteralContext>(Ctx))
      return Out.make<NoneLit>(R);
    if (auto *X = exactly<CfnParser::StringExprContext>(Ctx))
      return string(X->stringLiteral());
    if (exactly<CfnParser::RawStringExprContext>(Ctx))
      return rawString(R, Spelling);
    if (exactly<CfnParser::SingleQuotedExprContext>(Ctx)) {
      // Reported by checkTokens; read as the string it was meant to be.
      std::vector<StringLit::Part> Parts;
      Parts.push_back({Spelling.drop_front().drop_back().str(), nullptr, R});
      return Out.make<StringLit>(R, std::move(Parts), /*Raw=*/false);
    }
    if (auto *X = exactly<CfnParser::NameExprContext>(Ctx)) {
      Identifier Id = ident(X->name());
      return Id.valid() ? static_cast<Expr *>(Out.make<NameRef>(std::move(Id)))
                        : Out.make<ErrorExpr>(R);
    }
    if (auto *X = exactly<CfnParser::ListExprContext>(Ctx)) {
      reportRepeatedCommas(X, diag::ExpectedExpression);
      std::vector<Expr *> Elements;
      for (auto *E : X->expr())
        Elements.push_back(expr(E, X));
      return Out.make<List>(R, std::move(Elements));
    }
    if (auto *X = exactly<CfnParser::ObjectExprContext>(Ctx))
      return X->object() ? static_cast<Expr *>(object(X->object())) : Out.make<ErrorExpr>(R);
    if (auto *X = exactly<CfnParser::ParenExprContext>(Ctx))
      return expr(X->expr(), X);
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
        Parts.back().Text += Piece.str();
        Parts.back().Range.End = PR.End;
      } else {
        Parts.push_back({Piece.str(), nullptr, PR});
      }
    };
    // An unclosed interpolation inside was reported; the string is not
    // unterminated on top of that.
    bool UnclosedPart = false;
    for (antlr4::tree::ParseTree *Child : Ctx->children) {
      if (isToken(Child))
        continue; // The quotes, or the line break that ends the string.
      auto *P = static_cast<CfnParser::StringPartContext *>(static_cast<antlr4::ParserRuleContext *>(Child));
      SourceRange PR = range(P);
      switch (P->getStart() ? P->getStart()->getType() : 0) {
      case CfnLexer::STR_TEXT:
        AddText(S.Text.slice(PR.Begin, PR.End), PR);
        break;
      case CfnLexer::STR_ESCAPE: {
        std::string Decoded;
        escape(Decoded, PR, S.Text.slice(PR.Begin, PR.End));
        AddText(Decoded, PR);
        break;
      }
      case CfnLexer::INTERP_OPEN:
        Parts.push_back({"", expr(ruleChild<CfnParser::ExprContext>(P, 1), P), PR});
        UnclosedPart |= lastTokenType(P) != CfnLexer::RBRACE;
        break;
      default:
        break;
      }
    }
    size_t Last = lastTokenType(Ctx);
    if (Last != CfnLexer::STR_END && !UnclosedPart) {
      // Ends at the line break or the end of the file: say where to close it.
      uint32_t At = R.End;
      if (auto *NL = Ctx->STR_NEWLINE())
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
      auto *T = isToken(Child) ? dynamic_cast<antlr4::tree::TerminalNode *>(Child) : nullptr;
      bool IsComma = T && T->getSymbol()->getType() == CfnLexer::COMMA;
      if (IsComma && AfterComma)
        S.Diags.report(S.File, range(T), Kind, "','");
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
      if (auto *K = ruleChild<CfnParser::FieldKeyContext>(F, 0)) {
        auto *Inner = ruleChild<antlr4::ParserRuleContext>(K, 0);
        if (Inner && Inner->getRuleIndex() == CfnParser::RuleName) {
          Field.Key = ident(static_cast<CfnParser::NameContext *>(Inner));
        } else if (auto *Str = K->stringLiteral()) {
          Field.Key = {plainString(Str, "a property name"), range(Str)};
          Field.QuotedKey = true;
        }
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
