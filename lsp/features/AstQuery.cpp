// AstQuery — walking the AST and reading the catalog for the features.
#include "lsp/features/AstQuery.h"

#include "Catalog/Catalog.h"
#include "Catalog/CatalogText.h"

#include "llvm/Support/Path.h"

namespace cfc::lsp {

using namespace ast;

void forEachChild(const Node *N, llvm::function_ref<void(const Node *)> F) {
  if (!N)
    return;
  auto Visit = [&](const Node *C) {
    if (C)
      F(C);
  };
  if (auto *D = llvm::dyn_cast<Decl>(N))
    for (const Decorator *Dec : D->Decorators)
      Visit(Dec);
  switch (N->kind()) {
  case Node::Kind::StringLit:
    for (const auto &P : llvm::cast<StringLit>(N)->Parts)
      Visit(P.Value);
    break;
  case Node::Kind::Member:
    Visit(llvm::cast<Member>(N)->Base);
    break;
  case Node::Kind::Index:
    Visit(llvm::cast<Index>(N)->Base);
    Visit(llvm::cast<Index>(N)->Subscript);
    break;
  case Node::Kind::Call:
    Visit(llvm::cast<Call>(N)->Callee);
    for (const Expr *A : llvm::cast<Call>(N)->Args)
      Visit(A);
    break;
  case Node::Kind::Unary:
    Visit(llvm::cast<Unary>(N)->Operand);
    break;
  case Node::Kind::Binary:
    Visit(llvm::cast<Binary>(N)->Lhs);
    Visit(llvm::cast<Binary>(N)->Rhs);
    break;
  case Node::Kind::Conditional: {
    auto *C = llvm::cast<Conditional>(N);
    Visit(C->Cond);
    Visit(C->Then);
    Visit(C->Else);
    break;
  }
  case Node::Kind::List:
    for (const Expr *E : llvm::cast<List>(N)->Elements)
      Visit(E);
    break;
  case Node::Kind::Object:
    for (const auto &Fld : llvm::cast<Object>(N)->Fields)
      Visit(Fld.Value);
    break;
  case Node::Kind::ListType:
    Visit(llvm::cast<ListType>(N)->Element);
    break;
  case Node::Kind::MapType:
    Visit(llvm::cast<MapType>(N)->Value);
    break;
  case Node::Kind::RecordType:
    for (const auto &Fld : llvm::cast<RecordType>(N)->Fields)
      Visit(Fld.Type);
    break;
  case Node::Kind::UnionType:
    for (const TypeExpr *M : llvm::cast<UnionType>(N)->Members)
      Visit(M);
    break;
  case Node::Kind::OptionalType:
    Visit(llvm::cast<OptionalType>(N)->Inner);
    break;
  case Node::Kind::DescriptionDecl:
    Visit(llvm::cast<DescriptionDecl>(N)->Text);
    break;
  case Node::Kind::ParamDecl:
    Visit(llvm::cast<ParamDecl>(N)->Type);
    Visit(llvm::cast<ParamDecl>(N)->Default);
    break;
  case Node::Kind::LetDecl:
    Visit(llvm::cast<LetDecl>(N)->Type);
    Visit(llvm::cast<LetDecl>(N)->Value);
    break;
  case Node::Kind::ResourceDecl:
    Visit(llvm::cast<ResourceDecl>(N)->Type);
    Visit(llvm::cast<ResourceDecl>(N)->Body);
    break;
  case Node::Kind::OutputDecl:
    Visit(llvm::cast<OutputDecl>(N)->Type);
    Visit(llvm::cast<OutputDecl>(N)->Value);
    break;
  case Node::Kind::ForDecl:
    Visit(llvm::cast<ForDecl>(N)->Iterable);
    for (const Decl *D : llvm::cast<ForDecl>(N)->Body)
      Visit(D);
    break;
  case Node::Kind::ComponentDecl:
    for (const Decl *D : llvm::cast<ComponentDecl>(N)->Body)
      Visit(D);
    break;
  case Node::Kind::FnDecl: {
    auto *Fn = llvm::cast<FnDecl>(N);
    for (const auto &P : Fn->Params)
      Visit(P.Type);
    Visit(Fn->Result);
    Visit(Fn->Body);
    break;
  }
  case Node::Kind::TypeDecl:
    Visit(llvm::cast<TypeDecl>(N)->Type);
    break;
  case Node::Kind::AssertDecl:
    Visit(llvm::cast<AssertDecl>(N)->Cond);
    Visit(llvm::cast<AssertDecl>(N)->Message);
    break;
  case Node::Kind::Decorator:
    for (const Expr *A : llvm::cast<Decorator>(N)->Args)
      Visit(A);
    break;
  default:
    break;
  }
}

void forEachDecl(const std::vector<Decl *> &Decls, llvm::function_ref<void(const Decl *)> F) {
  for (const Decl *D : Decls) {
    if (!D)
      continue;
    F(D);
    if (auto *C = llvm::dyn_cast<ComponentDecl>(D))
      forEachDecl(C->Body, F);
    else if (auto *L = llvm::dyn_cast<ForDecl>(D))
      forEachDecl(L->Body, F);
  }
}

std::vector<const Node *> nodesAt(const File &F, uint32_t Offset) {
  std::vector<const Node *> Path;
  auto Covers = [&](const Node *N) {
    return N->range().Begin <= Offset && Offset <= N->range().End;
  };
  const Node *Current = nullptr;
  for (const Decl *D : F.Decls)
    if (D && Covers(D))
      Current = D;
  // The AST nests by range, so one descent finds the innermost node; the
  // depth is bounded by the parser's nesting limits.
  while (Current) {
    Path.push_back(Current);
    const Node *Next = nullptr;
    forEachChild(Current, [&](const Node *C) {
      if (!Next && Covers(C))
        Next = C;
    });
    Current = Next;
  }
  return Path;
}

namespace {

/// The component a dotted type name means in Doc: `Site` declared in the
/// document or another file of its stack, or `storage.Bucket` from an import.
ResolvedResource findComponent(const ParsedDocument &Doc, llvm::StringRef Dotted) {
  ResolvedResource R;
  // Not a structured binding: clang 14 cannot capture one in a lambda.
  auto Parts = Dotted.split('.');
  llvm::StringRef Head = Parts.first, Tail = Parts.second;
  if (Tail.empty()) {
    auto Find = [&](const File &F) {
      forEachDecl(F.Decls, [&](const Decl *D) {
        if (auto *C = llvm::dyn_cast<ComponentDecl>(D); C && !R.Component && C->Name.Name == Head) {
          R.Component = C;
          R.ComponentFile = F.Id;
        }
      });
    };
    Find(*Doc.Ast);
    for (const auto &F : Doc.Comp->files())
      if (F.get() != Doc.Ast)
        Find(*F);
    return R;
  }
  for (const Decl *D : Doc.Ast->Decls) {
    auto *I = llvm::dyn_cast_or_null<ImportDecl>(D);
    if (!I)
      continue;
    if (importName(*I) != Head)
      continue;
    const File *M = Doc.module(*I);
    if (!M)
      return R;
    for (const Decl *MD : M->Decls)
      if (auto *C = llvm::dyn_cast_or_null<ComponentDecl>(MD); C && C->Name.Name == Tail) {
        R.Component = C;
        R.ComponentFile = M->Id;
      }
  }
  return R;
}

} // namespace

ResolvedResource resolveTypeName(const ParsedDocument &Doc, llvm::StringRef Dotted) {
  ResolvedResource R;
  if (Dotted.empty())
    return R;
  R = findComponent(Doc, Dotted);
  if (!R.Component)
    R.Aws = catalog::Catalog::builtin().lookup(Dotted);
  return R;
}

ResolvedResource resolveResource(const ParsedDocument &Doc, const ResourceDecl *D) {
  ResolvedResource R;
  if (auto It = Doc.Index.Resources.find(D); It != Doc.Index.Resources.end()) {
    R.Component = It->second.Component;
    R.ComponentFile = It->second.ComponentFile;
    if (!It->second.CfnType.empty())
      R.Aws = catalog::Catalog::builtin().lookup(It->second.CfnType);
    if (R)
      return R;
  }
  return D->Type ? resolveTypeName(Doc, D->Type->dottedName()) : R;
}

namespace {
const catalog::StructType *structOf(const catalog::PropertyType *T) {
  while (T) {
    if (T->Kind == catalog::TypeKind::Struct)
      return T->Struct;
    if (T->Kind == catalog::TypeKind::List || T->Kind == catalog::TypeKind::Map) {
      T = T->Element;
      continue;
    }
    if (T->Kind == catalog::TypeKind::Union) {
      for (const catalog::PropertyType *M : T->Members)
        if (const catalog::StructType *S = structOf(M))
          return S;
    }
    return nullptr;
  }
  return nullptr;
}

const catalog::Property *findIn(const std::vector<catalog::Property> &Props, llvm::StringRef Name) {
  for (const catalog::Property &P : Props)
    if (P.Name == Name)
      return &P;
  return nullptr;
}
} // namespace

const std::vector<catalog::Property> *propertiesAt(const catalog::ResourceType &T,
                                                   const std::vector<std::string> &Path) {
  const std::vector<catalog::Property> *Props = &T.Properties;
  for (const std::string &Key : Path) {
    const catalog::Property *P = findIn(*Props, Key);
    const catalog::StructType *S = P ? structOf(P->Type) : nullptr;
    if (!S)
      return nullptr;
    Props = &S->Properties;
  }
  return Props;
}

const catalog::Property *propertyAt(const catalog::ResourceType &T,
                                    const std::vector<std::string> &Path) {
  if (Path.empty())
    return nullptr;
  std::vector<std::string> Parent(Path.begin(), Path.end() - 1);
  const std::vector<catalog::Property> *Props = propertiesAt(T, Parent);
  return Props ? findIn(*Props, Path.back()) : nullptr;
}

llvm::ArrayRef<PseudoParameter> pseudoParameters() {
  static const PseudoParameter Table[] = {
      {"region", "AWS::Region"},       {"accountId", "AWS::AccountId"},
      {"partition", "AWS::Partition"}, {"stackName", "AWS::StackName"},
      {"stackId", "AWS::StackId"},     {"urlSuffix", "AWS::URLSuffix"},
      {"notificationArns", "AWS::NotificationARNs"}};
  return Table;
}

std::string describe(const catalog::PropertyType *T) {
  // The same spelling as `cfc describe`: types in cfc's own syntax.
  return T ? catalog::spell(*T) : "unknown";
}

std::string importName(const ImportDecl &I) {
  if (I.Name.valid())
    return I.Name.Name;
  if (!I.Module.empty())
    return I.Module.back().Name;
  return llvm::sys::path::stem(I.Path).str();
}

bool isRequiredParam(const ParamDecl &P) {
  return !P.Default && P.Type && !llvm::isa<OptionalType>(P.Type);
}

std::string sourceText(const ParsedDocument &Doc, FileId File, SourceRange R) {
  llvm::StringRef Text = Doc.sources().text(File);
  if (R.Begin > R.End || R.End > Text.size())
    return "";
  return Text.slice(R.Begin, R.End).str();
}

std::string signature(const ParsedDocument &Doc, const Decl &D, FileId File) {
  auto TypeOf = [&](const TypeExpr *T) {
    return T ? ": " + sourceText(Doc, File, T->range()) : std::string();
  };
  switch (D.kind()) {
  case Node::Kind::ParamDecl: {
    auto &P = llvm::cast<ParamDecl>(D);
    std::string S = "param " + P.Name.Name + TypeOf(P.Type);
    if (P.Default)
      S += " = " + sourceText(Doc, File, P.Default->range());
    return S;
  }
  case Node::Kind::LetDecl: {
    // A short value says more than its name; a long one is left out.
    auto &L = llvm::cast<LetDecl>(D);
    std::string S = "let " + L.Name.Name + TypeOf(L.Type);
    std::string Value = L.Value ? sourceText(Doc, File, L.Value->range()) : "";
    if (!Value.empty() && Value.size() <= 60 && Value.find('\n') == std::string::npos)
      S += " = " + Value;
    return S;
  }
  case Node::Kind::ResourceDecl: {
    auto &R = llvm::cast<ResourceDecl>(D);
    std::string S = "resource " + R.Name.Name;
    if (R.Type) {
      S += ' ';
      S += R.Type->dottedName();
    }
    return S;
  }
  case Node::Kind::OutputDecl:
    return "output " + D.Name.Name + TypeOf(llvm::cast<OutputDecl>(D).Type);
  case Node::Kind::ComponentDecl: {
    std::string S = "component " + D.Name.Name + "(";
    bool First = true;
    for (const Decl *B : llvm::cast<ComponentDecl>(D).Body)
      if (auto *P = llvm::dyn_cast_or_null<ParamDecl>(B)) {
        S += (First ? "" : ", ") + P->Name.Name + TypeOf(P->Type);
        First = false;
      }
    return S + ")";
  }
  case Node::Kind::FnDecl: {
    auto &F = llvm::cast<FnDecl>(D);
    std::string S = "fn " + F.Name.Name + "(";
    for (size_t I = 0; I < F.Params.size(); ++I)
      S += (I ? ", " : "") + F.Params[I].Name.Name + TypeOf(F.Params[I].Type);
    S += ")";
    if (F.Result)
      S += " -> " + sourceText(Doc, File, F.Result->range());
    return S;
  }
  case Node::Kind::TypeDecl:
    return "type " + D.Name.Name + " = " +
           (llvm::cast<TypeDecl>(D).Type ? sourceText(Doc, File, llvm::cast<TypeDecl>(D).Type->range()) : "");
  case Node::Kind::ImportDecl:
    return sourceText(Doc, File, D.range());
  case Node::Kind::ForDecl:
    return "for " + D.Name.Name;
  default:
    return D.Name.Name;
  }
}

} // namespace cfc::lsp
