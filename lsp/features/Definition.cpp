// Definition and references — navigation over the semantic index that
// lowering fills: each name use and the declaration it resolves to, in this
// document, in files it imports, and in the standard library.
#include "lsp/features/AstQuery.h"
#include "lsp/features/Features.h"

#include <set>

namespace cfc::lsp {

using namespace ast;

namespace {

/// The declaration named at Offset (by a use or by the declaration's own
/// name), and the file it is in.
std::pair<const Decl *, FileId> targetAt(const ParsedDocument &Doc, uint32_t Offset) {
  if (const SemanticIndex::Use *U = Doc.Index.useAt(Doc.Main, Offset); U && U->Decl)
    return {U->Decl, U->DeclFile};
  const Decl *Found = nullptr;
  forEachDecl(Doc.Ast->Decls, [&](const Decl *D) {
    if (D->Name.valid() && D->Name.Range.Begin <= Offset && Offset <= D->Name.Range.End)
      Found = D;
  });
  if (Found)
    return {Found, Doc.Main};
  // A resource type naming a component (`resource site Site {}`).
  for (const Node *N : nodesAt(*Doc.Ast, Offset))
    if (auto *R = llvm::dyn_cast<ResourceDecl>(N);
        R && R->Type && R->Type->range().Begin <= Offset && Offset <= R->Type->range().End) {
      ResolvedResource T = resolveResource(Doc, R);
      if (T.Component)
        return {T.Component, T.ComponentFile};
    }
  return {nullptr, 0};
}

Location locationOf(const ParsedDocument &Doc, const Decl &D, FileId File) {
  SourceRange R = D.Name.valid() ? D.Name.Range : D.range();
  return {Doc.uriOf(File), Doc.range(File, R)};
}

} // namespace

std::vector<Location> definition(const ParsedDocument &Doc, Position P) {
  auto [D, File] = targetAt(Doc, Doc.offsetAt(P));
  if (!D)
    return {};
  return {locationOf(Doc, *D, File)};
}

std::vector<Location> references(const ParsedDocument &Doc, Position P, bool IncludeDeclaration) {
  auto [D, File] = targetAt(Doc, Doc.offsetAt(P));
  std::vector<Location> Result;
  if (!D)
    return Result;
  if (IncludeDeclaration)
    Result.push_back(locationOf(Doc, *D, File));
  // A use inside a loop or a component is recorded once per iteration or
  // instance: list each place once.
  std::set<std::pair<FileId, uint32_t>> Seen;
  for (const SemanticIndex::Use &U : Doc.Index.Uses)
    if (U.Decl == D && Seen.insert({U.File, U.Range.Begin}).second)
      Result.push_back({Doc.uriOf(U.File), Doc.range(U.File, U.Range)});
  return Result;
}

} // namespace cfc::lsp
