// Builtins — pseudo parameters (aws.region...), the built-in functions
// (join, split, azs, cidr, base64, importValue, ssm, secret, asset, unit
// conversions, ...), the escape hatches raw(...) and @attributes(...) for
// what has no idiom, and calls of user functions; and the table that
// describes the functions to people (BuiltinFunctions.h).
#include "Sema/BuiltinFunctions.h"
#include "Sema/Evaluator.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Base64.h"

namespace cfc::sema {

using namespace ast;
using ir::DeployType;

namespace {

struct Pseudo {
  const char *Name;
  const char *Ref;
  DeployType Type;
};

const Pseudo PseudoParameters[] = {
    {"accountId", "AWS::AccountId", DeployType::String},
    {"notificationArns", "AWS::NotificationARNs", DeployType::StringList},
    {"noValue", "AWS::NoValue", DeployType::Json},
    {"partition", "AWS::Partition", DeployType::String},
    {"region", "AWS::Region", DeployType::String},
    {"stackId", "AWS::StackId", DeployType::String},
    {"stackName", "AWS::StackName", DeployType::String},
    {"urlSuffix", "AWS::URLSuffix", DeployType::String},
};

/// Milliseconds or bytes per unit of the conversion functions.
struct Conversion {
  const char *Name;
  Value::Kind From;
  int64_t Per;
  const char *Unit;
};

const Conversion Conversions[] = {
    {"milliseconds", Value::Kind::Duration, 1, "milliseconds"},
    {"seconds", Value::Kind::Duration, 1000, "seconds"},
    {"minutes", Value::Kind::Duration, 60 * 1000, "minutes"},
    {"hours", Value::Kind::Duration, 3600 * 1000, "hours"},
    {"days", Value::Kind::Duration, 86400 * 1000, "days"},
    {"bytes", Value::Kind::Size, 1, "bytes"},
    {"kb", Value::Kind::Size, 1000, "KB"},
    {"mb", Value::Kind::Size, 1000 * 1000, "MB"},
    {"gb", Value::Kind::Size, 1000 * 1000 * 1000, "GB"},
    {"kib", Value::Kind::Size, 1 << 10, "KiB"},
    {"mib", Value::Kind::Size, 1 << 20, "MiB"},
    {"gib", Value::Kind::Size, 1 << 30, "GiB"},
};

/// The functions evalCall implements, as people read them (the
/// conversions are added from Conversions).
std::vector<BuiltinFunction> describedFunctions() {
  const char *Object = "{string: json}";
  return {
      {"asset",
       {{"path", "string", "A folder or a file, relative to this file, such as `\"./handlers\"`."},
        {"options", "{bundle: \"esbuild\", entry?: string, sourceMap?: bool, target?: string}",
         "Bundle a Node.js folder (with a package.json) into one file with esbuild.", true}},
       "{bucket: string, key: string}",
       "A local folder or file packaged as a zip: `bucket` is the stack's `AssetBucket` parameter, `key` "
       "`assets/<sha256 of the content>.zip`; `cfc build` writes the zip next to the template. "
       "The shape of `serverless.Function`'s `s3Code`."},
      {"azs", {{"region", "string", "The region; the stack's own when left out.", true}}, "[string]",
       "The Availability Zones of a region (`Fn::GetAZs`)."},
      {"base64", {{"text", "string", "The text to encode."}}, "string",
       "The text in Base64: computed when known at compile time, else `Fn::Base64`."},
      {"cidr",
       {{"block", "string", "The CIDR block to divide, such as `\"10.0.0.0/16\"`."},
        {"count", "int", "How many blocks to make."},
        {"bits", "int", "The host bits of each block (8 makes /24s in a /16)."}},
       "[string]", "`count` CIDR blocks carved from `block` (`Fn::Cidr`)."},
      {"importValue", {{"name", "string", "The name another stack exports the value under."}}, "string",
       "A value another stack exports (`Fn::ImportValue`)."},
      {"join",
       {{"separator", "string", "Put between the elements."}, {"list", "[string]", "The strings to join."}},
       "string",
       "The strings of a list joined into one: computed when known at compile time, else `Fn::Join`."},
      {"has",
       {{"value", "json", "Any value, such as one element of a list of a union of records."},
        {"key", "string", "The field's name, known at compile time."}},
       "bool",
       "Whether the value is an object with the field `key`, not `none`: tells which record of a union "
       "a value is (`has(event, \"queue\")`), or whether an optional field was given."},
      {"keys", {{"object", Object, "The object."}}, "[string]", "The keys of an object, in order."},
      {"length", {{"value", "[json] | string | " + std::string(Object), "A list, a string or an object."}},
       "int",
       "The elements of a list, the bytes of a string or the fields of an object; known at compile time."},
      {"lower", {{"text", "string", "A string known at compile time."}}, "string", "The text in lower case."},
      {"merge", {{"objects", Object, "The objects, later ones winning.", false, true}}, Object,
       "The fields of every object, in the order they first appear; a later object's value wins."},
      {"raw",
       {{"function", std::string(Object) + " | string",
         "One key naming the function, its arguments as the value; or a string to write as it is."}},
       "json",
       "A CloudFormation function cfc has no idiom for, written as it is: "
       "`raw({\"Fn::FindInMap\": [\"Map\", aws.region, \"AMI\"]})`; or a string where the property "
       "wants another type, as an imported template spells it (`raw(\"True\")` for a bool). "
       "The result is not type-checked."},
      {"secret", {{"id", "string", "The secret's name or ARN; `\"id:key\"` picks one key of a JSON secret."}},
       "string",
       "A dynamic reference to Secrets Manager: CloudFormation resolves it at deploy time and never "
       "stores the value."},
      {"select", {{"index", "int", "The position, from 0."}, {"list", "[json]", "The list."}}, "json",
       "One element of a list: computed when known at compile time, else `Fn::Select`."},
      {"split",
       {{"separator", "string", "Where to cut."}, {"text", "string", "The string to cut."}}, "[string]",
       "The pieces of a string: computed when known at compile time, else `Fn::Split`."},
      {"ssm", {{"name", "string", "The parameter's name, such as `\"/app/url\"`."}}, "string",
       "A dynamic reference to a Systems Manager parameter, resolved by CloudFormation at deploy time."},
      {"upper", {{"text", "string", "A string known at compile time."}}, "string", "The text in upper case."},
      {"values", {{"object", Object, "The object."}}, "[json]",
       "The values of an object, in the order of its keys."},
  };
}

} // namespace

std::string BuiltinFunction::label() const {
  std::string S = Name + "(";
  for (size_t I = 0; I < Params.size(); ++I) {
    const BuiltinParameter &P = Params[I];
    S += (I ? ", " : "") + P.Name + (P.Optional ? "?: " : ": ") + P.Type + (P.Variadic ? "..." : "");
  }
  return S + ") -> " + Result;
}

std::vector<std::pair<unsigned, unsigned>> BuiltinFunction::parameterOffsets() const {
  std::vector<std::pair<unsigned, unsigned>> Offsets;
  unsigned At = static_cast<unsigned>(Name.size() + 1);
  for (const BuiltinParameter &P : Params) {
    unsigned Length = static_cast<unsigned>(P.Name.size() + (P.Optional ? 3 : 2) + P.Type.size() +
                                            (P.Variadic ? 3 : 0));
    Offsets.push_back({At, At + Length});
    At += Length + 2; // ", "
  }
  return Offsets;
}

const std::vector<BuiltinFunction> &builtinFunctions() {
  static const std::vector<BuiltinFunction> All = [] {
    std::vector<BuiltinFunction> Fns = describedFunctions();
    for (const Conversion &C : Conversions) {
      bool Duration = C.From == Value::Kind::Duration;
      Fns.push_back({C.Name,
                     {{Duration ? "d" : "s", Duration ? "duration" : "size",
                       Duration ? "A duration, such as `90s`." : "A size, such as `128MB`."}},
                     "int",
                     std::string("The ") + (Duration ? "duration" : "size") + " in " + C.Unit +
                         (C.Per == 1 ? "." : "; a value that is not a whole number of them is an error.")});
    }
    std::sort(Fns.begin(), Fns.end(), [](const auto &A, const auto &B) { return A.Name < B.Name; });
    return Fns;
  }();
  return All;
}

const BuiltinFunction *findBuiltinFunction(llvm::StringRef Name) {
  for (const BuiltinFunction &F : builtinFunctions())
    if (F.Name == Name)
      return &F;
  return nullptr;
}

ValuePtr Evaluator::pseudoParameter(llvm::StringRef Name, Origin O) {
  // A stack built for a known region (--region, cfc.yaml) knows it now, so
  // assertions on it are checked by cfc rather than by CloudFormation.
  if (Name == "region" && !Opts.Region.empty())
    return Value::string(Opts.Region, O);
  for (const Pseudo &P : PseudoParameters)
    if (Name == P.Name)
      return Value::intrinsic("Ref", {Value::string(P.Ref, O)}, P.Type, O, /*Single=*/true);
  std::vector<std::string> Names;
  for (const Pseudo &P : PseudoParameters)
    Names.push_back(P.Name);
  Diags.report(O.File, O.Range, diag::UnknownName, ("aws." + Name).str(),
               didYouMean(Name, Names).empty() ? "" : "; did you mean 'aws." + closest(Name, Names) + "'?");
  return nullptr;
}

ValuePtr Evaluator::evalCall(Scope &S, const Call *E, FileId File) {
  Origin O = at(File, E);
  // `module.fn(args)`: a function of an imported module.
  if (auto *M = llvm::dyn_cast_or_null<Member>(E->Callee)) {
    bool IsModule;
    Symbol *Sym = moduleMember(S, M, File, IsModule);
    if (IsModule) {
      if (!Sym)
        return nullptr;
      if (Sym->K != Symbol::Kind::Fn) {
        Diags.report(File, M->range(), diag::NotCallable, M->Name.Name);
        return nullptr;
      }
      std::vector<ValuePtr> Args;
      for (const Expr *A : E->Args) {
        ValuePtr V = eval(S, A, File);
        if (!V)
          return nullptr;
        Args.push_back(V);
      }
      return callUserFn(S, *Sym, E, std::move(Args), File);
    }
  }
  auto *Callee = llvm::dyn_cast_or_null<NameRef>(E->Callee);
  if (!Callee) {
    // The message quotes what was called, as written ('items[0]'), cut
    // short so a long expression does not swamp it.
    SourceRange R = E->Callee ? E->Callee->range() : E->range();
    llvm::StringRef Written = SM.text(File).slice(R.Begin, R.End);
    std::string Shown = Written.size() > 40 || Written.contains('\n')
                            ? Written.take_until([](char C) { return C == '\n'; }).take_front(37).str() + "..."
                            : Written.str();
    Diags.report(File, R, diag::NotCallable, Shown);
    return nullptr;
  }
  const std::string &Name = Callee->Id.Name;
  std::vector<ValuePtr> Args;
  for (const Expr *A : E->Args) {
    ValuePtr V = eval(S, A, File);
    if (!V)
      return nullptr;
    Args.push_back(V);
  }
  if (Symbol *Sym = S.lookup(Name)) {
    recordUse(File, Callee->range(), *Sym);
    if (Sym->K == Symbol::Kind::Fn)
      return callUserFn(S, *Sym, E, std::move(Args), File);
    Diags.report(File, Callee->range(), diag::NotCallable, Name);
    return nullptr;
  }
  auto Arity = [&](size_t Min, size_t Max, const char *Says) {
    if (Args.size() >= Min && Args.size() <= Max)
      return true;
    Diags.report(File, E->range(), diag::WrongArgumentCount, Name, Says, Args.size());
    return false;
  };
  auto Want = [&](size_t I, bool Ok, const char *What) {
    if (!Ok)
      Diags.report(File, E->Args[I]->range(), diag::TypeMismatch,
                   "argument " + std::to_string(I + 1) + " of '" + Name + "'", What, describe(*Args[I]));
    return Ok;
  };
  auto IsString = [](const ValuePtr &V) {
    return V->kind() == Value::Kind::String ||
           (V->kind() == Value::Kind::Intrinsic && V->deployType() == DeployType::String);
  };
  auto IsList = [](const ValuePtr &V) {
    return V->kind() == Value::Kind::List ||
           (V->kind() == Value::Kind::Intrinsic && V->deployType() == DeployType::StringList);
  };

  for (const Conversion &C : Conversions) {
    if (Name != C.Name)
      continue;
    if (!Arity(1, 1, "one argument") ||
        !Want(0, Args[0]->kind() == C.From, C.From == Value::Kind::Duration ? "a duration" : "a size"))
      return nullptr;
    if (Args[0]->asInt() % C.Per != 0) {
      Diags.report(File, E->Args[0]->range(), diag::InexactConversion,
                   C.From == Value::Kind::Duration ? "the duration" : "the size", C.Unit);
      return nullptr;
    }
    return Value::integer(Args[0]->asInt() / C.Per, O);
  }

  if (Name == "join") {
    if (!Arity(2, 2, "a separator and a list") || !Want(0, Args[0]->kind() == Value::Kind::String, "a string") ||
        !Want(1, IsList(Args[1]), "a list"))
      return nullptr;
    if (Args[1]->isConstant()) {
      std::vector<std::string> Parts;
      for (const ValuePtr &V : Args[1]->elements()) {
        if (!Want(1, V->kind() == Value::Kind::String, "a list of strings"))
          return nullptr;
        Parts.push_back(V->text());
      }
      return Value::string(llvm::join(Parts, Args[0]->text()), O);
    }
    return Value::intrinsic("Fn::Join", {Args[0], Args[1]}, DeployType::String, O);
  }
  if (Name == "split") {
    if (!Arity(2, 2, "a separator and a string") || !Want(0, Args[0]->kind() == Value::Kind::String, "a string") ||
        !Want(1, IsString(Args[1]), "a string"))
      return nullptr;
    if (Args[1]->isConstant()) {
      llvm::SmallVector<llvm::StringRef, 8> Parts;
      llvm::StringRef(Args[1]->text()).split(Parts, Args[0]->text());
      std::vector<ValuePtr> Elems;
      for (llvm::StringRef P : Parts)
        Elems.push_back(Value::string(P.str(), O));
      return Value::list(std::move(Elems), O);
    }
    return Value::intrinsic("Fn::Split", {Args[0], Args[1]}, DeployType::StringList, O);
  }
  if (Name == "select") {
    if (!Arity(2, 2, "an index and a list") || !Want(0, Args[0]->kind() == Value::Kind::Int || !Args[0]->isConstant(), "an int") ||
        !Want(1, IsList(Args[1]), "a list"))
      return nullptr;
    if (Args[0]->isConstant() && Args[1]->isConstant()) {
      int64_t I = Args[0]->asInt();
      if (I < 0 || I >= static_cast<int64_t>(Args[1]->elements().size())) {
        Diags.report(File, E->Args[0]->range(), diag::IndexOutOfRange, I, Args[1]->elements().size());
        return nullptr;
      }
      return Args[1]->elements()[I];
    }
    return Value::intrinsic("Fn::Select", {Args[0], Args[1]}, DeployType::String, O);
  }
  if (Name == "merge") {
    // merge(a, b, ...): the fields of every object, later ones winning, in
    // the order they first appear.
    if (Args.empty()) {
      Arity(1, ~size_t(0), "one or more objects");
      return nullptr;
    }
    std::vector<std::pair<std::string, ValuePtr>> Fields;
    llvm::StringMap<size_t> Index; // Each key's place in Fields: a search per key is quadratic.
    for (size_t I = 0; I < Args.size(); ++I) {
      if (!Want(I, Args[I]->kind() == Value::Kind::Object, "an object"))
        return nullptr;
      for (const auto &Field : Args[I]->fields()) {
        auto [It, New] = Index.try_emplace(Field.first, Fields.size());
        if (New)
          Fields.emplace_back(Field.first, Field.second);
        else
          Fields[It->second].second = Field.second;
      }
    }
    return Value::object(std::move(Fields), O);
  }
  if (Name == "has") {
    // A compile-time answer: which record of a union a value is decides
    // which resources a component makes, and resources are made at compile time.
    // Any value may be asked: in a union of a resource and a record, a
    // reference has no fields.
    if (!Arity(2, 2, "a value and a field name") ||
        !Want(1, Args[1]->kind() == Value::Kind::String, "a string known at compile time"))
      return nullptr;
    ValuePtr Field = Args[0]->kind() == Value::Kind::Object ? Args[0]->field(Args[1]->text()) : nullptr;
    return Value::boolean(Field && Field->kind() != Value::Kind::None, O);
  }
  if (Name == "keys" || Name == "values") {
    if (!Arity(1, 1, "one object") || !Want(0, Args[0]->kind() == Value::Kind::Object, "an object"))
      return nullptr;
    std::vector<ValuePtr> Elems;
    // Keys take the place of the object where the user wrote it, so that a
    // library's check of a key (a route "GTE /x") is reported on the
    // user's object, not on the whole instance. (Values do not keep the
    // place of each key.)
    const Origin &Written = Args[0]->origin();
    Origin KeyOrigin = Written.File && !SM.isLibrary(Written.File) ? Written : O;
    for (const auto &Field : Args[0]->fields())
      Elems.push_back(Name == "keys" ? Value::string(Field.first, KeyOrigin) : Field.second);
    return Value::list(std::move(Elems), O);
  }
  if (Name == "length") {
    if (!Arity(1, 1, "one list or string"))
      return nullptr;
    if (Args[0]->kind() == Value::Kind::List)
      return Value::integer(static_cast<int64_t>(Args[0]->elements().size()), O);
    if (Args[0]->kind() == Value::Kind::String)
      return Value::integer(static_cast<int64_t>(Args[0]->text().size()), O);
    if (Args[0]->kind() == Value::Kind::Object)
      return Value::integer(static_cast<int64_t>(Args[0]->fields().size()), O);
    Want(0, false, "a list, an object or a string known at compile time");
    return nullptr;
  }
  if (Name == "upper" || Name == "lower") {
    if (!Arity(1, 1, "one string") || !Want(0, Args[0]->kind() == Value::Kind::String, "a string known at compile time"))
      return nullptr;
    return Value::string(Name == "upper" ? llvm::StringRef(Args[0]->text()).upper()
                                         : llvm::StringRef(Args[0]->text()).lower(), O);
  }
  if (Name == "azs") {
    if (!Arity(0, 1, "an optional region"))
      return nullptr;
    ValuePtr Region = Args.empty() ? Value::string("", O) : Args[0];
    if (!Args.empty() && !Want(0, IsString(Region), "a string"))
      return nullptr;
    return Value::intrinsic("Fn::GetAZs", {Region}, DeployType::StringList, O, /*Single=*/true);
  }
  if (Name == "cidr") {
    if (!Arity(3, 3, "a CIDR block, a count and the subnet bits") || !Want(0, IsString(Args[0]), "a string") ||
        !Want(1, Args[1]->kind() == Value::Kind::Int || !Args[1]->isConstant(), "an int") ||
        !Want(2, Args[2]->kind() == Value::Kind::Int || !Args[2]->isConstant(), "an int"))
      return nullptr;
    return Value::intrinsic("Fn::Cidr", Args, DeployType::StringList, O);
  }
  if (Name == "base64") {
    if (!Arity(1, 1, "one string") || !Want(0, IsString(Args[0]), "a string"))
      return nullptr;
    if (Args[0]->isConstant())
      return Value::string(llvm::encodeBase64(Args[0]->text()), O);
    return Value::intrinsic("Fn::Base64", {Args[0]}, DeployType::String, O, /*Single=*/true);
  }
  if (Name == "raw") {
    // raw({"Fn::X": args}): a function cfc has no idiom for (Fn::FindInMap,
    // Fn::Transform...), written as it is; CloudFormation checks it at
    // deploy time, so its result is any JSON value. raw("True"): a string
    // kept as an imported template spells it where another type is due.
    if (Args.size() == 1 && Args[0]->kind() == Value::Kind::String && Args[0]->isConstant())
      return Value::verbatim(Args[0]->text(), O);
    if (!Arity(1, 1, "one object naming a function") ||
        !Want(0, Args[0]->kind() == Value::Kind::Object && Args[0]->fields().size() == 1,
              "an object with one key, like {\"Fn::FindInMap\": [...]}, or a string"))
      return nullptr;
    const auto &[Fn, Arg] = Args[0]->fields()[0];
    if (Arg->kind() == Value::Kind::List)
      return Value::intrinsic(Fn, Arg->elements(), DeployType::Json, O);
    return Value::intrinsic(Fn, {Arg}, DeployType::Json, O, /*Single=*/true);
  }
  if (Name == "importValue") {
    if (!Arity(1, 1, "an export name") || !Want(0, IsString(Args[0]), "a string"))
      return nullptr;
    return Value::intrinsic("Fn::ImportValue", {Args[0]}, DeployType::String, O, /*Single=*/true);
  }
  if (Name == "asset")
    return evalAsset(E, Args, File);
  if (Name == "ssm" || Name == "secret") {
    if (!Arity(1, 1, Name == "ssm" ? "a parameter name" : "a secret id, optionally \"id:key\"") ||
        !Want(0, Args[0]->kind() == Value::Kind::String, "a string known at compile time"))
      return nullptr;
    // Dynamic references: CloudFormation resolves them at deploy time and
    // never stores the value in the template.
    if (Name == "ssm")
      return Value::string("{{resolve:ssm:" + Args[0]->text() + "}}", O);
    auto [Id, Key] = llvm::StringRef(Args[0]->text()).split(':');
    return Value::string("{{resolve:secretsmanager:" + Id.str() +
                             (Key.empty() ? "" : ":SecretString:" + Key.str()) + "}}", O);
  }

  std::vector<std::string> Candidates = namesInScope(S);
  for (const BuiltinFunction &F : builtinFunctions())
    Candidates.push_back(F.Name);
  Diags.report(File, Callee->range(), diag::UnknownName, Name, didYouMean(Name, Candidates));
  return nullptr;
}

ValuePtr Evaluator::rawAttributes(Scope &S, const Decorator *D, FileId File) {
  if (D->Args.size() == 1) {
    ValuePtr V = eval(S, D->Args[0], File);
    if (!V || V->kind() == Value::Kind::Object)
      return V; // Null: the argument's error was reported.
  }
  Diags.report(File, D->range(), diag::InvalidDecorator, "attributes",
               "takes one object of keys to write as they are");
  return nullptr;
}

ValuePtr Evaluator::callUserFn(Scope &S, Symbol &Fn, const Call *E, std::vector<ValuePtr> Args,
                               FileId File) {
  auto *D = llvm::cast<FnDecl>(Fn.Decl);
  if (Args.size() != D->Params.size()) {
    Diags.report(File, E->range(), diag::WrongArgumentCount, D->Name.Name,
                 std::to_string(D->Params.size()) + (D->Params.size() == 1 ? " argument" : " arguments"),
                 Args.size());
    return nullptr;
  }
  constexpr unsigned MaxCallDepth = 64;
  if (CallDepth >= MaxCallDepth) {
    Diags.report(File, E->range(), diag::RecursionTooDeep, MaxCallDepth, D->Name.Name);
    return nullptr;
  }
  if (!spend(CallsUsed, ir::limits::FunctionCalls, at(File, E),
             "; does '" + D->Name.Name + "' call itself more than once?"))
    return nullptr;
  Scope &Frame = newScope(Fn.Home);
  // A library function's body is library code: its diagnostics move to the
  // user's code that called it (see relocate), through its arguments.
  bool Library = SM.isLibrary(Fn.File);
  if (Library)
    Frames.push_back({at(File, E), Fn.File, qualifiedName(Fn.File, D->Name.Name), "function", {}});
  struct Pop {
    std::vector<Evaluator::Frame> *Frames;
    ~Pop() {
      if (Frames)
        Frames->pop_back();
    }
  } PopFrame{Library ? &Frames : nullptr};
  for (size_t I = 0; I < Args.size(); ++I) {
    const FnDecl::Param &P = D->Params[I];
    // The parameter's type is written in the function's file and names
    // what is visible there (a module's aliases), not at the call.
    if (P.Type && !checkType(*Fn.Home, Args[I], P.Type, Fn.File,
                             "argument '" + P.Name.Name + "' of '" + D->Name.Name + "'"))
      return nullptr;
    Symbol &Local = newSymbol(Symbol::Kind::Local, nullptr, Fn.File);
    Local.Value = P.Type ? completeOptionals(*Fn.Home, Args[I], P.Type) : Args[I];
    Local.Argument = at(File, E->Args[I]);
    Frame.Names[P.Name.Name] = &Local;
  }
  ++CallDepth;
  ValuePtr Result = eval(Frame, D->Body, Fn.File);
  --CallDepth;
  if (Result && D->Result &&
      !checkType(Frame, Result, D->Result, Fn.File, "the result of '" + D->Name.Name + "'"))
    return nullptr;
  return Result;
}

} // namespace cfc::sema
