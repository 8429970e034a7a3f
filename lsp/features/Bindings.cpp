// Bindings — the scope walk. It mirrors the evaluator's scoping
// (compiler/Sema/EvalDecls.cpp, Components.cpp, Builtins.cpp): the stack's
// files share one scope; a component's params and body, a loop iteration's
// variables and body, and a function's parameters each have a scope whose
// parent is where they are written; a module is a scope of its own whose
// names are reached as `module.name`; a loop's resources are also names
// around the loop.
#include "lsp/features/Bindings.h"

#include "lsp/features/AstQuery.h"

#include <algorithm>

namespace cfc::lsp {

using namespace ast;

const BindingScope *BindingScope::scopeOf(const std::string &Name) const {
  for (const BindingScope *S = this; S; S = S->Parent)
    if (S->Names.count(Name))
      return S;
  return nullptr;
}

const Binding *BindingScope::lookup(const std::string &Name) const {
  const BindingScope *S = scopeOf(Name);
  return S ? S->Names.at(Name) : nullptr;
}

class BindingWalker {
public:
  BindingWalker(const ParsedDocument &Doc, Bindings &Out) : Doc(Doc), Out(Out) {}

  void run() {
    BindingScope &Stack = newScope(BindingScope::Kind::Stack, nullptr);
    for (const auto &F : Doc.Comp->files())
      for (const Decl *D : F->Decls)
        declare(Stack, D, F->Id);
    for (const auto &F : Doc.Comp->files())
      for (const Decl *D : F->Decls)
        walkDecl(Stack, D, F->Id);
    preferIndex();
  }

private:
  BindingScope &newScope(BindingScope::Kind K, const BindingScope *Parent) {
    BindingScope &S = Out.Scopes.emplace_back();
    S.K = K;
    S.Parent = Parent;
    S.Depth = Parent ? Parent->Depth + 1 : 0;
    return S;
  }

  /// Records a name as written, when the text there is that name (a quoted
  /// key's range has its quotes: the name is inside them).
  void record(NameOccurrence::Role R, const Identifier &Id, const Binding *Target,
              const BindingScope &S, FileId File) {
    if (!Id.valid())
      return;
    SourceRange Range = Id.Range;
    llvm::StringRef Text = Doc.sources().text(File);
    if (Range.End > Text.size() || Range.Begin > Range.End)
      return;
    llvm::StringRef Written = Text.slice(Range.Begin, Range.End);
    if (Written.size() == Id.Name.size() + 2 && Written.front() == '"')
      Range = {Range.Begin + 1, Range.End - 1};
    else if (Written != Id.Name)
      return; // An escaped quoted key: left as it is.
    Out.Occurrences.push_back({R, File, Range, Id.Name, Target, &S});
  }

  /// Declares a name in S (the first declaration wins, as in the
  /// evaluator, which reports the others) and records its declaration.
  Binding &bind(BindingScope &S, Binding::Kind K, const Identifier *Id, std::string Name,
                const Decl *D, FileId File) {
    Binding &B = Out.All.emplace_back();
    B.K = K, B.Name = std::move(Name), B.Id = Id, B.Decl = D, B.File = File, B.Scope = &S;
    S.Names.emplace(B.Name, &B);
    if (Id)
      record(NameOccurrence::Role::Declaration, *Id, &B, S, File);
    ByDecl.emplace(D, &B);
    return B;
  }

  void declare(BindingScope &S, const Decl *D, FileId File) {
    if (!D)
      return;
    auto Named = [&](Binding::Kind K) {
      if (D->Name.valid())
        bind(S, K, &D->Name, D->Name.Name, D, File);
    };
    switch (D->kind()) {
    case Node::Kind::ParamDecl: return Named(Binding::Kind::Param);
    case Node::Kind::LetDecl: return Named(Binding::Kind::Let);
    case Node::Kind::ResourceDecl: return Named(Binding::Kind::Resource);
    case Node::Kind::FnDecl: return Named(Binding::Kind::Fn);
    case Node::Kind::TypeDecl: return Named(Binding::Kind::TypeAlias);
    case Node::Kind::ComponentDecl: {
      Named(Binding::Kind::Component);
      BindingScope &Body = newScope(BindingScope::Kind::Component, &S);
      ComponentScopes[D] = &Body;
      for (const Decl *Inner : llvm::cast<ComponentDecl>(D)->Body)
        declare(Body, Inner, File);
      return;
    }
    case Node::Kind::ForDecl:
      // The loop's resources are names around it too (lists of instances);
      // walkDecl declares them again, as the same bindings, in the loop.
      for (const Decl *Inner : llvm::cast<ForDecl>(D)->Body)
        if (auto *R = llvm::dyn_cast_or_null<ResourceDecl>(Inner); R && R->Name.valid())
          LoopResources[R] = &bind(S, Binding::Kind::Resource, &R->Name, R->Name.Name, R, File);
      return;
    case Node::Kind::ImportDecl: {
      auto *I = llvm::cast<ImportDecl>(D);
      Binding &B = bind(S, Binding::Kind::Import, I->Name.valid() ? &I->Name : nullptr, importName(*I),
                        D, File);
      B.Module = moduleScope(*I);
      return;
    }
    default:
      return; // Descriptions, outputs and assertions declare no name.
    }
  }

  /// The scope of an imported module, walked once however often imported.
  /// (What the analysis loaded: the first file of a folder module.)
  const BindingScope *moduleScope(const ImportDecl &I) {
    const File *M = Doc.module(I);
    if (!M)
      return nullptr;
    if (auto It = Modules.find(M); It != Modules.end())
      return It->second;
    BindingScope &S = newScope(BindingScope::Kind::Module, nullptr);
    Modules[M] = &S; // Before walking: a module may import itself.
    for (const Decl *D : M->Decls)
      declare(S, D, M->Id);
    for (const Decl *D : M->Decls)
      walkDecl(S, D, M->Id);
    return &S;
  }

  void walkDecl(BindingScope &S, const Decl *D, FileId File) {
    if (!D)
      return;
    for (const Decorator *Dec : D->Decorators)
      for (const Expr *A : Dec->Args)
        walkExpr(S, A, File);
    switch (D->kind()) {
    case Node::Kind::DescriptionDecl:
      return walkExpr(S, llvm::cast<DescriptionDecl>(D)->Text, File);
    case Node::Kind::ParamDecl:
      walkType(S, llvm::cast<ParamDecl>(D)->Type, File);
      return walkExpr(S, llvm::cast<ParamDecl>(D)->Default, File);
    case Node::Kind::LetDecl:
      walkType(S, llvm::cast<LetDecl>(D)->Type, File);
      return walkExpr(S, llvm::cast<LetDecl>(D)->Value, File);
    case Node::Kind::OutputDecl:
      walkType(S, llvm::cast<OutputDecl>(D)->Type, File);
      return walkExpr(S, llvm::cast<OutputDecl>(D)->Value, File);
    case Node::Kind::TypeDecl:
      return walkType(S, llvm::cast<TypeDecl>(D)->Type, File);
    case Node::Kind::AssertDecl:
      walkExpr(S, llvm::cast<AssertDecl>(D)->Cond, File);
      return walkExpr(S, llvm::cast<AssertDecl>(D)->Message, File);
    case Node::Kind::ResourceDecl:
      return walkResource(S, llvm::cast<ResourceDecl>(D), File);
    case Node::Kind::ComponentDecl:
      for (const Decl *Inner : llvm::cast<ComponentDecl>(D)->Body)
        walkDecl(*ComponentScopes.at(D), Inner, File);
      return;
    case Node::Kind::FnDecl:
      return walkFn(S, llvm::cast<FnDecl>(D), File);
    case Node::Kind::ForDecl:
      return walkFor(S, llvm::cast<ForDecl>(D), File);
    default:
      return;
    }
  }

  void walkFn(BindingScope &S, const FnDecl *Fn, FileId File) {
    // Parameter types name what is visible where the fn is written.
    BindingScope &Frame = newScope(BindingScope::Kind::Function, &S);
    for (const FnDecl::Param &P : Fn->Params) {
      walkType(S, P.Type, File);
      if (P.Name.valid())
        bind(Frame, Binding::Kind::FnParameter, &P.Name, P.Name.Name, Fn, File);
    }
    walkType(Frame, Fn->Result, File);
    walkExpr(Frame, Fn->Body, File);
  }

  void walkFor(BindingScope &S, const ForDecl *L, FileId File) {
    walkExpr(S, L->Iterable, File);
    BindingScope &Iteration = newScope(BindingScope::Kind::Loop, &S);
    if (L->IndexVar.valid())
      bind(Iteration, Binding::Kind::LoopVariable, &L->IndexVar, L->IndexVar.Name, L, File);
    if (L->Name.valid())
      bind(Iteration, Binding::Kind::LoopVariable, &L->Name, L->Name.Name, L, File);
    for (const Decl *Inner : L->Body) {
      auto It = LoopResources.find(Inner);
      if (It == LoopResources.end()) {
        declare(Iteration, Inner, File);
        continue;
      }
      Binding &B = *It->second;
      B.Outer = B.Scope;
      B.Scope = &Iteration;
      Iteration.Names.emplace(B.Name, &B);
    }
    for (const Decl *Inner : L->Body)
      walkDecl(Iteration, Inner, File);
  }

  void walkResource(BindingScope &S, const ResourceDecl *R, FileId File) {
    const Binding *Component = R->Type ? typeName(S, R->Type, Binding::Kind::Component, File) : nullptr;
    if (!R->Body)
      return;
    const BindingScope *Params = nullptr;
    if (Component)
      if (auto It = ComponentScopes.find(Component->Decl); It != ComponentScopes.end())
        Params = It->second;
    for (const Object::Field &F : R->Body->Fields) {
      if (Params)
        if (auto It = Params->Names.find(F.Key.Name);
            It != Params->Names.end() && It->second->K == Binding::Kind::Param)
          record(NameOccurrence::Role::ComponentArgument, F.Key, It->second, S, File);
      walkExpr(S, F.Value, File);
    }
  }

  /// A named type (`Site`, `net.Network`, `Port`): records the names that
  /// lead to a declaration of kind K; returns that declaration.
  const Binding *typeName(const BindingScope &S, const NamedType *T, Binding::Kind K, FileId File) {
    if (T->Path.size() == 1) {
      const Binding *B = S.lookup(T->Path[0].Name);
      if (!B || B->K != K)
        return nullptr;
      record(NameOccurrence::Role::Use, T->Path[0], B, S, File);
      return B;
    }
    if (T->Path.size() != 2)
      return nullptr; // `aws.s3.Bucket`.
    const Binding *Import = S.lookup(T->Path[0].Name);
    if (!Import || Import->K != Binding::Kind::Import)
      return nullptr;
    record(NameOccurrence::Role::Use, T->Path[0], Import, S, File);
    const Binding *B = memberOf(*Import, T->Path[1].Name);
    if (B && B->K != K)
      B = nullptr;
    record(NameOccurrence::Role::ModuleMember, T->Path[1], B, S, File);
    return B;
  }

  static const Binding *memberOf(const Binding &Import, const std::string &Name) {
    if (!Import.Module)
      return nullptr;
    auto It = Import.Module->Names.find(Name);
    return It == Import.Module->Names.end() ? nullptr : It->second;
  }

  void walkType(const BindingScope &S, const TypeExpr *T, FileId File) {
    if (!T)
      return;
    if (auto *N = llvm::dyn_cast<NamedType>(T)) {
      typeName(S, N, Binding::Kind::TypeAlias, File);
      return;
    }
    forEachChild(T, [&](const Node *C) {
      if (auto *Inner = llvm::dyn_cast<TypeExpr>(C))
        walkType(S, Inner, File);
    });
  }

  void walkExpr(const BindingScope &S, const Expr *E, FileId File) {
    if (!E)
      return;
    if (auto *N = llvm::dyn_cast<NameRef>(E)) {
      record(NameOccurrence::Role::Use, N->Id, S.lookup(N->Id.Name), S, File);
      return;
    }
    if (auto *M = llvm::dyn_cast<Member>(E)) {
      auto *Base = llvm::dyn_cast_or_null<NameRef>(M->Base);
      const Binding *Import = Base ? S.lookup(Base->Id.Name) : nullptr;
      if (Import && Import->K == Binding::Kind::Import) {
        record(NameOccurrence::Role::Use, Base->Id, Import, S, File);
        record(NameOccurrence::Role::ModuleMember, M->Name, memberOf(*Import, M->Name.Name), S, File);
        return;
      }
      walkExpr(S, M->Base, File); // An attribute or a field: no declared name.
      return;
    }
    forEachChild(E, [&](const Node *C) {
      if (auto *Inner = llvm::dyn_cast<Expr>(C))
        walkExpr(S, Inner, File);
    });
  }

  /// Where lowering recorded a use, its declaration is the truth (it knows,
  /// say, which of a component's params were bound when a default ran).
  void preferIndex() {
    std::map<std::pair<FileId, uint32_t>, const ast::Decl *> Recorded;
    for (const SemanticIndex::Use &U : Doc.Index.Uses)
      if (U.Decl)
        Recorded.emplace(std::make_pair(U.File, U.Range.Begin), U.Decl);
    for (NameOccurrence &O : Out.Occurrences) {
      if (O.R == NameOccurrence::Role::Declaration || O.R == NameOccurrence::Role::ComponentArgument)
        continue;
      auto It = Recorded.find({O.File, O.Range.Begin});
      if (It == Recorded.end() || (O.Target && O.Target->Decl == It->second))
        continue;
      auto [First, Last] = ByDecl.equal_range(It->second);
      for (auto B = First; B != Last; ++B)
        if (B->second->Name == O.Name)
          O.Target = B->second;
    }
  }

  const ParsedDocument &Doc;
  Bindings &Out;
  std::map<const Decl *, BindingScope *> ComponentScopes;
  std::map<const Decl *, Binding *> LoopResources;
  std::map<const File *, const BindingScope *> Modules;
  std::multimap<const Decl *, const Binding *> ByDecl;
};

Bindings::Bindings(const ParsedDocument &Doc) { BindingWalker(Doc, *this).run(); }

const NameOccurrence *Bindings::at(FileId File, uint32_t Offset) const {
  const NameOccurrence *Found = nullptr;
  for (const NameOccurrence &O : Occurrences) {
    if (O.File != File || Offset < O.Range.Begin || Offset > O.Range.End)
      continue;
    if (Offset < O.Range.End)
      return &O; // Inside the name: no other name can be there.
    Found = &O;  // Right after it (`net|.tag`): unless another name starts here.
  }
  return Found;
}

std::vector<const NameOccurrence *> Bindings::occurrencesOf(const Binding &B) const {
  std::vector<const NameOccurrence *> Result;
  for (const NameOccurrence &O : Occurrences)
    if (O.Target == &B)
      Result.push_back(&O);
  std::sort(Result.begin(), Result.end(), [](const NameOccurrence *A, const NameOccurrence *C) {
    return std::make_pair(A->File, A->Range.Begin) < std::make_pair(C->File, C->Range.Begin);
  });
  // A name written once and recorded twice (a loop resource) is one place.
  Result.erase(std::unique(Result.begin(), Result.end(),
                           [](const NameOccurrence *A, const NameOccurrence *C) {
                             return A->File == C->File && A->Range.Begin == C->Range.Begin;
                           }),
               Result.end());
  return Result;
}

} // namespace cfc::lsp

namespace cfc::lsp {

const Bindings &ParsedDocument::bindings() const {
  // Several threads may ask at once (the worker, completion on the reading
  // thread): one walks, the others wait for it.
  std::call_once(BindingsCache.Once, [this] { BindingsCache.Made = std::make_shared<const Bindings>(*this); });
  return *BindingsCache.Made;
}

} // namespace cfc::lsp
