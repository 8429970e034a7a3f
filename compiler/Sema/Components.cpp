// Components — instances of components and the modules they come from.
// An instance binds the component's params to the fields of its body,
// lowers the component's declarations in a scope of its own (logical IDs
// prefixed by the instance's: `fn` in `api` is ApiFn), and its value is an
// object of the component's outputs.
#include "Sema/Evaluator.h"

#include "llvm/Support/Path.h"
#include "llvm/ADT/StringSet.h"

namespace cfc::sema {

using namespace ast;

Symbol *Evaluator::findComponent(Scope &S, const NamedType *T) {
  if (T->Path.size() == 1) {
    Symbol *Sym = S.lookup(T->Path[0].Name);
    return Sym && Sym->K == Symbol::Kind::Component ? Sym : nullptr;
  }
  if (T->Path.size() != 2)
    return nullptr;
  Symbol *Module = S.lookup(T->Path[0].Name);
  if (!Module || Module->K != Symbol::Kind::Import || !Module->Module)
    return nullptr;
  auto It = Module->Module->Names.find(T->Path[1].Name);
  if (It == Module->Module->Names.end() || It->second->K != Symbol::Kind::Component)
    return nullptr;
  return It->second;
}

ValuePtr Evaluator::instantiate(Symbol &Sym) {
  if (Sym.Status == Symbol::State::Done)
    return Sym.Value;
  if (Sym.Status == Symbol::State::Evaluating)
    return nullptr; // A cycle, reported by the caller.
  constexpr unsigned MaxInstanceDepth = 32;
  auto *D = llvm::cast<ResourceDecl>(Sym.Decl);
  const ComponentDecl *C = Sym.Component;
  Scope &Caller = *Sym.Home;
  Origin O = at(Sym.File, D);
  if (std::count(Caller.PathPrefix.begin(), Caller.PathPrefix.end(), '.') >= MaxInstanceDepth) {
    Diags.report(Sym.File, D->Type->range(), diag::ComponentRecursion, C->Name.Name, MaxInstanceDepth);
    Sym.Status = Symbol::State::Done;
    return nullptr;
  }
  if (!spend(InstancesUsed, ir::limits::ComponentInstances, at(Sym.File, D->Type),
             " (do components instantiate each other several times at each level?)")) {
    Sym.Status = Symbol::State::Done;
    return nullptr;
  }
  Sym.Status = Symbol::State::Evaluating;

  // The body's fields are the arguments, evaluated where the instance is.
  std::set<std::string> Failed;
  ValuePtr Args = D->Body ? instanceArguments(Caller, D, Sym.File, Failed) : Value::object({}, O);
  // `@removal` and `@tags` reach everything the instance makes.
  InstanceChoices.push_back(readChoices(Caller, D, Sym.File));
  struct PopChoice {
    std::vector<InstanceChoice> &Choices;
    ~PopChoice() { Choices.pop_back(); }
  } PopChoices{InstanceChoices};
  // From here on the component's own code runs: a diagnostic inside library
  // code moves to this instance (see relocate).
  Frames.push_back({{Sym.File, D->Name.Range}, Sym.ComponentFile,
                    qualifiedName(Sym.ComponentFile, C->Name.Name), "component", {}});
  struct Pop {
    std::vector<Frame> &Frames;
    ~Pop() { Frames.pop_back(); }
  } PopFrame{Frames};
  Scope &I = newScope(Sym.ComponentHome);
  I.IdPrefix = Sym.LogicalId;
  I.PathPrefix = Caller.PathPrefix + D->Name.Name + ".";
  I.Condition = Sym.Condition;
  I.Instance = &Sym;
  std::vector<std::pair<std::string, ValuePtr>> Outputs;
  I.Outputs = &Outputs;

  std::vector<std::string> ParamNames, Suggested;
  for (const Decl *X : C->Body)
    if (auto *P = llvm::dyn_cast<ParamDecl>(X); P && P->Name.valid())
      ParamNames.push_back(P->Name.Name);
  if (Args)
    for (const auto &[Key, V] : Args->fields())
      if (std::find(ParamNames.begin(), ParamNames.end(), Key) == ParamNames.end()) {
        const auto *Field = D->Body ? D->Body->find(Key) : nullptr;
        std::string Best = closest(Key, ParamNames);
        auto Diag = Diags.report(Sym.File, Field ? Field->Key.Range : D->Name.Range, diag::UnknownProperty,
                                 Key, "component " + C->Name.Name,
                                 Best.empty() ? "" : "; did you mean '" + Best + "'?");
        if (!Best.empty() && Field)
          Diag.fix("did you mean '" + Best + "'?", Field->Key.Range, Best);
        Suggested.push_back(Best);
      }

  for (const Decl *X : C->Body) {
    auto *P = llvm::dyn_cast<ParamDecl>(X);
    if (!P || !P->Name.valid())
      continue;
    std::string What = "parameter '" + P->Name.Name + "' of component " + C->Name.Name;
    ValuePtr V = Args ? Args->field(P->Name.Name) : nullptr;
    const Object::Field *Given = D->Body ? D->Body->find(P->Name.Name) : nullptr;
    Symbol &Local = newSymbol(Symbol::Kind::Local, P, Sym.ComponentFile);
    I.Names[P->Name.Name] = &Local;
    if (V && Given && Given->Value)
      Local.Argument = at(Sym.File, Given->Value);
    // An argument whose value failed was reported where it is written: the
    // param is poisoned (null), so its uses in the body report nothing more.
    if (Failed.count(P->Name.Name))
      continue;
    if (!V && P->Default)
      V = eval(I, P->Default, Sym.ComponentFile);
    if (!V && P->Type && llvm::isa<OptionalType>(P->Type))
      V = Value::none(O);
    // A misspelled parameter was reported above with its did-you-mean.
    bool Misspelled = std::find(Suggested.begin(), Suggested.end(), P->Name.Name) != Suggested.end();
    if (!V && Args && !Misspelled) {
      Diags.report(Sym.File, D->Name.Range, diag::MissingComponentParam,
                   "resource '" + D->Name.Name + "'", P->Name.Name, C->Name.Name,
                   P->Type ? typeName(P->Type) : std::string("a value"));
      continue; // Poisoned: the body's uses of it add no unknown-name error.
    }
    if (V && P->Type)
      V = checkType(I, V, P->Type, Sym.ComponentFile, What) ? completeOptionals(I, V, P->Type) : nullptr;
    Local.Value = V;
  }
  for (const Decl *X : C->Body)
    if (!llvm::isa<ParamDecl>(X))
      declare(I, X, Sym.ComponentFile);
  lowerDecls(I, C->Body, Sym.ComponentFile);
  Sym.Value = FailedOutputs.count(&Sym) ? nullptr : Value::object(std::move(Outputs), O);
  Sym.Status = Symbol::State::Done;
  return Sym.Value;
}

ValuePtr Evaluator::instanceArguments(Scope &Caller, const ResourceDecl *D, FileId File,
                                      std::set<std::string> &Failed) {
  std::vector<std::pair<std::string, ValuePtr>> Fields;
  llvm::StringSet<> Seen; // Hashed: a search per field is quadratic.
  for (const Object::Field &F : D->Body->Fields) {
    if (!F.Key.valid() && !F.QuotedKey)
      continue;
    if (!Seen.insert(F.Key.Name).second) {
      Diags.report(File, F.Key.Range, diag::DuplicateName, F.Key.Name);
      continue;
    }
    if (ValuePtr V = eval(Caller, F.Value, File))
      Fields.emplace_back(F.Key.Name, V);
    else
      Failed.insert(F.Key.Name);
  }
  return Value::object(std::move(Fields), at(File, D->Body));
}

void Evaluator::recordParamUse(FileId File, SourceRange Range, const Symbol &Sym) {
  // Only library code needs them: elsewhere diagnostics stay where they are.
  if (Frames.empty() || Sym.K != Symbol::Kind::Local || !SM.isLibrary(File))
    return;
  // A param: the argument it was bound from. Any other local (a loop's
  // element, say) whose value was written in user code: that place.
  Origin Bound = Sym.Argument;
  if (!Bound.File && Sym.Value && Sym.Value->origin().File && !SM.isLibrary(Sym.Value->origin().File))
    Bound = Sym.Value->origin();
  if (Bound.File)
    Frames.back().ParamUses.push_back({{File, Range}, Bound});
}

std::optional<size_t> Evaluator::userFrame() const {
  for (size_t I = Frames.size(); I-- > 0;)
    if (!SM.isLibrary(Frames[I].Site.File))
      return I;
  return std::nullopt;
}

std::string Evaluator::qualifiedName(FileId File, llvm::StringRef Name) const {
  return llvm::sys::path::stem(SM.name(File)).str() + "." + Name.str();
}

std::vector<Note> Evaluator::frameNotes(Origin At, size_t Top, size_t User) const {
  // The innermost frame first, at the place itself; then each library
  // instance or call on the way out, where it is written.
  std::vector<Note> Notes;
  Notes.push_back({At.File, At.Range, "in " + Frames[Top].What + " " + Frames[Top].Name});
  for (size_t I = Top; I > User; --I)
    Notes.push_back({Frames[I].Site.File, Frames[I].Site.Range,
                     "in " + Frames[I - 1].What + " " + Frames[I - 1].Name});
  return Notes;
}

bool Evaluator::relocate(Diagnostic &D) {
  if (!D.File || !SM.isLibrary(D.File))
    return false;
  std::optional<size_t> User = userFrame();
  if (!User)
    return false; // Library code reached from no user's instance.
  // The frame whose component holds the place: the innermost one written in
  // that file (a module-level let or fn of it counts as its own).
  size_t Top = Frames.size() - 1;
  for (size_t I = Frames.size(); I-- > *User + 1;)
    if (Frames[I].Code == D.File) {
      Top = I;
      break;
    }
  std::vector<Note> Notes = frameNotes({D.File, D.Range}, Top, *User);
  // Follow the faulty value back: a param used inside the reported range was
  // bound from an argument; in library code that argument may use a param
  // of the enclosing instance in turn, and so on out to the user's code.
  Origin Target = Frames[*User].Site;
  Origin At{D.File, D.Range};
  for (size_t Step = 0; Step <= Frames.size() && SM.isLibrary(At.File); ++Step) {
    const Origin *Argument = nullptr;
    // The latest use first: a loop's element used in one place is bound
    // anew each turn, and the turn being evaluated is the last one recorded.
    for (size_t I = Frames.size(); I-- > *User && !Argument;)
      for (auto It = Frames[I].ParamUses.rbegin(); It != Frames[I].ParamUses.rend(); ++It) {
        const Origin &Use = It->first, &Bound = It->second;
        if (Use.File == At.File && At.Range.Begin <= Use.Range.Begin && Use.Range.End <= At.Range.End &&
            Bound.File) {
          Argument = &Bound;
          break;
        }
      }
    if (!Argument)
      break;
    At = *Argument;
    if (!SM.isLibrary(At.File))
      Target = At;
  }
  D.File = Target.File;
  D.Range = Target.Range;
  D.Fixes.clear();
  D.Notes.insert(D.Notes.begin(), Notes.begin(), Notes.end());
  return true;
}

void Evaluator::declareImport(Scope &S, const ImportDecl *D, FileId File) {
  if (!Opts.Modules) {
    // Only a lowering without a Compilation (none exists today) gets here.
    Diags.report(File, D->PathRange, diag::UnknownModule, "", "; nothing loads modules here");
    return;
  }
  std::vector<const ast::File *> Files = Opts.Modules->loadAll(*D, File);
  if (Files.empty())
    return; // The loader said why.
  // The name: the alias, else the module's last part (std.serverless ->
  // serverless), else the file's stem (./net.cfn -> net).
  std::string Name = D->Name.valid()        ? D->Name.Name
                     : !D->Module.empty() ? D->Module.back().Name
                                          : llvm::sys::path::stem(D->Path).str();
  SourceRange NameRange = D->Name.valid() ? D->Name.Range : D->PathRange;
  if (auto It = S.Names.find(Name); It != S.Names.end()) {
    auto Diag = Diags.report(File, NameRange, diag::DuplicateName, Name);
    if (It->second->Decl)
      Diag.note(It->second->File, It->second->Decl->Name.Range, "declared here");
    return;
  }
  Symbol &Sym = newSymbol(Symbol::Kind::Import, D, File);
  Sym.Home = &S;
  Sym.ImportName = Name;
  S.Names[Name] = &Sym;
  // One scope per module file, shared by every import of it.
  auto [It, Fresh] = ModuleScopes.try_emplace(Files.front()->Id, nullptr);
  if (!Fresh) {
    Sym.Module = It->second;
    return;
  }
  Scope &M = newScope(nullptr);
  M.IsModule = true;
  It->second = Sym.Module = &M;
  // A folder module's files share one scope, as a folder stack's do.
  for (const ast::File *Module : Files)
  for (const Decl *X : Module->Decls) {
    bool Defines = llvm::isa<ComponentDecl>(X) || llvm::isa<FnDecl>(X) || llvm::isa<TypeDecl>(X) ||
                   llvm::isa<LetDecl>(X) || llvm::isa<ImportDecl>(X);
    if (!Defines) {
      const char *What = llvm::isa<ResourceDecl>(X) ? "a resource"
                         : llvm::isa<ParamDecl>(X)  ? "a parameter"
                         : llvm::isa<OutputDecl>(X) ? "an output"
                         : llvm::isa<ForDecl>(X)    ? "a loop"
                         : llvm::isa<AssertDecl>(X) ? "an assertion"
                                                    : "a description";
      Diags.report(Module->Id, X->range(), diag::NotInModule, What);
      continue;
    }
    declare(M, X, Module->Id);
  }
}

} // namespace cfc::sema
