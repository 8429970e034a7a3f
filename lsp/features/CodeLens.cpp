// CodeLens — textDocument/codeLens: above each declaration of the document,
// how many places use it (from the scope walk rename uses, so code the
// compiler has not evaluated counts too) and, for resources and
// parameters, the logical ID it becomes. Clicking the count runs
// `cfc.showReferences` with the document's URI and the name's position;
// the VS Code extension binds it to the references view.
#include "lsp/features/AstQuery.h"
#include "lsp/features/Bindings.h"
#include "lsp/features/EditorFeatures.h"

#include <map>
#include <set>
#include <tuple>

namespace cfc::lsp {

using namespace ast;

namespace {

/// Uses of each declared name in the stack, each place once (a name in a
/// loop is recorded once per binding of it, not per iteration).
std::map<const Binding *, size_t> useCounts(const Bindings &Names) {
  std::set<std::tuple<const Binding *, FileId, uint32_t>> Seen;
  std::map<const Binding *, size_t> Counts;
  for (const NameOccurrence &O : Names.occurrences())
    if (O.Target && O.R != NameOccurrence::Role::Declaration &&
        Seen.insert({O.Target, O.File, O.Range.Begin}).second)
      ++Counts[O.Target];
  return Counts;
}

bool hasLens(const Decl &D) {
  return llvm::isa<ParamDecl>(D) || llvm::isa<LetDecl>(D) || llvm::isa<ResourceDecl>(D) ||
         llvm::isa<ComponentDecl>(D) || llvm::isa<FnDecl>(D) || llvm::isa<TypeDecl>(D);
}

std::string countTitle(size_t N) {
  return N == 0 ? "no references" : N == 1 ? "1 reference" : std::to_string(N) + " references";
}

} // namespace

std::vector<CodeLens> codeLenses(const ParsedDocument &Doc) {
  if (!Doc.Ast)
    return {};
  const Bindings &Names = Doc.bindings();
  std::map<const Binding *, size_t> Counts = useCounts(Names);
  std::vector<CodeLens> Result;
  // The declarations' names in this document, by where they start: one
  // pass, not a search per declaration (a stack has thousands).
  std::map<uint32_t, const NameOccurrence *> Declared;
  for (const NameOccurrence &O : Names.occurrences())
    if (O.File == Doc.Main && O.R == NameOccurrence::Role::Declaration && O.Target)
      Declared.emplace(O.Range.Begin, &O);
  forEachDecl(Doc.Ast->Decls, [&](const Decl *D) {
    if (!hasLens(*D) || !D->Name.valid())
      return;
    auto Found = Declared.find(D->Name.Range.Begin);
    if (Found == Declared.end())
      return;
    const NameOccurrence *At = Found->second;
    Range Where = Doc.range(Doc.Main, D->Name.Range);
    auto Count = Counts.find(At->Target);
    Result.push_back({Where, countTitle(Count == Counts.end() ? 0 : Count->second), "cfc.showReferences",
                      json::array({Doc.Uri, toJSON(Where.start)})});
    auto Ids = Doc.Index.LogicalIds.find(D);
    if (Ids == Doc.Index.LogicalIds.end() || Ids->second.empty())
      return;
    auto *R = llvm::dyn_cast<ResourceDecl>(D);
    std::string What = R && resolveResource(Doc, R).Component ? "logical ID prefix " : "logical ID ";
    std::string Title = What + Ids->second.front();
    if (Ids->second.size() > 1)
      Title = "logical IDs " + Ids->second.front() + " and " + std::to_string(Ids->second.size() - 1) + " more";
    Result.push_back({Where, Title, "", json::array()});
  });
  return Result;
}

} // namespace cfc::lsp
