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

/// Whether V has type T. Unknown type names are reported once by the
/// caller; here they match nothing.
struct Matcher {
  Evaluator &Ev;
  Scope &S;
  FileId File;
  std::string UnknownName; ///< Set when a type name resolves to nothing.

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

  bool matches(const Value &V, const TypeExpr *T) {
    if (!T || llvm::isa<ErrorType>(T))
      return true; // Reported by the parser.
    if (auto *N = llvm::dyn_cast<NamedType>(T)) {
      std::string Name = N->dottedName();
      static const char *const Builtin[] = {"string", "secret", "int", "number", "bool", "json", "duration", "size"};
      if (std::find(std::begin(Builtin), std::end(Builtin), Name) != std::end(Builtin))
        return scalar(V, Name);
      if (N->Path.size() == 1)
        if (Symbol *Sym = S.lookup(Name); Sym && Sym->K == Symbol::Kind::TypeAlias)
          return matches(V, llvm::cast<TypeDecl>(Sym->Decl)->Type);
      if (Ev.Catalog)
        if (const catalog::ResourceType *RT = Ev.Catalog->lookup(Name))
          return V.kind() == Value::Kind::Intrinsic && V.refersToType() == RT->CfnType &&
                 V.refersToAttribute().empty();
      UnknownName = Name;
      return false;
    }
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
    if (auto *R = llvm::dyn_cast<RecordType>(T)) {
      if (V.kind() != Value::Kind::Object)
        return false;
      for (const RecordType::Field &F : R->Fields) {
        ValuePtr FV = V.field(F.Name.Name);
        if (!FV) {
          if (!F.Optional)
            return false;
          continue;
        }
        if (!matches(*FV, F.Type))
          return false;
      }
      for (const auto &F : V.fields())
        if (std::none_of(R->Fields.begin(), R->Fields.end(),
                         [&](const RecordType::Field &RF) { return RF.Name.Name == F.first; }))
          return false;
      return true;
    }
    return false;
  }
};

} // namespace

bool Evaluator::checkType(Scope &S, const ValuePtr &V, const TypeExpr *T, FileId File,
                          const std::string &What) {
  Matcher M{*this, S, File, ""};
  if (M.matches(*V, T))
    return true;
  if (!M.UnknownName.empty()) {
    std::vector<std::string> Known = {"string", "int", "number", "bool", "json", "secret", "duration", "size"};
    Diags.report(File, T->range(), diag::UnknownType, M.UnknownName, didYouMean(M.UnknownName, Known));
    return false;
  }
  Diags.report(V->origin().File, V->origin().Range, diag::TypeMismatch, What, typeName(T), describe(*V));
  return false;
}

} // namespace cfc::sema
