// Hover — the type and documentation of what is under the cursor: a
// property key (from the catalog), a resource type, an attribute after
// `resource.`, or a declared name (its signature and `///` comment).
#include "Catalog/CatalogText.h"
#include "Sema/DataKept.h"
#include "lsp/features/AstQuery.h"
#include "lsp/features/EditorFeatures.h"
#include "lsp/features/Features.h"

namespace cfc::lsp {

using namespace ast;

namespace {

std::string codeBlock(const std::string &Code) { return "```cfc\n" + Code + "\n```"; }

std::string declHover(const ParsedDocument &Doc, const Decl &D, FileId File) {
  std::string S = codeBlock(signature(Doc, D, File));
  if (auto *R = llvm::dyn_cast<ResourceDecl>(&D)) {
    ResolvedResource T = resolveResource(Doc, R);
    if (T.Aws)
      S += "\n\n`" + T.Aws->CfnType + "`";
  }
  if (!D.DocComment.empty())
    S += "\n\n" + D.DocComment;
  if (auto *C = llvm::dyn_cast<ComponentDecl>(&D))
    if (std::vector<sema::KeptData> Kept = sema::dataKeptBy(*C); !Kept.empty()) {
      S += "\n\nData kept when the stack deletes or replaces it:";
      for (const sema::KeptData &K : Kept)
        S += "\n- `" + K.Name + "` (`" + K.Type + "`): " + K.Policy;
      S += "\n\n" + std::string(sema::RemovalHint) + ".";
    }
  return S;
}

std::string propertyHover(const catalog::Property &P, llvm::StringRef Owner) {
  std::string S = codeBlock(P.Name + ": " + describe(P.Type));
  S += "\n\n" + std::string(P.Required ? "Required" : "Optional") + " property of `" + Owner.str() + "`";
  if (P.Update == catalog::UpdateEffect::Replaces)
    S += "; an update replaces the resource";
  else if (P.Update == catalog::UpdateEffect::MayReplace)
    S += "; an update may replace the resource";
  S += ".";
  if (!P.Documentation.empty())
    S += "\n\n" + P.Documentation;
  if (!P.DefaultValue.empty())
    S += "\n\nDefault: `" + P.DefaultValue + "`";
  if (P.Limits)
    if (std::vector<std::string> Limits = catalog::limitsText(*P.Limits); !Limits.empty()) {
      S += "\n\nAWS allows:";
      for (const std::string &L : Limits)
        S += "\n- `" + L + "`";
    }
  return S;
}

/// The field path from a resource body down to the key under Offset, when
/// Path (from nodesAt) goes through the resource's body.
std::vector<std::string> keyPath(const std::vector<const Node *> &Path, size_t BodyIndex,
                                 uint32_t Offset, bool &OnKey) {
  std::vector<std::string> Keys;
  OnKey = false;
  for (size_t I = BodyIndex; I < Path.size(); ++I) {
    auto *O = llvm::dyn_cast<Object>(Path[I]);
    if (!O)
      continue;
    const Node *Next = I + 1 < Path.size() ? Path[I + 1] : nullptr;
    for (const Object::Field &F : O->Fields) {
      if (F.Key.Range.Begin <= Offset && Offset <= F.Key.Range.End) {
        Keys.push_back(F.Key.Name);
        OnKey = true;
        return Keys;
      }
      if (Next && F.Value == Next) {
        Keys.push_back(F.Key.Name);
        break;
      }
    }
  }
  return Keys;
}

} // namespace

std::optional<Hover> hover(const ParsedDocument &Doc, Position Pos) {
  uint32_t Offset = Doc.offsetAt(Pos);
  std::vector<const Node *> Path = nodesAt(*Doc.Ast, Offset);
  auto Result = [&](std::string Text, SourceRange R) {
    return Hover{std::move(Text), Doc.range(Doc.Main, R)};
  };

  // A property key or a value inside a resource body.
  for (size_t I = 0; I < Path.size(); ++I) {
    auto *R = llvm::dyn_cast<ResourceDecl>(Path[I]);
    if (!R)
      continue;
    if (R->Type && R->Type->range().Begin <= Offset && Offset <= R->Type->range().End) {
      ResolvedResource T = resolveResource(Doc, R);
      if (T.Aws)
        return Result(codeBlock(T.Aws->LangName) + "\n\n`" + T.Aws->CfnType + "`\n\n" +
                          T.Aws->Documentation,
                      R->Type->range());
      if (T.Component)
        return Result(declHover(Doc, *T.Component, T.ComponentFile), R->Type->range());
    }
    if (R->Body && I + 1 < Path.size() && Path[I + 1] == R->Body) {
      bool OnKey = false;
      std::vector<std::string> Keys = keyPath(Path, I + 1, Offset, OnKey);
      if (!OnKey)
        break;
      SourceRange KeyRange;
      for (const Node *N : Path)
        if (auto *O = llvm::dyn_cast<Object>(N))
          for (const Object::Field &F : O->Fields)
            if (F.Key.Range.Begin <= Offset && Offset <= F.Key.Range.End)
              KeyRange = F.Key.Range;
      ResolvedResource T = resolveResource(Doc, R);
      if (T.Aws) {
        if (const catalog::Property *P = propertyAt(*T.Aws, Keys)) {
          std::string Owner = T.Aws->LangName;
          for (size_t K = 0; K + 1 < Keys.size(); ++K)
            Owner += "." + Keys[K];
          return Result(propertyHover(*P, Owner), KeyRange);
        }
      } else if (T.Component && Keys.size() == 1) {
        for (const Decl *D : T.Component->Body)
          if (auto *P = llvm::dyn_cast_or_null<ParamDecl>(D); P && P->Name.Name == Keys[0])
            return Result(declHover(Doc, *P, T.ComponentFile), KeyRange);
      }
    }
    break;
  }

  // An attribute or a component output: `queue.Arn`.
  for (auto It = Path.rbegin(); It != Path.rend(); ++It) {
    auto *M = llvm::dyn_cast<Member>(*It);
    if (!M || !(M->Name.Range.Begin <= Offset && Offset <= M->Name.Range.End))
      continue;
    auto *Base = llvm::dyn_cast_or_null<NameRef>(M->Base);
    if (Base && Base->Id.Name == "aws" && !Doc.Index.useAt(Doc.Main, Base->range().Begin))
      for (const PseudoParameter &P : pseudoParameters())
        if (M->Name.Name == P.Name)
          return Result(codeBlock("aws." + M->Name.Name + ": " +
                                  (M->Name.Name == "notificationArns" ? "list of string" : "string")) +
                            "\n\nThe pseudo parameter `" + P.CfnName + "` (a `Ref`), known when the stack is deployed.",
                        M->Name.Range);
    const SemanticIndex::Use *U = Base ? Doc.Index.useAt(Doc.Main, Base->range().Begin) : nullptr;
    auto *R = U ? llvm::dyn_cast_or_null<ResourceDecl>(U->Decl) : nullptr;
    if (!R)
      break;
    ResolvedResource T = resolveResource(Doc, R);
    if (T.Aws) {
      if (const catalog::Attribute *A = T.Aws->findAttribute(M->Name.Name))
        return Result(codeBlock(R->Name.Name + "." + A->Name + ": " + describe(A->Type)) +
                          "\n\nAttribute of `" + T.Aws->LangName + "` (Fn::GetAtt)." +
                          (A->Documentation.empty() ? "" : "\n\n" + A->Documentation),
                      M->Name.Range);
    } else if (T.Component) {
      for (const Decl *D : T.Component->Body)
        if (auto *O = llvm::dyn_cast_or_null<OutputDecl>(D); O && O->Name.Name == M->Name.Name)
          return Result(declHover(Doc, *O, T.ComponentFile), M->Name.Range);
    }
    break;
  }

  // A name: its declaration.
  if (const SemanticIndex::Use *U = Doc.Index.useAt(Doc.Main, Offset); U && U->Decl)
    return Result(declHover(Doc, *U->Decl, U->DeclFile), U->Range);
  for (auto It = Path.rbegin(); It != Path.rend(); ++It)
    if (auto *D = llvm::dyn_cast<Decl>(*It);
        D && D->Name.valid() && D->Name.Range.Begin <= Offset && Offset <= D->Name.Range.End)
      return Result(declHover(Doc, *D, Doc.Main), D->Name.Range);
  return hoverBuiltinOrValue(Doc, Pos);
}

} // namespace cfc::lsp
