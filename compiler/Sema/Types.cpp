// Types — values against declared types (`param x: int`, `let y: [string]`,
// records, unions of literals, optionals, aliases, resource types).
#include "Sema/Evaluator.h"

#include "Catalog/Catalog.h"

#include "llvm/ADT/StringExtras.h"

namespace cfc::sema {

using namespace ast;
using ir::DeployType;

std::string Evaluator::typeName(const TypeExpr *T) {
  if (!T)
    return "?";
  if (auto *X = llvm::dyn_cast<NamedType>(T))
    return X->dottedName();
  if (auto *X = llvm::dyn_cast<LiteralType>(T))
    return "\"" + X->Value + "\"";
  if (auto *X = llvm::dyn_cast<ListType>(T))
    return "[" + typeName(X->Element) + "]";
  if (auto *X = llvm::dyn_cast<MapType>(T))
    return "{string: " + typeName(X->Value) + "}";
  if (auto *X = llvm::dyn_cast<OptionalType>(T))
    return typeName(X->Inner) + "?";
  if (auto *X = llvm::dyn_cast<UnionType>(T)) {
    std::vector<std::string> Parts;
    for (const TypeExpr *M : X->Members)
      Parts.push_back(typeName(M));
    return llvm::join(Parts, " | ");
  }
  if (auto *X = llvm::dyn_cast<RecordType>(T)) {
    std::vector<std::string> Parts;
    for (const RecordType::Field &F : X->Fields)
      Parts.push_back(F.Name.Name + (F.Optional ? "?: " : ": ") + typeName(F.Type));
    return "{" + llvm::join(Parts, ", ") + "}";
  }
  return "?";
}

namespace {

const char *const BuiltinTypes[] = {"string", "secret", "int", "number", "bool", "json", "duration", "size"};

bool isBuiltinType(llvm::StringRef Name) {
  return std::find(std::begin(BuiltinTypes), std::end(BuiltinTypes), Name) != std::end(BuiltinTypes);
}

/// The type alias a one-part type name refers to in S, or null.
Symbol *aliasFor(Scope &S, const NamedType *N) {
  if (N->Path.size() != 1)
    return nullptr;
  Symbol *Sym = S.lookup(N->Path[0].Name);
  return Sym && Sym->K == Symbol::Kind::TypeAlias ? Sym : nullptr;
}

/// The scope an alias's own type names resolve in.
Scope &homeOf(Symbol &Alias, Scope &Fallback) { return Alias.Home ? *Alias.Home : Fallback; }

/// Finds the first type name in a type, aliases looked through, that
/// cannot be used: one that names nothing, or an alias defined in terms of
/// itself with no list, map or record in between (`type A = A | string`),
/// which checking a value against would never finish. Recursion through a
/// list, map or record is fine (`type Tree = {kids: [Tree]}`): values are
/// finite. This runs before any value is compared, so an unknown name is
/// reported even where the value happens to fit (`let a: [Zone] = []`).
struct NameChecker {
  explicit NameChecker(Evaluator &Ev) : Ev(Ev) {}
  Evaluator &Ev;
  std::vector<const Symbol *> Open;      ///< Aliases being walked.
  std::vector<const Symbol *> Unguarded; ///< Those entered with no structure since.
  std::vector<const Symbol *> Done;
  const NamedType *Bad = nullptr; ///< Where it was written: file and scope.
  FileId BadFile = 0;
  Scope *BadScope = nullptr;
  bool BadIsCycle = false;
  std::vector<const Symbol *> Cycle; ///< The aliases of the cycle found.

  static bool has(const std::vector<const Symbol *> &List, const Symbol *Sym) {
    return std::find(List.begin(), List.end(), Sym) != List.end();
  }

  bool fail(const NamedType *N, Scope &S, FileId File, bool Cycle) {
    Bad = N, BadScope = &S, BadFile = File, BadIsCycle = Cycle;
    return false;
  }

  /// False (with Bad set) at the first unusable name.
  bool walk(const TypeExpr *T, Scope &S, FileId File) {
    if (!T)
      return true;
    if (auto *N = llvm::dyn_cast<NamedType>(T))
      return name(N, S, File);
    if (auto *O = llvm::dyn_cast<OptionalType>(T))
      return walk(O->Inner, S, File);
    if (auto *U = llvm::dyn_cast<UnionType>(T))
      return std::all_of(U->Members.begin(), U->Members.end(),
                         [&](const TypeExpr *M) { return walk(M, S, File); });
    // A list, map or record: an alias met below it again is guarded.
    std::vector<const Symbol *> Saved;
    std::swap(Saved, Unguarded);
    bool Ok = structure(T, S, File);
    std::swap(Saved, Unguarded);
    return Ok;
  }

  bool structure(const TypeExpr *T, Scope &S, FileId File) {
    if (auto *L = llvm::dyn_cast<ListType>(T))
      return walk(L->Element, S, File);
    if (auto *M = llvm::dyn_cast<MapType>(T))
      return walk(M->Value, S, File);
    if (auto *R = llvm::dyn_cast<RecordType>(T))
      return std::all_of(R->Fields.begin(), R->Fields.end(),
                         [&](const RecordType::Field &F) { return walk(F.Type, S, File); });
    return true; // Literals; error types, reported by the parser.
  }

  bool name(const NamedType *N, Scope &S, FileId File) {
    std::string Name = N->dottedName();
    if (isBuiltinType(Name))
      return true;
    if (Symbol *Alias = aliasFor(S, N)) {
      if (has(Unguarded, Alias)) {
        Cycle.assign(std::find(Unguarded.begin(), Unguarded.end(), Alias), Unguarded.end());
        return fail(N, S, File, /*Cycle=*/true);
      }
      if (has(Open, Alias) || has(Done, Alias))
        return true;
      Open.push_back(Alias);
      Unguarded.push_back(Alias);
      bool Ok = walk(llvm::cast<TypeDecl>(Alias->Decl)->Type, homeOf(*Alias, S), Alias->File);
      Unguarded.pop_back();
      Open.pop_back();
      Done.push_back(Alias);
      return Ok;
    }
    if (Ev.Catalog && Ev.Catalog->lookup(Name))
      return true;
    return fail(N, S, File, /*Cycle=*/false);
  }
};

/// Whether V has type T. The names in T were checked by NameChecker, so
/// every alias expansion here is guarded by the value's structure.
struct Matcher {
  Evaluator &Ev;
  Scope &S;

  bool scalar(const Value &V, llvm::StringRef Name) {
    bool Deploy = V.kind() == Value::Kind::Intrinsic;
    DeployType D = V.deployType();
    if (Name == "string" || Name == "secret")
      return V.kind() == Value::Kind::String || (Deploy && D == DeployType::String);
    if (Name == "int")
      return V.kind() == Value::Kind::Int || (Deploy && D == DeployType::Number);
    if (Name == "number")
      return V.kind() == Value::Kind::Int || V.kind() == Value::Kind::Number ||
             (Deploy && D == DeployType::Number);
    if (Name == "bool")
      return V.kind() == Value::Kind::Bool ||
             (Deploy && (D == DeployType::Bool || D == DeployType::Condition));
    if (Name == "json")
      return true;
    if (Name == "duration")
      return V.kind() == Value::Kind::Duration;
    if (Name == "size")
      return V.kind() == Value::Kind::Size;
    return false;
  }

  bool named(const Value &V, const NamedType *N) {
    std::string Name = N->dottedName();
    if (isBuiltinType(Name))
      return scalar(V, Name);
    if (Symbol *Alias = aliasFor(S, N)) {
      Matcher Inner{Ev, homeOf(*Alias, S)};
      return Inner.matches(V, llvm::cast<TypeDecl>(Alias->Decl)->Type);
    }
    if (Ev.Catalog)
      if (const catalog::ResourceType *RT = Ev.Catalog->lookup(Name))
        return V.kind() == Value::Kind::Intrinsic && V.refersToType() == RT->CfnType &&
               V.refersToAttribute().empty();
    return false;
  }

  bool matches(const Value &V, const TypeExpr *T) {
    if (!T || llvm::isa<ErrorType>(T))
      return true; // Reported by the parser.
    if (auto *N = llvm::dyn_cast<NamedType>(T))
      return named(V, N);
    if (auto *L = llvm::dyn_cast<LiteralType>(T))
      return V.kind() == Value::Kind::String && V.text() == L->Value;
    if (auto *O = llvm::dyn_cast<OptionalType>(T))
      return V.kind() == Value::Kind::None || matches(V, O->Inner);
    if (auto *U = llvm::dyn_cast<UnionType>(T))
      return std::any_of(U->Members.begin(), U->Members.end(), [&](const TypeExpr *M) { return matches(V, M); });
    if (auto *L = llvm::dyn_cast<ListType>(T)) {
      if (V.kind() == Value::Kind::Intrinsic)
        return V.deployType() == DeployType::StringList || V.deployType() == DeployType::Json;
      return V.kind() == Value::Kind::List &&
             std::all_of(V.elements().begin(), V.elements().end(),
                         [&](const ValuePtr &E) { return matches(*E, L->Element); });
    }
    if (auto *M = llvm::dyn_cast<MapType>(T))
      return V.kind() == Value::Kind::Object &&
             std::all_of(V.fields().begin(), V.fields().end(),
                         [&](const auto &F) { return matches(*F.second, M->Value); });
    if (auto *R = llvm::dyn_cast<RecordType>(T))
      return record(V, R);
    return false;
  }

  bool record(const Value &V, const RecordType *R) {
    if (V.kind() != Value::Kind::Object)
      return false;
    for (const RecordType::Field &F : R->Fields) {
      ValuePtr FV = V.field(F.Name.Name);
      if (FV && F.Optional && FV->kind() == Value::Kind::None)
        continue; // Left out, or completed with none.
      if (!FV ? !F.Optional : !matches(*FV, F.Type))
        return false;
    }
    return std::all_of(V.fields().begin(), V.fields().end(), [&](const auto &F) {
      return std::any_of(R->Fields.begin(), R->Fields.end(),
                         [&](const RecordType::Field &RF) { return RF.Name.Name == F.first; });
    });
  }
};

/// Where a value that does not have its type goes wrong: the innermost part
/// that is still wrong on its own (an element of a list, a field of a
/// record, the one record of a union the value was meant to be), so that
/// `events: [{queue: uploads}]` is reported at `uploads` as "wants
/// aws.sqs.Queue", not at the list as a union of seven records.
struct Culprit {
  const Value *V;
  const TypeExpr *T;
  std::string Path; ///< How to reach V from the whole value: "[0].queue".
};

struct CulpritFinder {
  Evaluator &Ev;

  /// T with aliases looked through (in the scope they were written in).
  const TypeExpr *resolve(const TypeExpr *T, Scope *&S) {
    for (unsigned Depth = 0; Depth < 64; ++Depth) {
      auto *N = llvm::dyn_cast_or_null<NamedType>(T);
      Symbol *Alias = N ? aliasFor(*S, N) : nullptr;
      if (!Alias)
        return T;
      S = &homeOf(*Alias, *S);
      T = llvm::cast<TypeDecl>(Alias->Decl)->Type;
    }
    return T;
  }

  /// The record of a union that an object was meant to be: the one with
  /// the most field names in common with it, when no other has as many.
  const RecordType *intendedRecord(const Value &V, const UnionType *U, Scope *&S) {
    const RecordType *Best = nullptr;
    Scope *BestScope = S;
    size_t BestShared = 0;
    bool Tie = false;
    for (const TypeExpr *M : U->Members) {
      Scope *MS = S;
      auto *R = llvm::dyn_cast_or_null<RecordType>(resolve(M, MS));
      if (!R)
        continue;
      size_t Shared = std::count_if(R->Fields.begin(), R->Fields.end(),
                                    [&](const RecordType::Field &F) { return V.field(F.Name.Name) != nullptr; });
      if (Shared > BestShared)
        Best = R, BestScope = MS, BestShared = Shared, Tie = false;
      else if (Shared == BestShared && Shared > 0)
        Tie = true;
    }
    if (Tie || !Best)
      return nullptr;
    S = BestScope;
    return Best;
  }

  Culprit find(const Value &V, const TypeExpr *T, Scope *S, std::string Path) {
    T = resolve(T, S);
    Culprit Here{&V, T, Path};
    if (auto *O = llvm::dyn_cast_or_null<OptionalType>(T))
      return find(V, O->Inner, S, Path);
    if (auto *U = llvm::dyn_cast_or_null<UnionType>(T)) {
      const RecordType *R = V.kind() == Value::Kind::Object ? intendedRecord(V, U, S) : nullptr;
      return R ? find(V, R, S, Path) : Here;
    }
    if (auto *L = llvm::dyn_cast_or_null<ListType>(T)) {
      if (V.kind() != Value::Kind::List)
        return Here;
      Matcher M{Ev, *S};
      for (size_t I = 0; I < V.elements().size(); ++I)
        if (!M.matches(*V.elements()[I], L->Element))
          return find(*V.elements()[I], L->Element, S, Path + "[" + std::to_string(I) + "]");
      return Here;
    }
    auto *R = llvm::dyn_cast_or_null<RecordType>(T);
    if (!R || V.kind() != Value::Kind::Object)
      return Here;
    // A field of the wrong type is the culprit; a missing or unknown one
    // is the object's own fault.
    Matcher M{Ev, *S};
    for (const RecordType::Field &F : R->Fields) {
      ValuePtr FV = V.field(F.Name.Name);
      if (!FV || (F.Optional && FV->kind() == Value::Kind::None) || M.matches(*FV, F.Type))
        continue;
      return find(*FV, F.Type, S, Path + "." + F.Name.Name);
    }
    return Here;
  }
};

/// Whether this exact finding was reported already: an alias is checked at
/// every use, and its broken name deserves one message, not one per use.
/// (Within Range: the report may be anywhere in a declaration.)
bool alreadyReported(const DiagnosticEngine &Diags, FileId File, SourceRange Range, diag::Kind Kind) {
  return std::any_of(Diags.diagnostics().begin(), Diags.diagnostics().end(), [&](const Diagnostic &D) {
    return D.Kind == Kind && D.File == File && Range.Begin <= D.Range.Begin && D.Range.End <= Range.End;
  });
}

/// Reports a name NameChecker found unusable, once however often it is met.
void reportTypeName(Evaluator &Ev, const NameChecker &Found) {
  const NamedType *N = Found.Bad;
  std::string Name = N->dottedName();
  if (Found.BadIsCycle) {
    // Met from another of its aliases, the same cycle closes elsewhere.
    for (const Symbol *Alias : Found.Cycle)
      if (alreadyReported(Ev.Diags, Alias->File, Alias->Decl->range(), diag::CyclicDefinition))
        return;
    Ev.Diags.report(Found.BadFile, N->range(), diag::CyclicDefinition, Name);
    return;
  }
  if (alreadyReported(Ev.Diags, Found.BadFile, N->range(), diag::UnknownType))
    return;
  std::vector<std::string> Known(std::begin(BuiltinTypes), std::end(BuiltinTypes));
  for (const std::string &InScope : Ev.namesInScope(*Found.BadScope))
    if (Symbol *Sym = Found.BadScope->lookup(InScope); Sym && Sym->K == Symbol::Kind::TypeAlias)
      Known.push_back(InScope);
  Ev.Diags.report(Found.BadFile, N->range(), diag::UnknownType, Name, didYouMean(Name, Known));
}

} // namespace

ValuePtr Evaluator::completeOptionals(Scope &S, const ValuePtr &V, const TypeExpr *T) {
  if (!V || !T)
    return V;
  if (auto *N = llvm::dyn_cast<NamedType>(T)) {
    Symbol *Sym = N->Path.size() == 1 ? S.lookup(N->dottedName()) : nullptr;
    if (Sym && Sym->K == Symbol::Kind::TypeAlias)
      return completeOptionals(*Sym->Home, V, llvm::cast<TypeDecl>(Sym->Decl)->Type);
    return V;
  }
  if (auto *O = llvm::dyn_cast<OptionalType>(T))
    return V->kind() == Value::Kind::None ? V : completeOptionals(S, V, O->Inner);
  if (auto *L = llvm::dyn_cast<ListType>(T)) {
    if (V->kind() != Value::Kind::List)
      return V;
    std::vector<ValuePtr> Elems;
    for (const ValuePtr &E : V->elements())
      Elems.push_back(completeOptionals(S, E, L->Element));
    return Value::list(std::move(Elems), V->origin());
  }
  auto *R = llvm::dyn_cast<RecordType>(T);
  if (!R || V->kind() != Value::Kind::Object)
    return V;
  // A record's optional fields that were left out read as none.
  std::vector<std::pair<std::string, ValuePtr>> Fields;
  for (const auto &Field : V->fields()) {
    // Named, not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string &K = Field.first;
    const ValuePtr &E = Field.second;
    auto It = std::find_if(R->Fields.begin(), R->Fields.end(),
                           [&](const RecordType::Field &F) { return F.Name.Name == K; });
    Fields.emplace_back(K, It == R->Fields.end() ? E : completeOptionals(S, E, It->Type));
  }
  for (const RecordType::Field &F : R->Fields)
    if (F.Optional && !V->field(F.Name.Name))
      Fields.emplace_back(F.Name.Name, Value::none(V->origin()));
  return Value::object(std::move(Fields), V->origin());
}

bool Evaluator::checkType(Scope &S, const ValuePtr &V, const TypeExpr *T, FileId File,
                          const std::string &What) {
  NameChecker Names{*this};
  if (!Names.walk(T, S, File)) {
    reportTypeName(*this, Names);
    return false;
  }
  Matcher M{*this, S};
  if (M.matches(*V, T))
    return true;
  CulpritFinder Finder{*this};
  Culprit Bad = Finder.find(*V, T, &S, "");
  // Reported where the culprit was written, when that is known.
  const Origin &At = !Bad.V->origin().Range.empty() ? Bad.V->origin() : V->origin();
  std::string Where = Bad.Path.empty() ? What : What + " at '" + Bad.Path + "'";
  // A resource where another kind was wanted: say which kind it is.
  std::string Found = Bad.V->refersToType().empty() || !Bad.V->refersToAttribute().empty()
                          ? describe(*Bad.V)
                          : "a reference to " + catalog::Catalog::languageName(Bad.V->refersToType());
  Diags.report(At.File, At.Range, diag::TypeMismatch, Where, typeName(Bad.T), Found);
  return false;
}

} // namespace cfc::sema
