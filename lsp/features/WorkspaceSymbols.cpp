// WorkspaceSymbols — workspace/symbol: the declarations of every stack an
// open document belongs to (its folder's files, each once however many of
// them are open), matched against the query as editors do: the query's
// letters in order, case ignored; prefixes first, then substrings, then
// scattered matches.
#include "lsp/features/AstQuery.h"
#include "lsp/features/EditorFeatures.h"
#include "lsp/features/Features.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

namespace cfc::lsp {

using namespace ast;

namespace {

/// Lower is better: 0 prefix, 1 substring, 2 letters in order; -1 no match.
int matchScore(llvm::StringRef Name, llvm::StringRef Query) {
  if (Query.empty())
    return 0;
  std::string N = Name.lower(), Q = Query.lower();
  size_t At = N.find(Q);
  if (At == 0)
    return 0;
  if (At != std::string::npos)
    return 1;
  size_t I = 0;
  for (char C : N)
    if (I < Q.size() && C == Q[I])
      ++I;
  return I == Q.size() ? 2 : -1;
}

/// Answers are capped: a client asks with an empty query to list everything.
constexpr size_t MaxSymbols = 1000;

struct Found {
  int Score;
  SymbolInformation Info;
};

} // namespace

std::vector<SymbolInformation> workspaceSymbols(
    const std::vector<std::shared_ptr<const ParsedDocument>> &Docs, const std::string &Query) {
  std::vector<Found> Matches;
  std::set<std::string> FilesSeen; // By path: two open files of one stack list it once.
  for (const auto &Doc : Docs) {
    for (const auto &F : Doc->Comp->files()) {
      std::string Path = Doc->sources().name(F->Id).str();
      if (Doc->sources().isLibrary(F->Id) || !FilesSeen.insert(Path).second)
        continue;
      std::string Uri = Doc->uriOf(F->Id);
      std::function<void(const std::vector<Decl *> &, const std::string &)> Walk =
          [&](const std::vector<Decl *> &Decls, const std::string &Container) {
            for (const Decl *D : Decls) {
              if (!D)
                continue;
              std::string Name = D->Name.Name;
              if (auto *C = llvm::dyn_cast<ComponentDecl>(D))
                Walk(C->Body, Name);
              else if (auto *L = llvm::dyn_cast<ForDecl>(D))
                Walk(L->Body, Container);
              std::optional<SymbolKind> Kind = symbolKind(*D);
              if (Name.empty() || !Kind || llvm::isa<ForDecl>(D))
                continue;
              int Score = matchScore(Name, Query);
              if (Score < 0)
                continue;
              SourceRange R = D->Name.valid() ? D->Name.Range : D->range();
              Matches.push_back({Score, {Name, *Kind, {Uri, Doc->range(F->Id, R)}, Container}});
            }
          };
      Walk(F->Decls, "");
    }
  }
  std::stable_sort(Matches.begin(), Matches.end(), [](const Found &A, const Found &B) {
    return std::make_tuple(A.Score, llvm::StringRef(A.Info.name).lower(), A.Info.name) <
           std::make_tuple(B.Score, llvm::StringRef(B.Info.name).lower(), B.Info.name);
  });
  std::vector<SymbolInformation> Result;
  for (size_t I = 0; I < Matches.size() && I < MaxSymbols; ++I)
    Result.push_back(std::move(Matches[I].Info));
  return Result;
}

} // namespace cfc::lsp
