// Features — what the server answers, one function per LSP request, each
// working on a compiled document (no protocol plumbing here; the server
// binds them to methods).
#pragma once

#include "lsp/Protocol.h"
#include "lsp/Workspace.h"

#include <optional>
#include <vector>

namespace cfc::lsp {

/// The compiler's diagnostics of the document, as LSP diagnostics
/// (findings in imported files are shown on the first line).
std::vector<Diagnostic> diagnostics(const ParsedDocument &Doc);
/// One compiler diagnostic as the LSP wants it.
Diagnostic toLsp(const ParsedDocument &Doc, const cfc::Diagnostic &D);

/// Completion at P: keywords and snippets, resource types, properties and
/// their values, component parameters, names, attributes, modules.
CompletionList complete(const ParsedDocument &Doc, Position P);
/// The same in Text, the document's current text, which may be newer than
/// the one Analysed compiled: completion never waits for an analysis.
CompletionList complete(const ParsedDocument &Analysed, llvm::StringRef Text, Position P);

/// The builtin functions (join, length, seconds, ...) as items with their
/// signature and documentation: complete() offers them with the names in
/// scope.
std::vector<CompletionItem> builtinFunctionItems();

/// The signature of the call the cursor is in (a builtin or a user fn),
/// with the parameter at the cursor active; none outside a call.
std::optional<SignatureHelp> signatureHelp(const ParsedDocument &Doc, Position P);

/// Type and documentation of what is at P.
std::optional<Hover> hover(const ParsedDocument &Doc, Position P);

/// Where the name at P is declared.
std::vector<Location> definition(const ParsedDocument &Doc, Position P);
/// Every use of the declaration named at P (in this document's stack).
std::vector<Location> references(const ParsedDocument &Doc, Position P, bool IncludeDeclaration);

/// What rename would change at P: the name's range and text; or why it
/// cannot be renamed (refusal); or neither when P is on no name.
struct RenameTarget {
  std::optional<Range> range;
  std::string placeholder;
  std::string refusal;
};
RenameTarget prepareRename(const ParsedDocument &Doc, Position P);
/// The edits renaming the declaration named at P and every use of it, in
/// every file of the stack and the files it imports; or the refusal
/// (docs/editors.md says what is refused and why).
struct RenameResult {
  WorkspaceEdit edit;
  std::string refusal;
};
RenameResult rename(const ParsedDocument &Doc, Position P, const std::string &NewName);

/// The outline: params, lets, resources, outputs, components and the rest.
std::vector<DocumentSymbol> documentSymbols(const ParsedDocument &Doc);

/// The legend advertised in initialize.
json semanticTokensLegend();
SemanticTokens semanticTokens(const ParsedDocument &Doc);

/// Quick fixes for the diagnostics in R: the compiler's fix-its, and
/// adding a resource's missing required properties.
std::vector<CodeAction> codeActions(const ParsedDocument &Doc, Range R);

/// The document in `cfc fmt`'s layout: one edit replacing all of it, or
/// none when it is already formatted or has syntax errors.
std::vector<TextEdit> formatDocument(const ParsedDocument &Doc);

} // namespace cfc::lsp
