// EvalDecls — declarations: the scopes of the stack and of loop iterations,
// parameters, lets, resources, outputs, logical IDs and conditions.
#include "Sema/Evaluator.h"

#include "IR/Limits.h"
#include "IR/ValueDigest.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

namespace cfc::sema {

using namespace ast;

std::vector<std::string> Evaluator::namesInScope(Scope &S) const {
  std::vector<std::string> Names;
  for (Scope *Sc = &S; Sc; Sc = Sc->Parent)
    for (const auto &Entry : Sc->Names)
      Names.push_back(Entry.getKey().str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

ir::Template Evaluator::run(const std::vector<const ast::File *> &Files) {
  Root = &newScope(nullptr);
  ir::resetValueBytesMade();
  // Diagnostics inside library code move to the user's code while a
  // component is expanded; the engine outlives this evaluator.
  Diags.setRelocator([this](Diagnostic &D) { return relocate(D); });
  struct Unset {
    DiagnosticEngine &Diags;
    ~Unset() { Diags.setRelocator(nullptr); }
  } Guard{Diags};
  for (const ast::File *F : Files)
    for (const Decl *D : F->Decls)
      declare(*Root, D, F->Id);
  for (const auto &[Name, Text] : Opts.Bindings) {
    Symbol *Sym = Root->lookup(Name);
    // The bucket of asset(...) packages, declared on first use (Assets.cpp).
    if (!Sym && Name == "AssetBucket")
      continue;
    if (!Sym || Sym->K != Symbol::Kind::Param) {
      std::vector<std::string> Params;
      for (const auto &Entry : Root->Names)
        if (Entry.second->K == Symbol::Kind::Param)
          Params.push_back(Entry.getKey().str());
      auto Source = Opts.BindingSources.find(Name);
      if (Source == Opts.BindingSources.end()) {
        Diags.report(0, {}, diag::UnknownBinding, Name, didYouMean(Name, Params));
        continue;
      }
      // Written in cfc.yaml: point there, with the likely name as a fix.
      const LowerOptions::BindingSource &At = Source->second;
      auto B = Diags.report(At.File, At.Name, diag::ProjectUnknownParameter, Name,
                            didYouMean(Name, Params));
      if (std::string Best = closest(Name, Params); !Best.empty())
        B.fix("change it to '" + Best + "'", At.Name, Best);
    }
  }
  for (const ast::File *F : Files)
    lowerDecls(*Root, F->Decls, F->Id);
  return std::move(Out);
}

void Evaluator::declare(Scope &S, const Decl *D, FileId File) {
  Symbol::Kind K;
  switch (D->kind()) {
  case Node::Kind::ParamDecl: K = Symbol::Kind::Param; break;
  case Node::Kind::LetDecl: K = Symbol::Kind::Let; break;
  case Node::Kind::ResourceDecl: K = Symbol::Kind::Resource; break;
  case Node::Kind::FnDecl: K = Symbol::Kind::Fn; break;
  case Node::Kind::TypeDecl: K = Symbol::Kind::TypeAlias; break;
  case Node::Kind::ComponentDecl: K = Symbol::Kind::Component; break;
  case Node::Kind::ForDecl: {
    // The loop's resources are visible outside it as lists of instances.
    for (const Decl *Inner : llvm::cast<ForDecl>(D)->Body)
      if (auto *R = llvm::dyn_cast<ResourceDecl>(Inner)) {
        if (!R->Name.valid())
          continue;
        Symbol &Sym = newSymbol(Symbol::Kind::LoopResource, R, File);
        Sym.Loop = llvm::cast<ForDecl>(D), Sym.Home = &S;
        if (Symbol *Old = S.lookup(R->Name.Name); Old && S.Names.count(R->Name.Name)) {
          auto Diag = Diags.report(File, R->Name.Range, diag::DuplicateName, R->Name.Name);
          if (Old->Decl)
            Diag.note(Old->File, Old->Decl->Name.Range, "declared here");
        }
        else
          S.Names[R->Name.Name] = &Sym;
      }
    return;
  }
  case Node::Kind::ImportDecl:
    return declareImport(S, llvm::cast<ImportDecl>(D), File);
  default:
    return; // Descriptions and outputs are not names.
  }
  if (!D->Name.valid())
    return; // The parser reported it.
  if (auto It = S.Names.find(D->Name.Name); It != S.Names.end()) {
    Symbol *Old = It->second;
    auto Diag = Diags.report(File, D->Name.Range, diag::DuplicateName, D->Name.Name);
    // Locals (loop variables, arguments) may have no declaration of their own.
    if (Old->Decl)
      Diag.note(Old->File, Old->Decl->Name.Range, "declared here");
    return;
  }
  Symbol &Sym = newSymbol(K, D, File);
  Sym.Home = &S;
  S.Names[D->Name.Name] = &Sym;
}

void Evaluator::lowerDecls(Scope &S, const std::vector<Decl *> &Decls, FileId File) {
  for (const Decl *D : Decls) {
    if (auto *X = llvm::dyn_cast<DescriptionDecl>(D)) {
      ValuePtr V = eval(S, X->Text, File);
      if (V && V->kind() == Value::Kind::String) {
        Out.Description = V->text();
        Out.DescriptionWhere = at(File, X->Text);
      }
      else if (V)
        Diags.report(File, X->Text->range(), diag::TypeMismatch, "the description",
                     "a string known at compile time", describe(*V));
      if (const Decorator *A = X->decorator("attributes"))
        Out.Attributes = rawAttributes(S, A, File);
      if (const Decorator *A = X->decorator("tags"))
        for (auto &Tag : readTags(S, A, File, true))
          Out.StackTags.emplace_back(Tag.first, Tag.second->text());
      continue;
    }
    if (auto *X = llvm::dyn_cast<OutputDecl>(D)) {
      lowerOutput(S, X, File);
      continue;
    }
    if (auto *X = llvm::dyn_cast<ForDecl>(D)) {
      lowerFor(S, X, File);
      continue;
    }
    if (auto *X = llvm::dyn_cast<AssertDecl>(D)) {
      lowerAssert(S, X, File);
      continue;
    }
    if (!D->Name.valid())
      continue;
    auto It = S.Names.find(D->Name.Name);
    if (It == S.Names.end() || It->second->Decl != D)
      continue; // A duplicate, already reported.
    Symbol &Sym = *It->second;
    switch (Sym.K) {
    case Symbol::Kind::Param:
      lowerParam(Sym);
      break;
    case Symbol::Kind::Let:
      valueOf(S, Sym, at(File, D));
      break;
    case Symbol::Kind::Resource:
      lowerResource(S, Sym);
      break;
    default:
      break;
    }
  }
}

std::string Evaluator::claimLogicalId(std::string Id, Origin Where, const std::string &What) {
  if (Id.empty() || Id.size() > 255 ||
      !std::all_of(Id.begin(), Id.end(), [](char C) { return isalnum(static_cast<unsigned char>(C)); })) {
    Diags.report(Where.File, Where.Range, diag::InvalidLogicalId, Id,
                 "logical IDs are 1 to 255 ASCII letters and digits");
    return Id;
  }
  auto [It, Inserted] = LogicalIds.try_emplace(Id, What, Where);
  if (!Inserted)
    Diags.report(Where.File, Where.Range, diag::LogicalIdCollision, Id, What, It->second.first)
        .note(It->second.second.File, It->second.second.Range, It->second.first + " is declared here");
  return Id;
}

std::optional<std::string> Evaluator::conditionFor(Scope &S, const Decl *D, FileId File) {
  const Decorator *If = D->decorator("if");
  if (!If)
    return std::string();
  if (If->Args.size() != 1) {
    Diags.report(File, If->range(), diag::InvalidDecorator, "if", "takes one condition");
    return std::string();
  }
  ValuePtr V = eval(S, If->Args[0], File);
  if (!V)
    return std::string();
  if (V->kind() == Value::Kind::Bool)
    return V->asBool() ? std::optional<std::string>("") : std::nullopt;
  if (V->kind() == Value::Kind::Intrinsic &&
      (V->deployType() == ir::DeployType::Condition || V->deployType() == ir::DeployType::Bool))
    return nameCondition(V, pascalCase(D->Name.Name) + S.IdSuffix + "Condition");
  Diags.report(File, If->Args[0]->range(), diag::TypeMismatch, "'@if'", "a bool", describe(*V));
  return std::string();
}

/// The condition ID a let's `@logicalId("X")` pins, or "" (none, or an
/// error reported). Any other decorator on a let is an error: a let has no
/// other attribute to set.
std::string Evaluator::letConditionId(Scope &S, const LetDecl *D, FileId File, const ValuePtr &V) {
  std::string Id;
  for (const ast::Decorator *Dec : D->Decorators) {
    if (!Dec->Name.valid())
      continue; // `@` alone: the parser reported it.
    if (Dec->Name.Name != "logicalId") {
      Diags.report(File, Dec->Name.Range, diag::UnknownDecorator, Dec->Name.Name,
                   "; a let takes only @logicalId, naming the condition it becomes");
      continue;
    }
    std::optional<std::string> Pinned = pinnedId(S, Dec, File);
    if (!Pinned)
      continue;
    // A boolean known at compile time is fine too: the condition it would
    // have been folded away (an imported template's constant condition).
    bool IsCondition = V && ((V->kind() == Value::Kind::Intrinsic &&
                              V->deployType() == ir::DeployType::Condition) ||
                             V->kind() == Value::Kind::Bool);
    if (V && !IsCondition) {
      Diags.report(File, Dec->range(), diag::InvalidDecorator, "logicalId",
                   "on a let names the deploy-time condition it becomes; '" + D->Name.Name + "' is " +
                       describe(*V));
      continue;
    }
    if (!isConditionId(*Pinned)) {
      Diags.report(File, Dec->range(), diag::InvalidLogicalId, *Pinned,
                   "condition names are 1 to 255 ASCII letters, digits, '&' and '_'");
      continue;
    }
    Id = *Pinned;
  }
  return Id;
}

/// The ID `@logicalId("X")` names, or none after reporting a malformed one.
std::optional<std::string> Evaluator::pinnedId(Scope &S, const ast::Decorator *Pin, FileId File) {
  ValuePtr V = Pin->Args.size() == 1 ? eval(S, Pin->Args[0], File) : nullptr;
  if (V && V->kind() == Value::Kind::String)
    return V->text();
  Diags.report(File, Pin->range(), diag::InvalidDecorator, "logicalId", "takes one string known at compile time");
  return std::nullopt;
}

// ---- parameters ------------------------------------------------------------------

namespace {

/// CloudFormation's parameter type for a declared type, or "" if none fits.
std::string parameterType(const TypeExpr *T, bool &NoEcho, std::vector<std::string> &Allowed) {
  if (auto *U = llvm::dyn_cast_or_null<UnionType>(T)) {
    for (const TypeExpr *M : U->Members) {
      auto *L = llvm::dyn_cast<LiteralType>(M);
      if (!L)
        return "";
      Allowed.push_back(L->Value);
    }
    return "String";
  }
  if (auto *L = llvm::dyn_cast_or_null<LiteralType>(T)) {
    Allowed.push_back(L->Value);
    return "String";
  }
  if (auto *L = llvm::dyn_cast_or_null<ListType>(T)) {
    auto *E = llvm::dyn_cast_or_null<NamedType>(L->Element);
    if (E && E->dottedName() == "string")
      return "CommaDelimitedList";
    if (E && (E->dottedName() == "int" || E->dottedName() == "number"))
      return "List<Number>";
    return "";
  }
  auto *N = llvm::dyn_cast_or_null<NamedType>(T);
  if (!N)
    return "";
  std::string Name = N->dottedName();
  if (Name == "string")
    return "String";
  if (Name == "int" || Name == "number")
    return "Number";
  if (Name == "secret")
    return NoEcho = true, "String";
  if (Name == "bool") {
    Allowed = {"true", "false"};
    return "String";
  }
  return "";
}

ir::DeployType deployTypeOf(const std::string &ParamType, const TypeExpr *T) {
  if (ParamType == "Number")
    return ir::DeployType::Number;
  if (ParamType == "CommaDelimitedList" || ParamType == "List<Number>")
    return ir::DeployType::StringList;
  if (auto *N = llvm::dyn_cast_or_null<NamedType>(T); N && N->dottedName() == "bool")
    return ir::DeployType::Bool;
  return ir::DeployType::String;
}

} // namespace

/// A default as CloudFormation writes it: bools as "true"/"false", lists
/// (CommaDelimitedList, List<Number>) as one comma-separated string.
static ValuePtr parameterDefault(const ValuePtr &V) {
  if (V->kind() == Value::Kind::Bool)
    return Value::string(V->asBool() ? "true" : "false", V->origin());
  if (V->kind() != Value::Kind::List)
    return V;
  std::string Joined;
  for (const ValuePtr &E : V->elements()) {
    if (!Joined.empty())
      Joined += ",";
    Joined += E->kind() == Value::Kind::Int ? std::to_string(E->asInt()) : E->text();
  }
  return Value::string(Joined, V->origin());
}

/// Reads a --set value as the parameter's type wants it.
static ValuePtr bindingValue(const std::string &Text, const std::string &ParamType,
                             const TypeExpr *T, Origin O, std::string &Problem) {
  if (auto *N = llvm::dyn_cast_or_null<NamedType>(T); N && N->dottedName() == "bool") {
    if (Text == "true" || Text == "false")
      return Value::boolean(Text == "true", O);
    Problem = "the parameter is a bool: write true or false";
    return nullptr;
  }
  if (ParamType == "Number") {
    int64_t I;
    if (!llvm::StringRef(Text).getAsInteger(10, I))
      return Value::integer(I, O);
    if (auto *N = llvm::dyn_cast_or_null<NamedType>(T); N && N->dottedName() == "int") {
      Problem = "the parameter is an int";
      return nullptr;
    }
    double D;
    if (!llvm::StringRef(Text).getAsDouble(D))
      return Value::number(Text, O);
    Problem = "the parameter is a number";
    return nullptr;
  }
  if (ParamType == "CommaDelimitedList") {
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    llvm::StringRef(Text).split(Parts, ',');
    std::vector<ValuePtr> Elems;
    for (llvm::StringRef P : Parts)
      Elems.push_back(Value::string(P.trim().str(), O));
    return Value::list(std::move(Elems), O);
  }
  return Value::string(Text, O);
}

void Evaluator::lowerParam(Symbol &Sym) {
  if (Sym.Status != Symbol::State::Fresh)
    return;
  Sym.Status = Symbol::State::Evaluating;
  auto *D = llvm::cast<ParamDecl>(Sym.Decl);
  Scope &S = *Sym.Home;
  Origin O = at(Sym.File, D);
  ValuePtr Default = D->Default ? eval(S, D->Default, Sym.File) : nullptr;
  if (Default && !Default->isConstant()) {
    Diags.report(Sym.File, D->Default->range(), diag::NeedsCompileTime,
                 "a parameter's default", "CloudFormation takes a literal value here");
    Default = nullptr;
  }
  if (!D->Type && !D->Default) {
    Diags.report(Sym.File, D->Name.Range, diag::ParamNeedsType, D->Name.Name);
    Sym.Status = Symbol::State::Done;
    return;
  }
  if (D->Type && Default)
    checkType(S, Default, D->Type, Sym.File, "the default of parameter '" + D->Name.Name + "'");

  bool NoEcho = false;
  std::vector<std::string> Allowed;
  std::string ParamType;
  // A type alias stands for its type (`type Stage = "dev" | "prod"`).
  const TypeExpr *Declared = D->Type;
  if (auto *N = llvm::dyn_cast_or_null<NamedType>(Declared); N && N->Path.size() == 1)
    if (Symbol *Alias = S.lookup(N->dottedName()); Alias && Alias->K == Symbol::Kind::TypeAlias)
      Declared = llvm::cast<TypeDecl>(Alias->Decl)->Type;
  if (Declared) {
    ParamType = parameterType(Declared, NoEcho, Allowed);
    if (ParamType.empty()) {
      auto *N = llvm::dyn_cast<NamedType>(Declared);
      static const char *const Builtin[] = {"string", "int", "number", "bool", "secret", "json", "duration", "size"};
      bool Known = !N || N->Path.size() > 1 ||
                   std::find(std::begin(Builtin), std::end(Builtin), N->dottedName()) != std::end(Builtin);
      if (!Known)
        Diags.report(Sym.File, D->Type->range(), diag::UnknownType, N->dottedName(),
                     didYouMean(N->dottedName(), {"string", "int", "number", "bool", "secret"}));
      else
        Diags.report(Sym.File, D->Type->range(), diag::UnsupportedParamType, typeName(D->Type));
      Sym.Status = Symbol::State::Done;
      return;
    }
  } else if (Default) {
    switch (Default->kind()) {
    case Value::Kind::Int:
    case Value::Kind::Number: ParamType = "Number"; break;
    case Value::Kind::String: ParamType = "String"; break;
    case Value::Kind::Bool:
      ParamType = "String", Allowed = {"true", "false"};
      break;
    case Value::Kind::List: {
      const auto &Elems = Default->elements();
      bool Numbers = !Elems.empty() && std::all_of(Elems.begin(), Elems.end(), [](const ValuePtr &E) {
        return E->kind() == Value::Kind::Int || E->kind() == Value::Kind::Number;
      });
      bool Strings = std::all_of(Elems.begin(), Elems.end(),
                                 [](const ValuePtr &E) { return E->kind() == Value::Kind::String; });
      if (Numbers || Strings) {
        ParamType = Numbers ? "List<Number>" : "CommaDelimitedList";
        break;
      }
      [[fallthrough]];
    }
    default:
      Diags.report(Sym.File, D->Default->range(), diag::UnsupportedParamType, describe(*Default));
      Sym.Status = Symbol::State::Done;
      return;
    }
  }

  // Bound with --set: a constant, and no CloudFormation parameter at all.
  if (auto It = Opts.Bindings.find(D->Name.Name); It != Opts.Bindings.end()) {
    std::string Problem;
    ValuePtr V = bindingValue(It->second, ParamType, D->Type, O, Problem);
    if (V && !Allowed.empty() && V->kind() == Value::Kind::String &&
        std::find(Allowed.begin(), Allowed.end(), V->text()) == Allowed.end())
      Problem = "allowed values are " + llvm::join(Allowed, ", ");
    if (It->second.size() > ir::limits::ParameterValue.Value)
      Problem = "the value is " + std::to_string(It->second.size()) +
                " bytes; CloudFormation parameter values are limited to 4096";
    auto Source = Opts.BindingSources.find(It->first);
    if (!Problem.empty() && Source != Opts.BindingSources.end())
      Diags.report(Source->second.File, Source->second.Value, diag::ProjectInvalidParameter,
                   It->first, "'" + It->second.substr(0, 40) + "'", Problem);
    else if (!Problem.empty())
      Diags.report(0, {}, diag::InvalidBinding, It->first, It->second.substr(0, 40), Problem);
    Sym.Value = V;
    Sym.Status = Symbol::State::Done;
    return;
  }

  ir::Parameter P;
  // As on resources: `cfc import` pins an ID that is no PascalCase name.
  std::string Id = pascalCase(D->Name.Name);
  if (const ast::Decorator *Pin = D->decorator("logicalId"))
    Id = pinnedId(S, Pin, Sym.File).value_or(Id);
  P.LogicalId = claimLogicalId(Id, {Sym.File, D->Name.Range}, "parameter '" + D->Name.Name + "'");
  if (Opts.Index)
    Opts.Index->LogicalIds[D].push_back(P.LogicalId);
  P.Type = ParamType;
  P.NoEcho = NoEcho;
  P.Where = O;
  if (Default)
    P.Default = parameterDefault(Default);
  if (P.Default && P.Default->kind() == Value::Kind::String &&
      P.Default->text().size() > ir::limits::ParameterValue.Value)
    Diags.report(Sym.File, D->Default->range(), diag::ParameterValueTooLong, D->Name.Name,
                 P.Default->text().size(), ir::limits::ParameterValue.Value);
  for (const std::string &A : Allowed)
    P.AllowedValues.push_back(Value::string(A, O));
  for (const ast::Decorator *Dec : D->Decorators) {
    if (!Dec->Name.valid())
      continue; // `@` alone: the parser reported it.
    llvm::StringRef Name = Dec->Name.Name;
    ValuePtr Arg = Dec->Args.size() == 1 ? eval(S, Dec->Args[0], Sym.File) : nullptr;
    if (Name == "description" && Arg && Arg->kind() == Value::Kind::String)
      P.Description = Arg->text();
    else if ((Name == "min" || Name == "max") && Arg && Arg->kind() == Value::Kind::Int) {
      bool IsNumber = ParamType == "Number";
      auto &Slot = Name == "min" ? (IsNumber ? P.MinValue : P.MinLength)
                                 : (IsNumber ? P.MaxValue : P.MaxLength);
      Slot = Arg->asInt();
    } else if (Name == "allowed" && Arg && Arg->kind() == Value::Kind::List)
      P.AllowedValues = Arg->elements();
    else if (Name == "attributes")
      P.Attributes = rawAttributes(S, Dec, Sym.File);
    else if (Name == "logicalId")
      continue; // Read above.
    else if (Name == "description" || Name == "min" || Name == "max" || Name == "allowed")
      Diags.report(Sym.File, Dec->range(), diag::InvalidDecorator, Name,
                   Name == "description" ? "takes one string"
                   : Name == "allowed"   ? "takes one list of values"
                                         : "takes one int");
    else
      Diags.report(Sym.File, Dec->Name.Range, diag::UnknownDecorator, Name,
                   didYouMean(Name, {"description", "min", "max", "allowed", "attributes", "logicalId"}));
  }
  // A `bool` parameter (declared, or by its default) reads as a condition;
  // `"true" | "false"` is a string that happens to allow those two values.
  auto *DeclaredName = llvm::dyn_cast_or_null<NamedType>(Declared);
  bool IsBool = Declared ? DeclaredName && DeclaredName->dottedName() == "bool"
                         : Default && Default->kind() == Value::Kind::Bool;
  Sym.Value = Value::intrinsic("Ref", {Value::string(P.LogicalId, O)},
                               IsBool ? ir::DeployType::Bool : deployTypeOf(ParamType, Declared), O,
                               /*Single=*/true);
  Out.Parameters.push_back(std::move(P));
  Sym.Status = Symbol::State::Done;
}

// ---- resources -----------------------------------------------------------------------

void Evaluator::prepareResource(Symbol &Sym) {
  if (Sym.Prepared)
    return;
  Sym.Prepared = true;
  auto *D = llvm::cast<ResourceDecl>(Sym.Decl);
  Scope &S = *Sym.Home;
  if (Symbol *C = D->Type ? findComponent(S, D->Type) : nullptr) {
    Sym.Component = llvm::cast<ComponentDecl>(C->Decl);
    Sym.ComponentHome = C->Home;
    Sym.ComponentFile = C->File;
    recordUse(Sym.File, D->Type->Path.back().Range, *C);
  }
  if (D->Type && !Sym.Component)
    Sym.CfnType = resolveResourceType(D->Type, Sym.File);
  if (Opts.Index)
    Opts.Index->Resources[D] = {Sym.File, Sym.CfnType, Sym.Component, Sym.ComponentFile};
  std::string Id = S.IdPrefix + pascalCase(D->Name.Name) + S.IdSuffix;
  if (const ast::Decorator *Pin = D->decorator("logicalId"))
    Id = pinnedId(S, Pin, Sym.File).value_or(Id);
  if (const ast::Decorator *On = D->decorator("replaceOn"))
    Id += replacementDigest(S, Sym, On);
  // An instance's ID is the prefix of its resources' IDs, not a resource's.
  Sym.LogicalId = Sym.Component ? Id
                                : claimLogicalId(Id, {Sym.File, D->Name.Range},
                                                 "resource '" + S.PathPrefix + D->Name.Name + "'");
  if (Opts.Index)
    Opts.Index->LogicalIds[D].push_back(Sym.LogicalId);
  std::optional<std::string> Cond = conditionFor(S, D, Sym.File);
  Sym.Absent = !Cond;
  Sym.Condition = Cond.value_or("");
  // Inside a conditional instance, the instance's condition applies too.
  if (!S.Condition.empty() && Sym.Condition.empty())
    Sym.Condition = S.Condition;
  else if (!S.Condition.empty()) {
    Origin O = at(Sym.File, D);
    auto Ref = [&](const std::string &Name) {
      return Value::intrinsic("Condition", {Value::string(Name, O)}, ir::DeployType::Condition, O, true);
    };
    Sym.Condition = nameCondition(Value::intrinsic("Fn::And", {Ref(S.Condition), Ref(Sym.Condition)},
                                                   ir::DeployType::Condition, O),
                                  Id + "Condition");
  }
}

std::string Evaluator::replacementDigest(Scope &S, Symbol &Sym, const ast::Decorator *On) {
  if (Sym.Component) {
    Diags.report(Sym.File, On->range(), diag::InvalidDecorator, "replaceOn",
                 "is for resources; a component instance's ID is its resources' prefix");
    return "";
  }
  if (On->Args.empty()) {
    Diags.report(Sym.File, On->range(), diag::InvalidDecorator, "replaceOn",
                 "takes the resources or values whose change replaces this resource");
    return "";
  }
  // Until the digest is known, so is no ID: a use of this resource from
  // what the digest covers is a cycle (reported where it is used).
  Sym.Naming = true;
  std::vector<ValuePtr> Inputs;
  for (const ast::Expr *Arg : On->Args)
    if (ValuePtr V = replacementInput(S, Sym, Arg))
      Inputs.push_back(V);
  Sym.Naming = false;
  if (Inputs.size() != On->Args.size())
    return "";
  return ir::valueDigest(*Value::list(std::move(Inputs), at(Sym.File, On)));
}

ValuePtr Evaluator::replacementInput(Scope &S, Symbol &Sym, const ast::Expr *Arg) {
  // Evaluated in any case: errors, and the name's use for the language server.
  ValuePtr V = eval(S, Arg, Sym.File);
  auto *N = llvm::dyn_cast<ast::NameRef>(Arg);
  Symbol *Target = N && V ? S.lookup(N->Id.Name) : nullptr;
  if (!Target || Target->K != Symbol::Kind::Resource || Target->Component) {
    // A bare reference (`fns[0]`, an instance's output), or a loop's list
    // of them, is the resources' IDs, which stay the same when the
    // resources change: a digest of them would never replace anything.
    const ValuePtr &First = V && V->kind() == Value::Kind::List && !V->elements().empty()
                                ? V->elements()[0]
                                : V;
    if (First && First->kind() == Value::Kind::Intrinsic && !First->refersToType().empty()) {
      Diags.report(Sym.File, Arg->range(), diag::InvalidDecorator, "replaceOn",
                   "takes a resource by its name; this is a reference to '" +
                       First->elements()[0]->text() + "', which stays the same when it changes");
      return nullptr;
    }
    return V;
  }
  if (Target->Status == Symbol::State::Evaluating) {
    // Its properties are being lowered, and they use this resource.
    Diags.report(Sym.File, Arg->range(), diag::CyclicDefinition, Sym.Decl->Name.Name);
    return nullptr;
  }
  if (Target->Status == Symbol::State::Fresh)
    lowerResource(*Target->Home, *Target);
  return Target->Properties;
}

Scope &Evaluator::childScope(Scope &Parent) {
  Scope &Child = newScope(&Parent);
  Child.IdPrefix = Parent.IdPrefix;
  Child.IdSuffix = Parent.IdSuffix;
  Child.PathPrefix = Parent.PathPrefix;
  Child.Condition = Parent.Condition;
  Child.Instance = Parent.Instance;
  return Child;
}

/// "main.cfn:12", relative to the stack's folder so output is the same
/// wherever the stack is built from.
static std::string sourceLocation(const SourceManager &SM, const LowerOptions &Opts, Origin O) {
  llvm::StringRef Name = SM.name(O.File);
  std::string Rel = Name.str();
  if (!Opts.SourceRoot.empty() && Name.startswith(Opts.SourceRoot))
    Rel = Name.drop_front(Opts.SourceRoot.size()).ltrim("/").str();
  else
    Rel = llvm::sys::path::filename(Name).str();
  return Rel + ":" + std::to_string(SM.lineColumn(O.File, O.Range.Begin).Line);
}

void Evaluator::recordLibraryFrames(ir::Resource &R, const ResourceDecl *D) {
  std::optional<size_t> User = userFrame();
  if (!SM.isLibrary(R.Where.File) || !User)
    return;
  // The user's line is the one a deploy error should lead to; the library's
  // line is kept beside it.
  R.Instance = Frames[*User].Site;
  R.SourceLocation = sourceLocation(SM, Opts, R.Instance);
  std::vector<Note> Notes = frameNotes({R.Where.File, D->Name.Range}, Frames.size() - 1, *User);
  for (const Note &N : Notes)
    R.Frames.push_back({{N.File, N.Range}, N.Message});
  // Named as the embedded module is (also when read from CFC_STDLIB_PATH),
  // so templates do not depend on where the library was read from.
  R.ComponentLocation = Frames.back().Name + " std/" +
                        llvm::sys::path::filename(SM.name(R.Where.File)).str() + ":" +
                        std::to_string(SM.lineColumn(R.Where.File, R.Where.Range.Begin).Line);
}

ValuePtr Evaluator::materializeConditions(const ValuePtr &V) {
  // Constants hold no condition; containers are copied only when something
  // inside them changed.
  if (V->isConstant())
    return V;
  switch (V->kind()) {
  case Value::Kind::List: {
    // Copied from the first change on: most values have no condition in
    // them, and copying each container (its keys too) cost a walk's worth.
    const std::vector<ValuePtr> &Old = V->elements();
    std::vector<ValuePtr> Elems;
    bool Changed = false;
    for (size_t I = 0; I < Old.size(); ++I) {
      ValuePtr E = materializeConditions(Old[I]);
      if (!Changed && E != Old[I]) {
        Changed = true;
        Elems.reserve(Old.size());
        Elems.assign(Old.begin(), Old.begin() + static_cast<std::ptrdiff_t>(I));
      }
      if (Changed)
        Elems.push_back(std::move(E));
    }
    return Changed ? Value::list(std::move(Elems), V->origin()) : V;
  }
  case Value::Kind::Object: {
    const std::vector<std::pair<std::string, ValuePtr>> &Old = V->fields();
    std::vector<std::pair<std::string, ValuePtr>> Fields;
    bool Changed = false;
    for (size_t I = 0; I < Old.size(); ++I) {
      ValuePtr E = materializeConditions(Old[I].second);
      if (!Changed && E != Old[I].second) {
        Changed = true;
        Fields.reserve(Old.size());
        Fields.assign(Old.begin(), Old.begin() + static_cast<std::ptrdiff_t>(I));
      }
      if (Changed)
        Fields.emplace_back(Old[I].first, std::move(E));
    }
    return Changed ? Value::object(std::move(Fields), V->origin()) : V;
  }
  case Value::Kind::Intrinsic:
    if (V->deployType() == ir::DeployType::Condition) {
      // A condition is no value in CloudFormation: Fn::If makes it one.
      Origin O = V->origin();
      return Value::intrinsic("Fn::If",
                              {Value::string(nameCondition(V, ""), O), Value::boolean(true, O),
                               Value::boolean(false, O)},
                              ir::DeployType::Bool, O);
    }
    return V;
  default:
    return V;
  }
}

void Evaluator::lowerResource(Scope &S, Symbol &Sym) {
  prepareResource(Sym);
  auto *D = llvm::cast<ResourceDecl>(Sym.Decl);
  if (Sym.Absent)
    return;
  if (Sym.Component) {
    instantiate(Sym);
    return;
  }
  // Lowered once: `@replaceOn` may have lowered it before its turn.
  if (Sym.Status != Symbol::State::Fresh)
    return;
  Sym.Status = Symbol::State::Evaluating;
  ir::Resource R;
  R.LogicalId = Sym.LogicalId;
  R.Type = Sym.CfnType;
  R.Condition = Sym.Condition;
  R.Path = S.PathPrefix + D->Name.Name;
  R.Where = at(Sym.File, D);
  R.SourceLocation = sourceLocation(SM, Opts, R.Where);
  recordLibraryFrames(R, D);
  ValuePtr Props = D->Body ? eval(S, D->Body, Sym.File)
                           : Value::object({}, at(Sym.File, D));
  if (Props && !spendTemplateBytes(Props, at(Sym.File, D->Body)))
    Props = nullptr;
  if (Props && !R.Type.empty())
    checkProperties(R.Type, D->Name.Name, Props, D->Body, Sym.File);
  R.Properties = Props ? materializeConditions(Props) : Value::object({}, R.Where);
  for (const ast::Decorator *Dec : D->Decorators) {
    if (!Dec->Name.valid())
      continue; // `@` alone: the parser reported it.
    llvm::StringRef Name = Dec->Name.Name;
    if (Name == "if" || Name == "logicalId" || Name == "replaceOn" || Name == "removal" || Name == "tags")
      continue; // @removal and @tags: readChoices, below.
    if (Name == "attributes") {
      R.Attributes = rawAttributes(S, Dec, Sym.File);
      if (!spendTemplateBytes(R.Attributes, at(Sym.File, Dec)))
        R.Attributes = nullptr;
      continue;
    }
    if (Name == "retain") {
      R.DeletionPolicy = R.UpdateReplacePolicy = "Retain";
      continue;
    }
    if (Name == "dependsOn") {
      for (const ast::Expr *Arg : Dec->Args) {
        // Depending on a resource that a constant @if removed is no
        // dependency at all (components use this for optional parts).
        if (auto *N = llvm::dyn_cast<ast::NameRef>(Arg))
          if (Symbol *Target = S.lookup(N->Id.Name); Target && Target->K == Symbol::Kind::Resource) {
            prepareResource(*Target);
            if (Target->Absent)
              continue;
          }
        ValuePtr V = eval(S, Arg, Sym.File);
        if (!V)
          continue;
        std::vector<ValuePtr> Targets = V->kind() == Value::Kind::List ? V->elements()
                                                                       : std::vector<ValuePtr>{V};
        for (const ValuePtr &T : Targets) {
          if (T->kind() == Value::Kind::Intrinsic && T->text() == "Ref" && !T->refersToType().empty())
            R.References.push_back({T->elements()[0]->text(), at(Sym.File, Arg), true});
          else
            Diags.report(Sym.File, Arg->range(), diag::InvalidDecorator, "dependsOn",
                         "takes resources; this is " + describe(*T));
        }
      }
      continue;
    }
    Diags.report(Sym.File, Dec->Name.Range, diag::UnknownDecorator, Name,
                 didYouMean(Name, {"if", "logicalId", "replaceOn", "retain", "dependsOn", "attributes",
                                   "removal", "tags"}));
  }
  if (R.Attributes && R.Attributes->field("Properties"))
    takeConditionalProperties(R, D, Sym.File);
  InstanceChoice Own = readChoices(S, D, Sym.File);
  applyRemoval(R, removalFor(Own.Removal, R.Instance.File != 0));
  R.InstanceTags = inheritedTags(Own.Tags);
  Sym.Properties = R.Properties;
  Sym.Status = Symbol::State::Done;
  Out.Resources.push_back(std::move(R));
}

// ---- outputs -------------------------------------------------------------------------

/// CloudFormation outputs are strings: lists are joined with commas.
static ValuePtr outputString(const ValuePtr &V) {
  Origin O = V->origin();
  switch (V->kind()) {
  case Value::Kind::Int: return Value::string(std::to_string(V->asInt()), O);
  case Value::Kind::Number: return Value::string(V->text(), O);
  case Value::Kind::Bool: return Value::string(V->asBool() ? "true" : "false", O);
  case Value::Kind::List:
    if (V->isConstant()) {
      // A separator between every two elements, empty ones included, as
      // Fn::Join would put it; numbers and booleans as their text.
      std::string Joined;
      bool First = true;
      for (const ValuePtr &E : V->elements()) {
        ValuePtr Text = outputString(E);
        Joined += (First ? "" : ",") + (Text->kind() == Value::Kind::String ? Text->text() : "");
        First = false;
      }
      return Value::string(Joined, O);
    }
    return Value::intrinsic("Fn::Join", {Value::string(",", O), V}, ir::DeployType::String, O);
  case Value::Kind::Intrinsic:
    if (V->deployType() == ir::DeployType::StringList)
      return Value::intrinsic("Fn::Join", {Value::string(",", O), V}, ir::DeployType::String, O);
    return V;
  default:
    return V;
  }
}

void Evaluator::lowerOutput(Scope &S, const OutputDecl *D, FileId File) {
  if (!D->Name.valid())
    return;
  ValuePtr V = eval(S, D->Value, File);
  if (!V) {
    // A component's output that failed (reported) poisons the instance's
    // value: `a.delay` adds no "no field 'delay'" after the error.
    if (S.outputSink() && S.Instance)
      FailedOutputs.insert(S.Instance);
    return;
  }
  if (D->Type)
    checkType(S, V, D->Type, File, "output '" + D->Name.Name + "'");
  if (!S.outputSink() && !spendTemplateBytes(V, at(File, D->Value)))
    return;
  if (auto *Sink = S.outputSink()) {
    // A component's output: any value (none, objects...) of the instance.
    for (const ast::Decorator *Dec : D->Decorators)
      Diags.report(File, Dec->Name.Range, diag::InvalidDecorator, Dec->Name.Name,
                   "is for stack outputs; a component's outputs are values of its instances");
    Sink->emplace_back(D->Name.Name, V);
    return;
  }
  if (V->kind() == Value::Kind::Object || V->kind() == Value::Kind::None ||
      V->kind() == Value::Kind::Duration || V->kind() == Value::Kind::Size) {
    Diags.report(File, D->Value->range(), diag::TypeMismatch, "output '" + D->Name.Name + "'",
                 "a string, a number, a bool or a list", describe(*V));
    return;
  }
  ir::Output O;
  O.LogicalId = pascalCase(D->Name.Name) + S.IdSuffix;
  // What reads a stack's outputs reads them by name: `cfc import` pins one
  // that is no PascalCase name (`topicArn`) so that it comes back the same.
  if (const ast::Decorator *Pin = D->decorator("logicalId")) {
    if (std::optional<std::string> Id = pinnedId(S, Pin, File)) {
      if (Id->empty() || Id->size() > 255 ||
          !std::all_of(Id->begin(), Id->end(), [](char C) { return isalnum(static_cast<unsigned char>(C)); }))
        Diags.report(File, Pin->range(), diag::InvalidLogicalId, *Id,
                     "output names are 1 to 255 ASCII letters and digits");
      else
        O.LogicalId = *Id;
    }
  }
  if (auto Seen = OutputByLogicalId.find(O.LogicalId); Seen != OutputByLogicalId.end()) {
    const ir::Output &Other = Out.Outputs[Seen->second];
    if (!D->decorator("logicalId")) // The same name twice.
      Diags.report(File, D->Name.Range, diag::DuplicateName, D->Name.Name)
          .note(Other.Where.File, Other.Where.Range, "declared here");
    else
      Diags.report(File, D->Name.Range, diag::LogicalIdCollision, O.LogicalId, "output '" + D->Name.Name + "'",
                   "another output")
          .note(Other.Where.File, Other.Where.Range, "the other output is declared here");
  }
  O.Value = outputString(materializeConditions(V));
  O.Where = at(File, D);
  for (const ast::Decorator *Dec : D->Decorators) {
    if (!Dec->Name.valid())
      continue; // `@` alone: the parser reported it.
    llvm::StringRef Name = Dec->Name.Name;
    ValuePtr Arg = Dec->Args.size() == 1 ? eval(S, Dec->Args[0], File) : nullptr;
    if (Name == "export" && Arg && (Arg->kind() == Value::Kind::String ||
                                    Arg->deployType() == ir::DeployType::String))
      O.ExportName = Arg;
    else if (Name == "description" && Arg && Arg->kind() == Value::Kind::String)
      O.Description = Arg->text();
    else if (Name == "if") {
      std::optional<std::string> Cond = conditionFor(S, D, File);
      if (!Cond)
        return; // Constantly false: no output.
      O.Condition = *Cond;
    } else if (Name == "export" || Name == "description")
      Diags.report(File, Dec->range(), diag::InvalidDecorator, Name, "takes one string");
    else if (Name != "logicalId")
      Diags.report(File, Dec->Name.Range, diag::UnknownDecorator, Name,
                   didYouMean(Name, {"export", "description", "if", "logicalId"}));
  }
  OutputByLogicalId.try_emplace(O.LogicalId, Out.Outputs.size());
  Out.Outputs.push_back(std::move(O));
}

// ---- loops -----------------------------------------------------------------------------

/// The logical-ID suffix of one element: the element itself when it is a
/// short name-like string ("a" -> "A", "us-east-1a" -> "UsEast1a"), else
/// its index.
static std::string elementSuffix(const ValuePtr &Element, size_t Index) {
  if (Element->kind() == Value::Kind::String && !Element->text().empty() &&
      Element->text().size() <= 32) {
    std::string P = pascalCase(Element->text());
    if (!P.empty())
      return P;
  }
  return std::to_string(Index);
}

const std::vector<Scope *> &Evaluator::loopIterations(Scope &S, const ForDecl *D, FileId File) {
  auto Key = std::make_pair(&S, D);
  if (auto It = Loops.find(Key); It != Loops.end())
    return It->second;
  std::vector<Scope *> &Iterations = Loops[Key];
  ValuePtr List = eval(S, D->Iterable, File);
  if (!List) {
    BrokenLoops.insert(Key);
    return Iterations;
  }
  // Over an object, the loop takes each key (as the index variable) and value.
  // The list's length (an object's keys) must be known; its elements need
  // not be: `for key, fn in routes` works when the functions are resources.
  bool OverObject = List->kind() == Value::Kind::Object;
  if (!OverObject && List->kind() != Value::Kind::List) {
    Diags.report(File, D->Iterable->range(), diag::NeedsCompileTime, "the list (or object) of a 'for' loop",
                 List->isConstant() ? "this is " + describe(*List) + ", not a list"
                                    : "this is " + describe(*List) +
                                          " (bind parameters with --set, or loop over a constant list)");
    BrokenLoops.insert(Key);
    return Iterations;
  }
  size_t Count = OverObject ? List->fields().size() : List->elements().size();
  for (size_t I = 0; I < Count; ++I) {
    if (!spend(LoopIterationsUsed, ir::limits::LoopIterations, at(File, D->Iterable),
               " (are loops nested over large lists?)")) {
      BrokenLoops.insert(Key);
      break;
    }
    const ValuePtr &Element = OverObject ? List->fields()[I].second : List->elements()[I];
    ValuePtr Key = OverObject ? Value::string(List->fields()[I].first, at(File, D))
                              : Value::integer(static_cast<int64_t>(I), at(File, D));
    Scope &Iteration = childScope(S);
    Iteration.IdSuffix = S.IdSuffix + elementSuffix(OverObject ? Key : Element, I);
    if (D->IndexVar.valid()) {
      Symbol &Index = newSymbol(Symbol::Kind::Local, D, File);
      Index.Value = Key;
      Iteration.Names[D->IndexVar.Name] = &Index;
    }
    if (D->Name.valid()) {
      Symbol &Elem = newSymbol(Symbol::Kind::Local, D, File);
      Elem.Value = Element;
      Iteration.Names[D->Name.Name] = &Elem;
    }
    for (const Decl *Inner : D->Body)
      declare(Iteration, Inner, File);
    Iterations.push_back(&Iteration);
  }
  return Iterations;
}

void Evaluator::lowerFor(Scope &S, const ForDecl *D, FileId File) {
  for (Scope *Iteration : loopIterations(S, D, File))
    lowerDecls(*Iteration, D->Body, File);
}

// ---- values of names -----------------------------------------------------------------------

ValuePtr Evaluator::valueOf(Scope &S, Symbol &Sym, Origin Use) {
  switch (Sym.K) {
  case Symbol::Kind::Local:
    return Sym.Value;
  case Symbol::Kind::Param:
    if (Sym.Status == Symbol::State::Evaluating) {
      Diags.report(Use.File, Use.Range, diag::CyclicDefinition, Sym.Decl->Name.Name);
      return nullptr;
    }
    lowerParam(Sym);
    // A parameter's Ref stands where it is used: a property it does not fit
    // is reported there, not at the parameter (which many may use).
    if (Sym.Value && Sym.Value->kind() == Value::Kind::Intrinsic)
      return Value::at(Sym.Value, Use);
    return Sym.Value;
  case Symbol::Kind::Let: {
    if (Sym.Status == Symbol::State::Done)
      return Sym.Value;
    if (Sym.Status == Symbol::State::Evaluating) {
      Diags.report(Use.File, Use.Range, diag::CyclicDefinition, Sym.Decl->Name.Name);
      return nullptr;
    }
    Sym.Status = Symbol::State::Evaluating;
    auto *D = llvm::cast<LetDecl>(Sym.Decl);
    ValuePtr V = eval(*Sym.Home, D->Value, Sym.File);
    if (V && D->Type)
      V = checkType(*Sym.Home, V, D->Type, Sym.File, "'" + D->Name.Name + "'")
              ? completeOptionals(*Sym.Home, V, D->Type)
              : nullptr;
    // A deploy-time boolean becomes a named Condition, named after the let
    // or by its `@logicalId` (which `cfc import` writes to keep an ID).
    std::string Pinned = letConditionId(*Sym.Home, D, Sym.File, V);
    if (V && !Pinned.empty() && V->kind() == Value::Kind::Intrinsic && V->text() == "Condition" &&
        V->elements()[0]->text() != Pinned) {
      // `@logicalId("B") let b = a`: B is asked for by name (an imported
      // template's alias), so it is a condition of its own, {"Condition": "A"}.
      Out.Conditions.push_back({Pinned, V, V->origin()});
      V = Value::intrinsic("Condition", {Value::string(Pinned, V->origin())}, ir::DeployType::Condition,
                           V->origin(), /*Single=*/true);
    } else if (V && V->kind() == Value::Kind::Intrinsic && V->deployType() == ir::DeployType::Condition &&
        V->text() != "Condition") {
      std::string Name = nameCondition(
          V, !Pinned.empty() ? Pinned : Sym.Home->IdPrefix + pascalCase(D->Name.Name) + Sym.Home->IdSuffix);
      V = Value::intrinsic("Condition", {Value::string(Name, V->origin())},
                           ir::DeployType::Condition, V->origin(), /*Single=*/true);
    }
    if (Opts.Index)
      Opts.Index->LetValues[D].push_back(V);
    Sym.Value = V;
    Sym.Status = Symbol::State::Done;
    return V;
  }
  case Symbol::Kind::Resource: {
    prepareResource(Sym);
    if (Sym.Naming) {
      // Used by what its own `@replaceOn` digest covers.
      Diags.report(Use.File, Use.Range, diag::CyclicDefinition, Sym.Decl->Name.Name);
      return nullptr;
    }
    if (Sym.Absent) {
      Diags.report(Use.File, Use.Range, diag::ResourceNeverCreated, Sym.Decl->Name.Name);
      return nullptr;
    }
    if (Sym.Component) {
      if (Sym.Status == Symbol::State::Evaluating) {
        Diags.report(Use.File, Use.Range, diag::CyclicDefinition, Sym.Decl->Name.Name);
        return nullptr;
      }
      ValuePtr Instance = instantiate(Sym);
      return Instance ? Value::at(Instance, Use) : nullptr;
    }
    ValuePtr Ref = Value::intrinsic("Ref", {Value::string(Sym.LogicalId, Use)},
                                    ir::DeployType::String, Use, /*Single=*/true);
    return Value::withReference(std::move(Ref), Sym.CfnType.empty() ? "?" : Sym.CfnType, "");
  }
  case Symbol::Kind::LoopResource: {
    const std::vector<Scope *> &Iterations = loopIterations(*Sym.Home, Sym.Loop, Sym.File);
    if (BrokenLoops.count({Sym.Home, Sym.Loop}))
      return nullptr; // The loop's error was reported; a partial list would mislead.
    std::vector<ValuePtr> Instances;
    for (Scope *Iteration : Iterations) {
      Symbol *Inst = Iteration->Names.lookup(Sym.Decl->Name.Name);
      if (!Inst)
        continue;
      ValuePtr V = valueOf(*Iteration, *Inst, Use);
      if (!V)
        return nullptr;
      Instances.push_back(V);
    }
    return Value::list(std::move(Instances), Use);
  }
  case Symbol::Kind::Fn:
    Diags.report(Use.File, Use.Range, diag::NotAValue, Sym.Decl->Name.Name, "function");
    return nullptr;
  case Symbol::Kind::TypeAlias:
    Diags.report(Use.File, Use.Range, diag::NotAValue, Sym.Decl->Name.Name, "type");
    return nullptr;
  case Symbol::Kind::Component:
    Diags.report(Use.File, Use.Range, diag::NotAValue, Sym.Decl->Name.Name, "component");
    return nullptr;
  case Symbol::Kind::Import:
    Diags.report(Use.File, Use.Range, diag::NotAValue, Sym.ImportName,
                 "module; use its members, like " + Sym.ImportName + ".name");
    return nullptr;
  default:
    return nullptr;
  }
}

} // namespace cfc::sema
