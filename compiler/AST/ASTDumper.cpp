// ASTDumper — one line per node: kind, details, <line:col-line:col>.
#include "AST/ASTDumper.h"

namespace cfc::ast {
namespace {

class Dumper {
public:
  Dumper(const SourceManager &SM, FileId File, llvm::raw_ostream &OS)
      : SM(SM), File(File), OS(OS) {}

  void decl(const Decl *D);
  void expr(const Expr *E);
  void type(const TypeExpr *T);

private:
  void line(const Node *N, llvm::StringRef Text);
  void missing(llvm::StringRef What) { OS.indent(Depth * 2) << "<missing " << What << ">\n"; }
  void decls(const std::vector<Decl *> &Ds) {
    for (const Decl *D : Ds)
      decl(D);
  }
  struct Nest {
    explicit Nest(Dumper &D) : D(D) { ++D.Depth; }
    ~Nest() { --D.Depth; }
    Dumper &D;
  };

  const SourceManager &SM;
  FileId File;
  llvm::raw_ostream &OS;
  unsigned Depth = 0;
};

void Dumper::line(const Node *N, llvm::StringRef Text) {
  LineColumn B = SM.lineColumn(File, N->range().Begin);
  LineColumn E = SM.lineColumn(File, N->range().End);
  OS.indent(Depth * 2) << Text << " <" << B.Line << ":" << B.Column << "-" << E.Line << ":"
                       << E.Column << ">\n";
}

static std::string quote(llvm::StringRef S) {
  std::string Out = "'";
  for (char C : S) {
    if (C == '\n')
      Out += "\\n";
    else if (C == '\'' || C == '\\')
      (Out += '\\') += C;
    else
      Out += C;
  }
  return Out + "'";
}

void Dumper::decl(const Decl *D) {
  if (!D)
    return missing("declaration");
  std::string Head;
  switch (D->kind()) {
  case Node::Kind::DescriptionDecl: Head = "DescriptionDecl"; break;
  case Node::Kind::ParamDecl: Head = "ParamDecl"; break;
  case Node::Kind::LetDecl: Head = "LetDecl"; break;
  case Node::Kind::ResourceDecl: Head = "ResourceDecl"; break;
  case Node::Kind::OutputDecl: Head = "OutputDecl"; break;
  case Node::Kind::ImportDecl: Head = "ImportDecl"; break;
  case Node::Kind::ForDecl: Head = "ForDecl"; break;
  case Node::Kind::ComponentDecl: Head = "ComponentDecl"; break;
  case Node::Kind::FnDecl: Head = "FnDecl"; break;
  case Node::Kind::TypeDecl: Head = "TypeDecl"; break;
  case Node::Kind::AssertDecl: Head = "AssertDecl"; break;
  default: Head = "Decl"; break;
  }
  if (D->Name.valid())
    Head += " " + D->Name.Name;
  if (!D->DocComment.empty())
    Head += " doc=" + quote(D->DocComment);
  line(D, Head);
  Nest N(*this);
  for (const Decorator *Dec : D->Decorators) {
    line(Dec, "Decorator @" + Dec->Name.Name);
    Nest N2(*this);
    for (const Expr *A : Dec->Args)
      expr(A);
  }
  if (auto *X = llvm::dyn_cast<DescriptionDecl>(D))
    return expr(X->Text);
  if (auto *X = llvm::dyn_cast<ParamDecl>(D)) {
    if (X->Type) type(X->Type);
    if (X->Default) expr(X->Default);
    return;
  }
  if (auto *X = llvm::dyn_cast<LetDecl>(D)) {
    if (X->Type) type(X->Type);
    return expr(X->Value);
  }
  if (auto *X = llvm::dyn_cast<ResourceDecl>(D)) {
    X->Type ? type(X->Type) : missing("type");
    if (X->Body) expr(X->Body);
    return;
  }
  if (auto *X = llvm::dyn_cast<OutputDecl>(D)) {
    if (X->Type) type(X->Type);
    return expr(X->Value);
  }
  if (auto *X = llvm::dyn_cast<ImportDecl>(D)) {
    std::string Module;
    for (const Identifier &Part : X->Module)
      Module += (Module.empty() ? "" : ".") + Part.Name;
    OS.indent(Depth * 2) << (X->Path.empty() ? "module " + Module : "path " + quote(X->Path))
                         << "\n";
    return;
  }
  if (auto *X = llvm::dyn_cast<ForDecl>(D)) {
    if (X->IndexVar.valid())
      OS.indent(Depth * 2) << "index " << X->IndexVar.Name << "\n";
    expr(X->Iterable);
    return decls(X->Body);
  }
  if (auto *X = llvm::dyn_cast<ComponentDecl>(D))
    return decls(X->Body);
  if (auto *X = llvm::dyn_cast<FnDecl>(D)) {
    for (const FnDecl::Param &P : X->Params) {
      OS.indent(Depth * 2) << "param " << P.Name.Name << "\n";
      Nest N2(*this);
      type(P.Type);
    }
    if (X->Result) type(X->Result);
    return expr(X->Body);
  }
  if (auto *X = llvm::dyn_cast<TypeDecl>(D))
    return type(X->Type);
  if (auto *X = llvm::dyn_cast<AssertDecl>(D)) {
    expr(X->Cond);
    if (X->Message)
      expr(X->Message);
  }
}

void Dumper::expr(const Expr *E) {
  if (!E)
    return missing("value");
  switch (E->kind()) {
  case Node::Kind::IntLit:
    return line(E, "IntLit " + std::to_string(llvm::cast<IntLit>(E)->Value));
  case Node::Kind::NumberLit:
    return line(E, "NumberLit " + llvm::cast<NumberLit>(E)->Spelling);
  case Node::Kind::BoolLit:
    return line(E, llvm::cast<BoolLit>(E)->Value ? "BoolLit true" : "BoolLit false");
  case Node::Kind::NoneLit:
    return line(E, "NoneLit");
  case Node::Kind::DurationLit:
    return line(E, "DurationLit " + std::to_string(llvm::cast<DurationLit>(E)->milliseconds()) + "ms");
  case Node::Kind::SizeLit:
    return line(E, "SizeLit " + std::to_string(llvm::cast<SizeLit>(E)->bytes()) + "B");
  case Node::Kind::StringLit: {
    auto *S = llvm::cast<StringLit>(E);
    if (S->isPlain())
      return line(E, std::string(S->Raw ? "RawString " : "StringLit ") + quote(S->plainText()));
    line(E, "StringLit interpolated");
    Nest N(*this);
    for (const StringLit::Part &P : S->Parts) {
      if (P.Value)
        expr(P.Value);
      else
        OS.indent(Depth * 2) << "text " << quote(P.Text) << "\n";
    }
    return;
  }
  case Node::Kind::NameRef:
    return line(E, "NameRef " + llvm::cast<NameRef>(E)->Id.Name);
  case Node::Kind::Member: {
    auto *M = llvm::cast<Member>(E);
    line(E, "Member ." + M->Name.Name);
    Nest N(*this);
    return expr(M->Base);
  }
  case Node::Kind::Index: {
    auto *I = llvm::cast<Index>(E);
    line(E, "Index");
    Nest N(*this);
    expr(I->Base);
    return expr(I->Subscript);
  }
  case Node::Kind::Call: {
    auto *C = llvm::cast<Call>(E);
    line(E, "Call");
    Nest N(*this);
    expr(C->Callee);
    for (const Expr *A : C->Args)
      expr(A);
    return;
  }
  case Node::Kind::Unary: {
    auto *U = llvm::cast<Unary>(E);
    line(E, ("Unary " + spelling(U->Op)).str());
    Nest N(*this);
    return expr(U->Operand);
  }
  case Node::Kind::Binary: {
    auto *B = llvm::cast<Binary>(E);
    line(E, ("Binary " + spelling(B->Op)).str());
    Nest N(*this);
    expr(B->Lhs);
    return expr(B->Rhs);
  }
  case Node::Kind::Conditional: {
    auto *C = llvm::cast<Conditional>(E);
    line(E, "Conditional");
    Nest N(*this);
    expr(C->Cond);
    expr(C->Then);
    return expr(C->Else);
  }
  case Node::Kind::List: {
    line(E, "List");
    Nest N(*this);
    for (const Expr *X : llvm::cast<List>(E)->Elements)
      expr(X);
    return;
  }
  case Node::Kind::Object: {
    line(E, "Object");
    Nest N(*this);
    for (const Object::Field &F : llvm::cast<Object>(E)->Fields) {
      OS.indent(Depth * 2) << "field " << (F.QuotedKey ? quote(F.Key.Name) : F.Key.Name) << "\n";
      Nest N2(*this);
      expr(F.Value);
    }
    return;
  }
  case Node::Kind::ErrorExpr:
    return line(E, "ErrorExpr");
  default:
    return line(E, "?");
  }
}

static const char *typeHead(const TypeExpr *T) {
  switch (T->kind()) {
  case Node::Kind::ListType: return "ListType";
  case Node::Kind::MapType: return "MapType";
  case Node::Kind::RecordType: return "RecordType";
  case Node::Kind::UnionType: return "UnionType";
  case Node::Kind::OptionalType: return "OptionalType";
  default: return "ErrorType";
  }
}

void Dumper::type(const TypeExpr *T) {
  if (!T)
    return missing("type");
  if (auto *X = llvm::dyn_cast<NamedType>(T))
    return line(T, "NamedType " + X->dottedName());
  if (auto *X = llvm::dyn_cast<LiteralType>(T))
    return line(T, "LiteralType " + quote(X->Value));
  line(T, typeHead(T));
  Nest N(*this);
  if (auto *X = llvm::dyn_cast<ListType>(T))
    return type(X->Element);
  if (auto *X = llvm::dyn_cast<MapType>(T))
    return type(X->Value);
  if (auto *X = llvm::dyn_cast<OptionalType>(T))
    return type(X->Inner);
  if (auto *X = llvm::dyn_cast<UnionType>(T)) {
    for (const TypeExpr *M : X->Members)
      type(M);
    return;
  }
  if (auto *X = llvm::dyn_cast<RecordType>(T)) {
    for (const RecordType::Field &F : X->Fields) {
      OS.indent(Depth * 2) << "field " << F.Name.Name << (F.Optional ? "?" : "") << "\n";
      Nest N2(*this);
      type(F.Type);
    }
  }
}

} // namespace

void dump(const File &F, const SourceManager &SM, llvm::raw_ostream &OS) {
  Dumper D(SM, F.Id, OS);
  for (const Decl *X : F.Decls)
    D.decl(X);
}

} // namespace cfc::ast
