// EvalExprs — expressions. Compile-time operands fold; deploy-time ones
// lower to intrinsics (Fn::Sub, Fn::If, Fn::Equals...), and what
// CloudFormation cannot compute at deploy time is an error saying so.
// A null ValuePtr means "already diagnosed": callers pass it on silently.
#include "Sema/Evaluator.h"

#include "Catalog/Catalog.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>

namespace cfc::sema {

using namespace ast;
using ir::DeployType;

ValuePtr Evaluator::eval(Scope &S, const Expr *E, FileId File) {
  if (Halted)
    return nullptr;
  if (EvalDepth >= ir::limits::EvaluationDepth.Value) {
    halt();
    Diags.report(File, E ? E->range() : SourceRange(), diag::EvaluationTooDeep,
                 ir::limits::EvaluationDepth.Value);
    return nullptr;
  }
  ++EvalDepth;
  ValuePtr V = evalUnchecked(S, E, File);
  --EvalDepth;
  if (!V || Halted)
    return nullptr;
  if (ir::valueBytesMade() > ir::limits::ValueMemory.Value) {
    halt();
    Diags.report(File, E->range(), diag::ExpansionLimit, ir::limits::ValueMemory.Value,
                 "bytes of compile-time values", " (does a loop make a large value on every turn?)");
    return nullptr;
  }
  if (V->depth() > ir::limits::ValueDepth.Value) {
    Diags.report(File, E->range(), diag::ValueTooDeep, V->depth(), ir::limits::ValueDepth.Value);
    return nullptr;
  }
  const ir::Limit *Over = nullptr;
  size_t Size = 0;
  if (V->kind() == Value::Kind::String && V->text().size() > ir::limits::StringBytes.Value)
    Over = &ir::limits::StringBytes, Size = V->text().size();
  else if (V->kind() == Value::Kind::List && V->elements().size() > ir::limits::ListElements.Value)
    Over = &ir::limits::ListElements, Size = V->elements().size();
  else if (V->kind() == Value::Kind::Object && V->fields().size() > ir::limits::ListElements.Value)
    Over = &ir::limits::ListElements, Size = V->fields().size();
  const char *Kind = V->kind() == Value::Kind::List     ? "list"
                     : V->kind() == Value::Kind::Object ? "object"
                                                        : "deploy-time value";
  if (!Over && V->expandedBytes() > ir::limits::ExpandedBytes.Value) {
    // Shared parts count where each appears: `let l1 = [l0, l0]` doubled
    // 40 times is small in memory and a terabyte written out.
    Diags.report(File, E->range(), diag::ValueTooLarge, Kind, V->expandedBytes(),
                 "bytes written out (shared parts counted where each appears)",
                 std::to_string(ir::limits::ExpandedBytes.Value) + " bytes written out");
    return nullptr;
  }
  if (!Over)
    return V;
  bool IsString = Over == &ir::limits::StringBytes;
  Diags.report(File, E->range(), diag::ValueTooLarge, IsString ? "string" : Kind, Size,
               IsString ? "bytes" : "elements",
               std::to_string(Over->Value) + (IsString ? " bytes" : " elements"));
  return nullptr;
}

bool Evaluator::spend(unsigned &Used, const ir::Limit &Limit, Origin Where, llvm::StringRef Hint) {
  if (++Used <= Limit.Value)
    return true;
  if (!ExpansionReported) {
    ExpansionReported = true;
    std::string What = Limit.What;
    What = What.substr(0, What.find(" per stack"));
    Diags.report(Where.File, Where.Range, diag::ExpansionLimit, Limit.Value, What, Hint.str());
  }
  return false;
}

bool Evaluator::spendTemplateBytes(const ValuePtr &V, Origin Where) {
  if (!V || Halted)
    return !Halted;
  uint64_t Bytes = V->expandedBytes();
  TemplateBytes = TemplateBytes > UINT64_MAX - Bytes ? UINT64_MAX : TemplateBytes + Bytes;
  // Emitted YAML is at least a quarter of the JSON bound: past four times
  // the limit, the template is too large in either format, and emitting (or
  // checking) it would only expand what is shared.
  if (TemplateBytes <= 4 * ir::limits::TemplateBody.Value)
    return true;
  halt();
  Diags.report(Where.File, Where.Range, diag::TemplateTooLarge,
               "more than " + std::to_string(ir::limits::TemplateBody.Value), ir::limits::TemplateBody.Value);
  return false;
}

ValuePtr Evaluator::evalUnchecked(Scope &S, const Expr *E, FileId File) {
  if (!E)
    return nullptr;
  Origin O = at(File, E);
  switch (E->kind()) {
  case Node::Kind::IntLit:
    return Value::integer(llvm::cast<IntLit>(E)->Value, O);
  case Node::Kind::NumberLit:
    return Value::number(llvm::cast<NumberLit>(E)->Spelling, O);
  case Node::Kind::BoolLit:
    return Value::boolean(llvm::cast<BoolLit>(E)->Value, O);
  case Node::Kind::NoneLit:
    return Value::none(O);
  case Node::Kind::DurationLit:
    return Value::duration(llvm::cast<DurationLit>(E)->milliseconds(), O);
  case Node::Kind::SizeLit:
    return Value::size(llvm::cast<SizeLit>(E)->bytes(), O);
  case Node::Kind::StringLit:
    return evalString(S, llvm::cast<StringLit>(E), File);
  case Node::Kind::NameRef:
    return evalName(S, llvm::cast<NameRef>(E), File);
  case Node::Kind::Member:
    return evalMember(S, llvm::cast<Member>(E), File);
  case Node::Kind::Index:
    return evalIndex(S, llvm::cast<ast::Index>(E), File);
  case Node::Kind::Call:
    return evalCall(S, llvm::cast<Call>(E), File);
  case Node::Kind::Unary:
    return evalUnary(S, llvm::cast<Unary>(E), File);
  case Node::Kind::Binary:
    return evalBinary(S, llvm::cast<Binary>(E), File);
  case Node::Kind::Conditional:
    return evalConditional(S, llvm::cast<Conditional>(E), File);
  case Node::Kind::List: {
    std::vector<ValuePtr> Elems;
    for (const Expr *X : llvm::cast<List>(E)->Elements) {
      ValuePtr V = eval(S, X, File);
      if (!V)
        return nullptr;
      Elems.push_back(V);
    }
    return Value::list(std::move(Elems), O);
  }
  case Node::Kind::Object:
    return evalObject(S, llvm::cast<Object>(E), File);
  default:
    return nullptr; // ErrorExpr: the parser reported it.
  }
}

ValuePtr Evaluator::evalName(Scope &S, const NameRef *E, FileId File) {
  if (Symbol *Sym = S.lookup(E->Id.Name)) {
    recordUse(File, E->range(), *Sym);
    recordParamUse(File, E->range(), *Sym);
    return valueOf(S, *Sym, at(File, E));
  }
  if (E->Id.Name == "aws") {
    Diags.report(File, E->range(), diag::NotAValue, "aws",
                 "namespace of pseudo parameters (aws.region, aws.accountId, ...)");
    return nullptr;
  }
  Diags.report(File, E->range(), diag::UnknownName, E->Id.Name,
               didYouMean(E->Id.Name, namesInScope(S)));
  return nullptr;
}

Symbol *Evaluator::moduleMember(Scope &S, const Member *E, FileId File, bool &IsModule) {
  IsModule = false;
  auto *BaseName = llvm::dyn_cast_or_null<NameRef>(E->Base);
  Symbol *Module = BaseName ? S.lookup(BaseName->Id.Name) : nullptr;
  if (!Module || Module->K != Symbol::Kind::Import)
    return nullptr;
  IsModule = true;
  recordUse(File, BaseName->range(), *Module);
  if (!Module->Module)
    return nullptr; // It failed to load: reported.
  if (Symbol *Sym = Module->Module->Names.lookup(E->Name.Name)) {
    recordUse(File, E->Name.Range, *Sym);
    return Sym;
  }
  std::vector<std::string> Names;
  for (const auto &Entry : Module->Module->Names)
    Names.push_back(Entry.getKey().str());
  std::sort(Names.begin(), Names.end());
  Diags.report(File, E->Name.Range, diag::UnknownName, BaseName->Id.Name + "." + E->Name.Name,
               didYouMean(E->Name.Name, Names));
  return nullptr;
}

ValuePtr Evaluator::evalMember(Scope &S, const Member *E, FileId File) {
  Origin O = at(File, E);
  auto *BaseName = llvm::dyn_cast_or_null<NameRef>(E->Base);
  if (BaseName && BaseName->Id.Name == "aws" && !S.lookup("aws"))
    return pseudoParameter(E->Name.Name, {File, E->Name.Range});
  // JSON's null, which `none` is not (none leaves a field out).
  if (BaseName && BaseName->Id.Name == "json" && E->Name.Name == "null" && !S.lookup("json"))
    return Value::jsonNull(O);
  bool IsModule;
  if (Symbol *Sym = moduleMember(S, E, File, IsModule))
    return valueOf(*Sym->Home, *Sym, O);
  if (IsModule)
    return nullptr;
  // `db.Endpoint.Address`: CloudFormation's dotted attribute names.
  if (ValuePtr Dotted = dottedAttribute(S, E, File))
    return Dotted;
  ValuePtr Base = eval(S, E->Base, File);
  if (!Base || !E->Name.valid())
    return nullptr;
  // A resource: its attribute, Fn::GetAtt.
  if (Base->kind() == Value::Kind::Intrinsic && Base->text() == "Ref" &&
      !Base->refersToType().empty()) {
    std::string Id = Base->elements()[0]->text();
    std::optional<DeployType> T = attributeType(Base->refersToType(), E->Name.Name,
                                                {File, E->Name.Range}, Id);
    if (!T)
      return nullptr;
    ValuePtr Get = Value::intrinsic("Fn::GetAtt", {Value::string(Id, O), Value::string(E->Name.Name, O)},
                                    *T, O);
    return Value::withReference(std::move(Get), Base->refersToType(), E->Name.Name);
  }
  if (Base->kind() == Value::Kind::Object) {
    if (ValuePtr F = Base->field(E->Name.Name)) {
      // What the user wrote, read out of a record by library code, keeps
      // its place in the user's text: a finding on it lands there (a bad
      // `schedule` of serverless.Function's `events`), not in the library.
      if (SM.isLibrary(File) && F->origin().File && !SM.isLibrary(F->origin().File))
        return F;
      return Value::at(F, O);
    }
    std::vector<std::string> Keys;
    for (const auto &F : Base->fields())
      Keys.push_back(F.first);
    Diags.report(File, E->Name.Range, diag::NoSuchField, "the object", E->Name.Name,
                 didYouMean(E->Name.Name, Keys));
    return nullptr;
  }
  if (Base->kind() == Value::Kind::List && !Base->elements().empty() &&
      Base->elements()[0]->kind() == Value::Kind::Intrinsic) {
    Diags.report(File, E->Name.Range, diag::NotAResource,
                 "a list of resources made by a 'for' loop",
                 "") .fix("pick one with [index]", {E->Name.Range.Begin - 1, E->Name.Range.Begin - 1}, "[0]");
    return nullptr;
  }
  Diags.report(File, E->Base->range(), diag::NotAResource, describe(*Base), "");
  return nullptr;
}

ValuePtr Evaluator::dottedAttribute(Scope &S, const Member *E, FileId File) {
  auto *Inner = llvm::dyn_cast_or_null<Member>(E->Base);
  if (!Inner || !Catalog || !E->Name.valid() || !Inner->Name.valid())
    return nullptr;
  auto *Root = llvm::dyn_cast_or_null<NameRef>(Inner->Base);
  Symbol *Sym = Root ? S.lookup(Root->Id.Name) : nullptr;
  if (!Sym || Sym->K != Symbol::Kind::Resource)
    return nullptr;
  prepareResource(*Sym);
  const catalog::ResourceType *RT = Sym->CfnType.empty() ? nullptr : Catalog->lookup(Sym->CfnType);
  std::string Name = Inner->Name.Name + "." + E->Name.Name;
  if (!RT || !RT->findAttribute(Name))
    return nullptr;
  ValuePtr Base = evalName(S, Root, File);
  if (!Base)
    return nullptr;
  Origin O = at(File, E);
  std::optional<DeployType> T = attributeType(Sym->CfnType, Name, O, Sym->LogicalId);
  ValuePtr Get = Value::intrinsic("Fn::GetAtt", {Value::string(Sym->LogicalId, O), Value::string(Name, O)},
                                  T.value_or(DeployType::String), O);
  return Value::withReference(std::move(Get), Sym->CfnType, Name);
}

ValuePtr Evaluator::evalIndex(Scope &S, const ast::Index *E, FileId File) {
  ValuePtr Base = eval(S, E->Base, File);
  ValuePtr Key = eval(S, E->Subscript, File);
  if (!Base || !Key)
    return nullptr;
  Origin O = at(File, E);
  if (Base->kind() == Value::Kind::Object && Key->kind() == Value::Kind::String) {
    if (ValuePtr F = Base->field(Key->text()))
      return F;
    Diags.report(File, E->Subscript->range(), diag::NoSuchField, "the object", Key->text(), "");
    return nullptr;
  }
  bool ListLike = Base->kind() == Value::Kind::List ||
                  (Base->kind() == Value::Kind::Intrinsic && Base->deployType() == DeployType::StringList);
  if (!ListLike || (Key->kind() != Value::Kind::Int && Key->isConstant())) {
    Diags.report(File, E->range(), diag::InvalidOperands, "[]", describe(*Base), describe(*Key));
    return nullptr;
  }
  if (Base->kind() == Value::Kind::List && Key->kind() == Value::Kind::Int) {
    int64_t I = Key->asInt();
    if (I < 0 || I >= static_cast<int64_t>(Base->elements().size())) {
      Diags.report(File, E->Subscript->range(), diag::IndexOutOfRange, I, Base->elements().size());
      return nullptr;
    }
    return Base->elements()[I];
  }
  return Value::intrinsic("Fn::Select", {Key, Base}, DeployType::String, O);
}

/// The text of a compile-time scalar inside a string, or "" with Ok false.
static std::string scalarText(const Value &V, bool &Ok) {
  Ok = true;
  switch (V.kind()) {
  case Value::Kind::String: return V.text();
  case Value::Kind::Int: return std::to_string(V.asInt());
  case Value::Kind::Number: return V.text();
  case Value::Kind::Bool: return V.asBool() ? "true" : "false";
  default: Ok = false; return "";
  }
}

ValuePtr Evaluator::evalString(Scope &S, const StringLit *E, FileId File) {
  Origin O = at(File, E);
  // The interpolated values, null for the literal parts: those become
  // values of their own only for Fn::Sub, not for the common string whose
  // parts are all known now.
  std::vector<ValuePtr> Values(E->Parts.size());
  bool AllConstant = true;
  for (size_t I = 0; I < E->Parts.size(); ++I) {
    const StringLit::Part &P = E->Parts[I];
    if (!P.Value)
      continue;
    ValuePtr V = eval(S, P.Value, File);
    if (!V)
      return nullptr;
    bool Ok = true;
    if (V->isConstant()) {
      if (V->kind() != Value::Kind::String) // A string is one: no copy of it to find out.
        scalarText(*V, Ok);
    } else
      Ok = V->deployType() != DeployType::StringList && V->deployType() != DeployType::Json;
    if (!Ok) {
      std::string Hint = V->kind() == Value::Kind::Duration ? "convert it first, e.g. ${seconds(x)}"
                         : V->kind() == Value::Kind::Size   ? "convert it first, e.g. ${mb(x)}"
                                                            : "only strings, numbers and bools can be interpolated";
      Diags.report(File, P.Value->range(), diag::TypeMismatch, "interpolation", "a scalar",
                   describe(*V) + " (" + Hint + ")");
      return nullptr;
    }
    AllConstant &= V->isConstant();
    Values[I] = std::move(V);
  }
  if (!AllConstant) {
    std::vector<ValuePtr> Pieces;
    Pieces.reserve(Values.size());
    for (size_t I = 0; I < Values.size(); ++I) {
      const StringLit::Part &P = E->Parts[I];
      Pieces.push_back(Values[I] ? std::move(Values[I]) : Value::string(P.Text, {File, P.Range}));
    }
    return substitute(Pieces, O);
  }
  std::string Text;
  for (size_t I = 0; I < Values.size(); ++I) {
    const Value *V = Values[I].get();
    bool Ok;
    if (!V)
      Text += E->Parts[I].Text;
    else if (V->kind() == Value::Kind::String)
      Text += V->text(); // No copy of a long string first.
    else
      Text += scalarText(*V, Ok);
  }
  return Value::string(std::move(Text), O);
}

ValuePtr Evaluator::substitute(const std::vector<ValuePtr> &Pieces, Origin O) {
  std::string Template;
  std::vector<std::pair<std::string, ValuePtr>> Vars;
  for (const ValuePtr &V : Pieces) {
    if (V->isConstant()) {
      bool Ok;
      std::string Text = scalarText(*V, Ok);
      // A literal "${" would read as a variable: Fn::Sub writes it "${!".
      for (size_t I = 0; I < Text.size(); ++I) {
        Template += Text[I];
        if (Text[I] == '$' && I + 1 < Text.size() && Text[I + 1] == '{')
          Template += "{!", ++I;
      }
      continue;
    }
    if (V->text() == "Ref" && V->singleArgument()) {
      Template += "${" + V->elements()[0]->text() + "}";
      continue;
    }
    if (V->text() == "Fn::GetAtt" && V->elements().size() == 2 && V->elements()[0]->isConstant() &&
        V->elements()[1]->isConstant()) {
      Template += "${" + V->elements()[0]->text() + "." + V->elements()[1]->text() + "}";
      continue;
    }
    if (V->text() == "Fn::Sub" && V->singleArgument()) {
      Template += V->elements()[0]->text(); // Already in Sub syntax.
      continue;
    }
    std::string Name = "Var" + std::to_string(Vars.size() + 1);
    Template += "${" + Name + "}";
    Vars.emplace_back(Name, V);
  }
  if (Vars.empty())
    return Value::intrinsic("Fn::Sub", {Value::string(Template, O)}, DeployType::String, O, true);
  return Value::intrinsic("Fn::Sub", {Value::string(Template, O), Value::object(std::move(Vars), O)},
                          DeployType::String, O);
}

/// A deploy-time value usable as a condition: conditions stay, a bool
/// parameter compares with "true"; anything else is null.
ValuePtr asCondition(const ValuePtr &V) {
  if (V->kind() != Value::Kind::Intrinsic)
    return nullptr;
  if (V->deployType() == DeployType::Condition)
    return V;
  if (V->deployType() == DeployType::Bool)
    return Value::intrinsic("Fn::Equals", {V, Value::string("true", V->origin())},
                            DeployType::Condition, V->origin());
  return nullptr;
}

std::string Evaluator::nameCondition(const ValuePtr &Cond, llvm::StringRef Hint) {
  ValuePtr C = asCondition(Cond);
  if (C && C->text() == "Condition")
    return C->elements()[0]->text();
  std::string Name = Hint.empty() ? "Condition" + std::to_string(++AnonymousConditions) : Hint.str();
  // Conditions share no namespace with resources in CloudFormation, but a
  // distinct name keeps templates readable; number repeats.
  std::string Unique = Name;
  for (unsigned N = 2; std::any_of(Out.Conditions.begin(), Out.Conditions.end(),
                                   [&](const ir::Condition &X) { return X.LogicalId == Unique; });
       ++N)
    Unique = Name + std::to_string(N);
  Out.Conditions.push_back({Unique, C ? C : Cond, Cond->origin()});
  return Unique;
}

ValuePtr Evaluator::evalUnary(Scope &S, const Unary *E, FileId File) {
  ValuePtr V = eval(S, E->Operand, File);
  if (!V)
    return nullptr;
  Origin O = at(File, E);
  if (E->Op == UnaryOp::Not) {
    if (V->kind() == Value::Kind::Bool)
      return Value::boolean(!V->asBool(), O);
    if (ValuePtr C = asCondition(V))
      return Value::intrinsic("Fn::Not", {C}, DeployType::Condition, O);
    Diags.report(File, E->range(), diag::TypeMismatch, "'!'", "a bool", describe(*V));
    return nullptr;
  }
  switch (V->kind()) {
  case Value::Kind::Int: return Value::integer(-V->asInt(), O);
  case Value::Kind::Number:
    return Value::number(V->text()[0] == '-' ? V->text().substr(1) : "-" + V->text(), O);
  case Value::Kind::Duration: return Value::duration(-V->asInt(), O);
  case Value::Kind::Size: return Value::size(-V->asInt(), O);
  default:
    break;
  }
  if (!V->isConstant()) {
    Diags.report(File, E->range(), diag::DeployTimeOperation, "-",
                 "it has no arithmetic; compute the value before deploying");
    return nullptr;
  }
  Diags.report(File, E->range(), diag::TypeMismatch, "'-'", "a number", describe(*V));
  return nullptr;
}

ValuePtr Evaluator::evalConditional(Scope &S, const Conditional *E, FileId File) {
  ValuePtr Cond = eval(S, E->Cond, File);
  if (!Cond)
    return nullptr;
  Origin O = at(File, E);
  if (Cond->kind() == Value::Kind::Bool)
    return eval(S, Cond->asBool() ? E->Then : E->Else, File);
  if (!asCondition(Cond)) {
    Diags.report(File, E->Cond->range(), diag::TypeMismatch, "the condition of '?:'", "a bool",
                 describe(*Cond));
    return nullptr;
  }
  ValuePtr Then = eval(S, E->Then, File), Else = eval(S, E->Else, File);
  if (!Then || !Else)
    return nullptr;
  auto NoValue = [](const ValuePtr &V) {
    return V->kind() == Value::Kind::None
               ? Value::intrinsic("Ref", {Value::string("AWS::NoValue", V->origin())},
                                  DeployType::Json, V->origin(), true)
               : V;
  };
  std::string Name = nameCondition(Cond, "");
  DeployType T = Then->kind() == Value::Kind::String || Then->deployType() == DeployType::String
                     ? DeployType::String
                     : DeployType::Json;
  return Value::intrinsic("Fn::If", {Value::string(Name, O), NoValue(Then), NoValue(Else)}, T, O);
}

ValuePtr Evaluator::evalObject(Scope &S, const Object *E, FileId File) {
  std::vector<std::pair<std::string, ValuePtr>> Fields;
  Fields.reserve(E->Fields.size());
  // Keys seen, hashed: searching the fields for each one made an object of
  // 60,000 fields take 10 s. Most objects are small: their keys are
  // compared in place, without a table to fill and free for each.
  constexpr size_t FewKeys = 16;
  bool Hashed = E->Fields.size() > FewKeys;
  llvm::StringSet<> Seen;
  llvm::SmallVector<llvm::StringRef, FewKeys> Few;
  auto firstTime = [&](llvm::StringRef Key) {
    if (Hashed)
      return Seen.insert(Key).second;
    if (llvm::is_contained(Few, Key))
      return false;
    Few.push_back(Key);
    return true;
  };
  bool Failed = false;
  for (const Object::Field &F : E->Fields) {
    if (!F.Key.valid() && !F.QuotedKey)
      continue;
    if (!firstTime(F.Key.Name)) {
      Diags.report(File, F.Key.Range, diag::DuplicateName, F.Key.Name);
      continue;
    }
    ValuePtr V = eval(S, F.Value, File);
    if (!V) {
      Failed = true;
      continue;
    }
    Fields.emplace_back(F.Key.Name, V);
  }
  if (Failed)
    return nullptr;
  return Value::object(std::move(Fields), at(File, E));
}

} // namespace cfc::sema
