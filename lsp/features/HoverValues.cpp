// HoverValues — hover on what no declaration of the stack explains: a
// builtin function's name (its signature and documentation, from the table
// Sema checks calls with) and a string among the values a property allows
// (every value, the one written in bold).
#include "lsp/features/AstQuery.h"
#include "lsp/features/Bindings.h"
#include "lsp/features/EditorFeatures.h"

#include "Sema/BuiltinFunctions.h"

#include <algorithm>

namespace cfc::lsp {

using namespace ast;

namespace {

std::optional<Hover> builtinHover(const ParsedDocument &Doc, const std::vector<const Node *> &Path,
                                  uint32_t Offset) {
  for (size_t I = 1; I < Path.size(); ++I) {
    auto *C = llvm::dyn_cast<Call>(Path[I - 1]);
    auto *N = llvm::dyn_cast<NameRef>(Path[I]);
    if (!C || !N || C->Callee != N)
      continue;
    const sema::BuiltinFunction *F = sema::findBuiltinFunction(N->Id.Name);
    // A name the stack declares hides the builtin: its own hover answers.
    const NameOccurrence *Declared = Doc.bindings().at(Doc.Main, Offset);
    if (!F || Doc.Index.useAt(Doc.Main, Offset) || (Declared && Declared->Target))
      return std::nullopt;
    std::string S = "```cfc\n" + F->label() + "\n```\n\nBuiltin function. " + F->Documentation;
    for (const sema::BuiltinParameter &P : F->Params)
      S += "\n- `" + P.Name + "`: " + P.Documentation;
    return Hover{S, Doc.range(Doc.Main, N->range())};
  }
  return std::nullopt;
}

/// The values a property's type (or its list's elements) allows, from the
/// specification or, where it has none, the provider schema.
std::vector<std::string> allowedValues(const catalog::Property &P) {
  const catalog::PropertyType *T = P.Type;
  while (T && T->Kind == catalog::TypeKind::List)
    T = T->Element;
  if (T && !T->AllowedValues.empty())
    return T->AllowedValues;
  const catalog::ValueLimits *L = P.Limits;
  if (L && L->Enum.empty() && L->Items)
    L = L->Items;
  return L ? L->Enum : std::vector<std::string>();
}

/// The field path from the resource body at Path[Body] down to the
/// literal at the end of Path; false when the literal is no field's value
/// (or a list element of one).
bool pathToLiteral(const std::vector<const Node *> &Path, size_t Body, std::vector<std::string> &Keys) {
  for (size_t I = Body; I + 1 < Path.size(); ++I) {
    if (llvm::isa<List>(Path[I]))
      continue;
    auto *O = llvm::dyn_cast<Object>(Path[I]);
    if (!O)
      return false;
    const Object::Field *Found = nullptr;
    for (const Object::Field &F : O->Fields)
      if (F.Value == Path[I + 1])
        Found = &F;
    if (!Found)
      return false;
    Keys.push_back(Found->Key.Name);
  }
  return true;
}

std::optional<Hover> enumValueHover(const ParsedDocument &Doc, const std::vector<const Node *> &Path) {
  auto *Lit = llvm::dyn_cast<StringLit>(Path.back());
  if (!Lit || !Lit->isPlain())
    return std::nullopt;
  for (size_t I = 0; I + 1 < Path.size(); ++I) {
    auto *R = llvm::dyn_cast<ResourceDecl>(Path[I]);
    if (!R || !R->Body || Path[I + 1] != R->Body)
      continue;
    std::vector<std::string> Keys;
    ResolvedResource T = resolveResource(Doc, R);
    if (!T.Aws || !pathToLiteral(Path, I + 1, Keys))
      return std::nullopt;
    const catalog::Property *P = propertyAt(*T.Aws, Keys);
    std::vector<std::string> Values = P ? allowedValues(*P) : std::vector<std::string>();
    if (Values.empty())
      return std::nullopt;
    std::string Written = Lit->plainText();
    std::string S = "```cfc\n\"" + Written + "\"\n```\n\n";
    bool Allowed = std::find(Values.begin(), Values.end(), Written) != Values.end();
    S += Allowed ? "One of the values" : "Not one of the values";
    S += " `" + P->Name + "` of `" + T.Aws->LangName + "` allows:";
    for (const std::string &V : Values)
      S += V == Written ? "\n- **`" + V + "`**" : "\n- `" + V + "`";
    return Hover{S, Doc.range(Doc.Main, Lit->range())};
  }
  return std::nullopt;
}

} // namespace

std::optional<Hover> hoverBuiltinOrValue(const ParsedDocument &Doc, Position Pos) {
  if (!Doc.Ast)
    return std::nullopt;
  uint32_t Offset = Doc.offsetAt(Pos);
  std::vector<const Node *> Path = nodesAt(*Doc.Ast, Offset);
  if (Path.empty())
    return std::nullopt;
  if (auto H = builtinHover(Doc, Path, Offset))
    return H;
  return enumValueHover(Doc, Path);
}

} // namespace cfc::lsp
