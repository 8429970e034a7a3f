// SemanticTokens — colouring from the compiler's own tokens (lexTokens),
// with names told apart by the AST: property keys, type names and their
// namespaces, declarations, functions, decorators.
#include "lsp/features/AstQuery.h"
#include "lsp/features/Features.h"

#include "Parse/Lexer.h"

#include <map>

namespace cfc::lsp {

using namespace ast;

namespace {

enum TokenType : unsigned {
  Keyword, Variable, Property, Type, Namespace, String, Number, Comment, Operator,
  DecoratorType, Function, Parameter,
};
const char *const TypeNames[] = {"keyword", "variable", "property", "type",     "namespace",
                                 "string",  "number",   "comment",  "operator", "decorator",
                                 "function", "parameter"};
enum TokenModifier : unsigned { Declaration = 1, Documentation = 2, Readonly = 4 };
const char *const ModifierNames[] = {"declaration", "documentation", "readonly"};

struct Classified {
  unsigned Type;
  unsigned Modifiers;
};

/// What the AST says each name at a byte offset is.
class NameClassifier {
public:
  explicit NameClassifier(const ParsedDocument &Doc) : Doc(Doc) {
    for (const Decl *D : Doc.Ast->Decls)
      visit(D);
  }
  std::map<uint32_t, Classified> Names;

private:
  void mark(const Identifier &Id, unsigned Type, unsigned Mods = 0) {
    if (Id.valid())
      Names[Id.Range.Begin] = {Type, Mods};
  }
  unsigned useType(const NameRef &N) {
    const SemanticIndex::Use *U = Doc.Index.useAt(Doc.Main, N.range().Begin);
    if (!U || !U->Decl)
      return Variable;
    if (llvm::isa<ParamDecl>(U->Decl))
      return Parameter;
    if (llvm::isa<FnDecl>(U->Decl))
      return Function;
    if (llvm::isa<ImportDecl>(U->Decl))
      return Namespace;
    return Variable;
  }
  void visit(const Node *N) {
    if (auto *D = llvm::dyn_cast<Decl>(N)) {
      switch (D->kind()) {
      case Node::Kind::ParamDecl: mark(D->Name, Parameter, Declaration); break;
      case Node::Kind::FnDecl:
        mark(D->Name, Function, Declaration);
        for (const auto &P : llvm::cast<FnDecl>(D)->Params)
          mark(P.Name, Parameter, Declaration);
        break;
      case Node::Kind::ComponentDecl:
      case Node::Kind::TypeDecl: mark(D->Name, Type, Declaration); break;
      case Node::Kind::ImportDecl:
        mark(D->Name, Namespace, Declaration);
        for (const Identifier &Part : llvm::cast<ImportDecl>(D)->Module)
          mark(Part, Namespace);
        break;
      case Node::Kind::LetDecl: mark(D->Name, Variable, Declaration | Readonly); break;
      case Node::Kind::ForDecl:
        mark(D->Name, Variable, Declaration);
        mark(llvm::cast<ForDecl>(D)->IndexVar, Variable, Declaration);
        break;
      default: mark(D->Name, Variable, Declaration); break;
      }
    } else if (auto *T = llvm::dyn_cast<NamedType>(N)) {
      for (size_t I = 0; I < T->Path.size(); ++I)
        mark(T->Path[I], I + 1 == T->Path.size() ? Type : Namespace);
    } else if (auto *O = llvm::dyn_cast<Object>(N)) {
      for (const Object::Field &F : O->Fields)
        if (!F.QuotedKey)
          mark(F.Key, Property);
    } else if (auto *M = llvm::dyn_cast<Member>(N)) {
      mark(M->Name, Property);
    } else if (auto *R = llvm::dyn_cast<NameRef>(N)) {
      mark(R->Id, useType(*R));
    } else if (auto *C = llvm::dyn_cast<Call>(N)) {
      if (auto *Callee = llvm::dyn_cast_or_null<NameRef>(C->Callee)) {
        visit(Callee);
        mark(Callee->Id, Function);
        for (const Expr *A : C->Args)
          if (A)
            visit(A);
        return;
      }
    } else if (auto *Dec = llvm::dyn_cast<ast::Decorator>(N)) {
      mark(Dec->Name, DecoratorType);
    }
    forEachChild(N, [&](const Node *Child) { visit(Child); });
  }
  const ParsedDocument &Doc;
};

std::optional<Classified> classify(const Token &T, const NameClassifier &Names) {
  switch (T.Kind) {
  case TokenKind::Keyword:
  case TokenKind::Bool:
  case TokenKind::None:
    return Classified{Keyword, 0};
  case TokenKind::Identifier: {
    auto It = Names.Names.find(T.Range.Begin);
    return It != Names.Names.end() ? It->second : Classified{Variable, 0};
  }
  case TokenKind::Integer:
  case TokenKind::Number:
  case TokenKind::Duration:
  case TokenKind::Size:
    return Classified{Number, 0};
  case TokenKind::StringStart:
  case TokenKind::StringText:
  case TokenKind::StringEscape:
  case TokenKind::StringEnd:
  case TokenKind::RawString:
    return Classified{String, 0};
  case TokenKind::Comment:
    return Classified{Comment, 0};
  case TokenKind::DocComment:
    return Classified{Comment, Documentation};
  case TokenKind::Operator:
    return Classified{Operator, 0};
  case TokenKind::Decorator:
    return Classified{DecoratorType, 0};
  default:
    return std::nullopt;
  }
}

} // namespace

json semanticTokensLegend() {
  return {{"tokenTypes", TypeNames}, {"tokenModifiers", ModifierNames}};
}

SemanticTokens semanticTokens(const ParsedDocument &Doc) {
  NameClassifier Names(Doc);
  SemanticTokens Result;
  llvm::StringRef Text = Doc.text();
  Position Prev;
  auto Emit = [&](uint32_t Begin, uint32_t End, Classified C) {
    Position Start = Doc.position(Doc.Main, Begin);
    Position Stop = Doc.position(Doc.Main, End);
    if (Stop.character <= Start.character)
      return;
    unsigned DeltaLine = Start.line - Prev.line;
    unsigned DeltaChar = DeltaLine ? Start.character : Start.character - Prev.character;
    Result.data.insert(Result.data.end(),
                       {DeltaLine, DeltaChar, Stop.character - Start.character, C.Type, C.Modifiers});
    Prev = Start;
  };
  // The next line break at or after a token, found once per line rather
  // than once per token (a one-line document has hundreds of thousands).
  size_t NextBreak = Text.find('\n');
  auto BreakAfter = [&](uint32_t Offset) {
    if (NextBreak != llvm::StringRef::npos && NextBreak < Offset)
      NextBreak = Text.find('\n', Offset);
    return NextBreak;
  };
  for (const Token &T : lexTokens(Text)) {
    auto C = classify(T, Names);
    if (!C)
      continue;
    // Tokens that span lines (raw strings, block comments) go line by line.
    uint32_t Begin = T.Range.Begin;
    while (Begin < T.Range.End) {
      size_t Break = BreakAfter(Begin);
      uint32_t End = Break == llvm::StringRef::npos || Break >= T.Range.End
                         ? T.Range.End
                         : static_cast<uint32_t>(Break);
      Emit(Begin, End, *C);
      Begin = End + 1;
    }
  }
  return Result;
}

} // namespace cfc::lsp
