// ProtocolFeatures — the LSP 3.17 structures of the editing features that
// came with issue 18 (folding, highlights, workspace symbols, inlay hints,
// code lenses, range formatting, refactorings, pull diagnostics) and what
// the server reads of the client's capabilities. Plain structs named as in
// the specification, each with its fromJSON and/or toJSON, as in Protocol.h.
#pragma once

#include "lsp/Protocol.h"

#include <optional>
#include <string>
#include <vector>

namespace cfc::lsp {

/// What the server honours of initialize's `capabilities` and
/// `initializationOptions`.
struct ClientCapabilities {
  /// textDocument.completion.completionItem.snippetSupport: without it,
  /// completions are plain text (`$0` and `${1:x}` removed).
  bool SnippetSupport = false;
  /// completionItem.resolveSupport lists "documentation": items are sent
  /// without it, and completionItem/resolve adds it.
  bool ResolveDocumentation = false;
  /// textDocument.diagnostic and workspace.diagnostics.refreshSupport are
  /// both present: the client pulls diagnostics (textDocument/diagnostic),
  /// is asked to pull again after each analysis, and is pushed none.
  bool PullDiagnostics = false;
  bool DiagnosticRefresh = false;
  /// Inlay hints the user turned on (initializationOptions.inlayHints,
  /// all on by default): logical IDs, units of bare numbers, folded values.
  bool HintLogicalIds = true;
  bool HintUnits = true;
  bool HintValues = true;
  /// initializationOptions.codeLens: reference counts and logical IDs above
  /// declarations.
  bool CodeLens = true;
};
ClientCapabilities clientCapabilities(const json &InitializeParams);

/// A range of the document given as params (rangeFormatting, inlayHint).
struct TextDocumentRangeParams {
  std::string uri;
  Range range;
};
bool fromJSON(const json &J, TextDocumentRangeParams &P);

/// codeAction's params with its context's `only` (kinds the client wants;
/// empty: every kind).
struct CodeActionRequest {
  std::string uri;
  Range range;
  std::vector<std::string> only;
};
bool fromJSON(const json &J, CodeActionRequest &P);
/// Whether Kind is one of Only or under one ("refactor" takes
/// "refactor.extract"); an empty Only takes every kind.
bool kindWanted(const std::string &Kind, const std::vector<std::string> &Only);

struct WorkspaceSymbolParams {
  std::string query;
};
bool fromJSON(const json &J, WorkspaceSymbolParams &P);

/// workspace/symbol's answer, flat (SymbolInformation).
struct SymbolInformation {
  std::string name;
  SymbolKind kind = SymbolKind::Variable;
  Location location;
  std::string containerName; ///< The component or the file it is in.
};
json toJSON(const SymbolInformation &S);

struct FoldingRange {
  unsigned startLine = 0;
  unsigned endLine = 0;
  std::string kind; ///< "comment", "imports" or empty (a region of code).
};
json toJSON(const FoldingRange &F);

enum class DocumentHighlightKind { Text = 1, Read = 2, Write = 3 };
struct DocumentHighlight {
  Range range;
  DocumentHighlightKind kind = DocumentHighlightKind::Read;
};
json toJSON(const DocumentHighlight &H);

enum class InlayHintKind { Type = 1, Parameter = 2 };
struct InlayHint {
  Position position;
  std::string label;
  InlayHintKind kind = InlayHintKind::Type;
  std::string tooltip; ///< Markdown.
  bool paddingLeft = true;
};
json toJSON(const InlayHint &H);

/// A code lens: a line of text above a declaration, running Command
/// (with Arguments) when clicked; an empty Command is a label only.
struct CodeLens {
  Range range;
  std::string title;
  std::string command;
  json arguments = json::array();
};
json toJSON(const CodeLens &L);

} // namespace cfc::lsp
