// InlayHints — textDocument/inlayHint: what the compiler knows and the
// source does not show, read from the analysis the workspace holds (no
// compiling per request): the logical ID each resource and parameter
// becomes (lowering records them in the semantic index), the unit a bare
// number is in where the property is measured in one (Units.cpp), and the
// value a `let` folds to when that is not what is written.
#include "lsp/features/AstQuery.h"
#include "lsp/features/EditorFeatures.h"

#include "Emit/Emitter.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace cfc::lsp {

using namespace ast;

namespace {

/// Hints longer than this are cut: an editor shows them inside the line.
constexpr size_t MaxLabel = 60;

std::string shorten(std::string S) {
  if (S.size() > MaxLabel)
    S = S.substr(0, MaxLabel - 3) + "...";
  return S;
}

/// "Queue", "SubnetA, SubnetB, +2": the IDs a declaration became.
std::string idList(const std::vector<std::string> &Ids) {
  std::vector<std::string> Distinct;
  for (const std::string &Id : Ids)
    if (std::find(Distinct.begin(), Distinct.end(), Id) == Distinct.end())
      Distinct.push_back(Id);
  std::string S;
  for (size_t I = 0; I < Distinct.size() && I < 3; ++I)
    S += (I ? ", " : "") + Distinct[I];
  if (Distinct.size() > 3)
    S += ", +" + std::to_string(Distinct.size() - 3);
  return S;
}

/// A literal as written says its own value: no hint repeats it.
bool isLiteral(const Expr *E) {
  if (!E)
    return true;
  switch (E->kind()) {
  case Node::Kind::IntLit:
  case Node::Kind::NumberLit:
  case Node::Kind::BoolLit:
  case Node::Kind::NoneLit:
  case Node::Kind::DurationLit:
  case Node::Kind::SizeLit:
    return true;
  case Node::Kind::StringLit:
    return llvm::cast<StringLit>(E)->isPlain();
  case Node::Kind::List:
    return llvm::all_of(llvm::cast<List>(E)->Elements, isLiteral);
  case Node::Kind::Object:
    return llvm::all_of(llvm::cast<Object>(E)->Fields,
                        [](const Object::Field &F) { return isLiteral(F.Value); });
  default:
    return false;
  }
}

/// A value as a hint shows it: JSON as the template has it (intrinsics as
/// {"Fn::Sub": ...}), durations and sizes in the unit they were counted in.
std::string render(const ir::Value &V) {
  if (V.kind() == ir::Value::Kind::Duration)
    return std::to_string(V.asInt()) + "ms";
  if (V.kind() == ir::Value::Kind::Size)
    return std::to_string(V.asInt()) + "B";
  return emit::valueToJson(V).dump();
}

class HintCollector {
public:
  HintCollector(const ParsedDocument &Doc, Range R, const ClientCapabilities &Caps)
      : Doc(Doc), First(R.start.line), Last(R.end.line), Caps(Caps) {}

  std::vector<InlayHint> run() {
    forEachDecl(Doc.Ast->Decls, [&](const Decl *D) {
      Range Where = Doc.range(Doc.Main, D->range());
      if (Where.end.line < First || Where.start.line > Last)
        return;
      if (Caps.HintLogicalIds)
        logicalIds(*D);
      if (auto *L = llvm::dyn_cast<LetDecl>(D); L && Caps.HintValues)
        letValue(*L);
      if (auto *R = llvm::dyn_cast<ResourceDecl>(D); R && R->Body && Caps.HintUnits)
        if (ResolvedResource T = resolveResource(Doc, R); T.Aws) {
          std::vector<std::string> Keys;
          units(*T.Aws, *R->Body, Keys);
        }
    });
    std::stable_sort(Hints.begin(), Hints.end(),
                     [](const InlayHint &A, const InlayHint &B) { return A.position < B.position; });
    return std::move(Hints);
  }

private:
  void add(uint32_t Offset, std::string Label, std::string Tooltip) {
    Position P = Doc.position(Doc.Main, Offset);
    if (P.line < First || P.line > Last)
      return;
    Hints.push_back({P, shorten(std::move(Label)), InlayHintKind::Type, std::move(Tooltip), true});
  }

  void logicalIds(const Decl &D) {
    auto It = Doc.Index.LogicalIds.find(&D);
    if (It == Doc.Index.LogicalIds.end() || It->second.empty() || !D.Name.valid())
      return;
    auto *R = llvm::dyn_cast<ResourceDecl>(&D);
    bool Instance = R && resolveResource(Doc, R).Component;
    if (Instance)
      add(D.Name.Range.End, "id prefix: " + idList(It->second),
          "The logical IDs of the resources this instance makes start with this.");
    else if (R)
      add(D.Name.Range.End, "id: " + idList(It->second),
          "The logical ID in the template's `Resources`: CloudFormation replaces the resource when it "
          "changes.");
    else
      add(D.Name.Range.End, "id: " + idList(It->second), "The parameter's name in the template's `Parameters`.");
  }

  void letValue(const LetDecl &L) {
    auto It = Doc.Index.LetValues.find(&L);
    if (It == Doc.Index.LetValues.end() || It->second.empty() || isLiteral(L.Value))
      return;
    // One value, or one shown for every scope; a let of a loop or a
    // component that differs between them has no single value to show.
    std::string Shown;
    for (const ir::ValuePtr &V : It->second) {
      if (!V)
        return;
      std::string S = render(*V);
      if (!Shown.empty() && S != Shown)
        return;
      Shown = S;
    }
    add(L.range().End, "= " + Shown,
        It->second.front()->isConstant() ? "The value, folded at compile time."
                                         : "What the template holds: known when the stack is deployed.");
  }

  /// The units of bare numbers in Body, an object at the field path Keys.
  void units(const catalog::ResourceType &T, const Object &Body, std::vector<std::string> &Keys) {
    for (const Object::Field &F : Body.Fields) {
      if (!F.Value)
        continue;
      Keys.push_back(F.Key.Name);
      unitsOfValue(T, *F.Value, Keys);
      Keys.pop_back();
    }
  }

  void unitsOfValue(const catalog::ResourceType &T, const Expr &V, std::vector<std::string> &Keys) {
    if (llvm::isa<IntLit>(V) || llvm::isa<NumberLit>(V)) {
      if (const catalog::Property *P = propertyAt(T, Keys))
        if (std::string Unit = unitOf(*P); !Unit.empty())
          add(V.range().End, Unit, "`" + P->Name + "` is in " + Unit + " (the resource specification says so).");
    } else if (auto *O = llvm::dyn_cast<Object>(&V)) {
      units(T, *O, Keys);
    } else if (auto *L = llvm::dyn_cast<List>(&V)) {
      for (const Expr *E : L->Elements)
        if (auto *O = llvm::dyn_cast_or_null<Object>(E))
          units(T, *O, Keys);
    }
  }

  const ParsedDocument &Doc;
  unsigned First, Last;
  const ClientCapabilities &Caps;
  std::vector<InlayHint> Hints;
};

} // namespace

std::vector<InlayHint> inlayHints(const ParsedDocument &Doc, Range R, const ClientCapabilities &Caps) {
  if (!Doc.Ast)
    return {};
  return HintCollector(Doc, R, Caps).run();
}

} // namespace cfc::lsp
