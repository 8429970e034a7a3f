// Symbols — the document outline: every declaration with its kind, its
// range and the range of its name; components and loops hold their bodies.
#include "lsp/features/AstQuery.h"
#include "lsp/features/EditorFeatures.h"
#include "lsp/features/Features.h"

namespace cfc::lsp {

using namespace ast;

std::optional<SymbolKind> symbolKind(const Decl &D) {
  switch (D.kind()) {
  case Node::Kind::ParamDecl: return SymbolKind::Property;
  case Node::Kind::LetDecl: return SymbolKind::Variable;
  case Node::Kind::ResourceDecl: return SymbolKind::Object;
  case Node::Kind::OutputDecl: return SymbolKind::Field;
  case Node::Kind::ComponentDecl: return SymbolKind::Class;
  case Node::Kind::ForDecl: return SymbolKind::Namespace;
  case Node::Kind::FnDecl: return SymbolKind::Function;
  case Node::Kind::TypeDecl: return SymbolKind::TypeParameter;
  case Node::Kind::ImportDecl: return SymbolKind::Module;
  default: return std::nullopt;
  }
}

namespace {

std::optional<DocumentSymbol> symbolOf(const ParsedDocument &Doc, const Decl *D) {
  if (!D)
    return std::nullopt;
  DocumentSymbol S;
  S.name = D->Name.Name;
  S.range = Doc.range(Doc.Main, D->range());
  S.selectionRange = Doc.range(Doc.Main, D->Name.valid() ? D->Name.Range : D->range());
  std::vector<Decl *> Body;
  std::optional<SymbolKind> Kind = symbolKind(*D);
  if (!Kind)
    return std::nullopt; // The description is no symbol.
  S.kind = *Kind;
  if (auto *R = llvm::dyn_cast<ResourceDecl>(D))
    S.detail = R->Type ? R->Type->dottedName() : "";
  else if (auto *C = llvm::dyn_cast<ComponentDecl>(D))
    Body = C->Body;
  else if (auto *L = llvm::dyn_cast<ForDecl>(D)) {
    S.name = "for " + D->Name.Name;
    Body = L->Body;
  } else if (llvm::isa<ImportDecl>(D))
    S.name = signature(Doc, *D, Doc.Main);
  if (S.name.empty())
    return std::nullopt; // A declaration whose name did not parse.
  if (S.detail.empty() && D->kind() != Node::Kind::ImportDecl && D->kind() != Node::Kind::ForDecl)
    S.detail = signature(Doc, *D, Doc.Main);
  for (const Decl *B : Body)
    if (auto C = symbolOf(Doc, B))
      S.children.push_back(std::move(*C));
  return S;
}

} // namespace

std::vector<DocumentSymbol> documentSymbols(const ParsedDocument &Doc) {
  std::vector<DocumentSymbol> Result;
  for (const Decl *D : Doc.Ast->Decls)
    if (auto S = symbolOf(Doc, D))
      Result.push_back(std::move(*S));
  return Result;
}

} // namespace cfc::lsp
