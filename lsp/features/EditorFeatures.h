// EditorFeatures — the features users know from Bicep's and AWS's
// CloudFormation language servers (issue 18): folding, highlights,
// workspace symbols, inlay hints, code lenses, range formatting and
// refactorings. As in Features.h, one function per request, working on
// compiled documents; the server binds them to methods.
#pragma once

#include "lsp/ProtocolFeatures.h"
#include "lsp/Workspace.h"

#include "AST/AST.h"
#include "Catalog/ResourceType.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cfc::lsp {

/// Declarations, objects and lists over several lines; runs of comments;
/// the imports at the top.
std::vector<FoldingRange> foldingRanges(const ParsedDocument &Doc);

/// The declaration of the name at P and every use of it in the document:
/// the declaration as a write, the uses as reads.
std::vector<DocumentHighlight> documentHighlights(const ParsedDocument &Doc, Position P);

/// The symbol kind of a declaration in outlines and symbol lists; none for
/// what is no symbol (a description, an assert). From Symbols.cpp.
std::optional<SymbolKind> symbolKind(const ast::Decl &D);

/// The declarations of the stacks of the open documents (each file once),
/// whose name matches Query (its letters in order, case ignored), best
/// matches first.
std::vector<SymbolInformation> workspaceSymbols(
    const std::vector<std::shared_ptr<const ParsedDocument>> &Docs, const std::string &Query);

/// Hover on what has no declaration of its own: a builtin function's name
/// (its signature and documentation), a string among a property's allowed
/// values (every allowed value). Null when the cursor is on neither.
std::optional<Hover> hoverBuiltinOrValue(const ParsedDocument &Doc, Position P);

/// The unit a bare number in Property is in ("seconds", "MB"), read from
/// its name (`TimeoutInMinutes`) or its documentation ("in seconds",
/// "128 MB"); empty when neither says.
std::string unitOf(const catalog::Property &Property);

/// In R: the logical ID each resource and parameter becomes, the unit of a
/// bare number in a property measured in one, and the value a let folds
/// to; each kind when the client's options leave it on.
std::vector<InlayHint> inlayHints(const ParsedDocument &Doc, Range R, const ClientCapabilities &Caps);

/// Above each declaration: how often it is used (clicking shows the uses)
/// and, for resources and parameters, the logical ID it becomes.
std::vector<CodeLens> codeLenses(const ParsedDocument &Doc);

/// The top-level declarations R touches in `cfc fmt`'s layout (the text
/// between them included); none when the document has syntax errors or
/// they are formatted already.
std::vector<TextEdit> formatRange(const ParsedDocument &Doc, Range R);

/// Refactorings of the expression selected by R (extract it to a `let`, a
/// literal to a `param`) and of the resource at R (pin its logical ID with
/// `@logicalId`, so that renaming it keeps the deployed resource).
std::vector<CodeAction> refactorings(const ParsedDocument &Doc, Range R);

/// A snippet's text as plain text: tab stops dropped, placeholders and
/// choices replaced by their (first) text, escapes undone.
std::string snippetToPlainText(const std::string &Snippet);

} // namespace cfc::lsp
