// Symbols — the document outline: every declaration with its kind, its
// range and the range of its name; components and loops hold their bodies.
#include "lsp/features/AstQuery.h"
#include "lsp/features/Features.h"

namespace cfc::lsp {

using namespace ast;

namespace {

std::optional<DocumentSymbol> symbolOf(const ParsedDocument &Doc, const Decl *D) {
  if (!D)
    return std::nullopt;
  DocumentSymbol S;
  S.name = D->Name.Name;
  S.range = Doc.range(Doc.Main, D->range());
  S.selectionRange = Doc.range(Doc.Main, D->Name.valid() ? D->Name.Range : D->range());
  std::vector<Decl *> Body;
  switch (D->kind()) {
  case Node::Kind::ParamDecl:
    S.kind = SymbolKind::Property;
    break;
  case Node::Kind::LetDecl:
    S.kind = SymbolKind::Variable;
    break;
  case Node::Kind::ResourceDecl: {
    auto *R = llvm::cast<ResourceDecl>(D);
    S.kind = SymbolKind::Object;
    S.detail = R->Type ? R->Type->dottedName() : "";
    break;
  }
  case Node::Kind::OutputDecl:
    S.kind = SymbolKind::Field;
    break;
  case Node::Kind::ComponentDecl:
    S.kind = SymbolKind::Class;
    Body = llvm::cast<ComponentDecl>(D)->Body;
    break;
  case Node::Kind::ForDecl:
    S.kind = SymbolKind::Namespace;
    S.name = "for " + D->Name.Name;
    Body = llvm::cast<ForDecl>(D)->Body;
    break;
  case Node::Kind::FnDecl:
    S.kind = SymbolKind::Function;
    break;
  case Node::Kind::TypeDecl:
    S.kind = SymbolKind::TypeParameter;
    break;
  case Node::Kind::ImportDecl:
    S.kind = SymbolKind::Module;
    S.name = signature(Doc, *D, Doc.Main);
    break;
  default:
    return std::nullopt; // The description is no symbol.
  }
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
