// Protocol — the LSP 3.17 structures cfc's server uses, as plain structs
// named as in the specification, each followed by its fromJSON (false when
// the JSON does not have the shape) and/or toJSON.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cfc::lsp {

using json = nlohmann::json;

/// JSON-RPC and LSP error codes.
enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
  RequestCancelled = -32800,
};

/// A 0-based line and UTF-16 character offset.
struct Position {
  unsigned line = 0;
  unsigned character = 0;
  friend bool operator==(const Position &A, const Position &B) {
    return A.line == B.line && A.character == B.character;
  }
  friend bool operator<(const Position &A, const Position &B) {
    return A.line < B.line || (A.line == B.line && A.character < B.character);
  }
  friend bool operator<=(const Position &A, const Position &B) { return !(B < A); }
};
bool fromJSON(const json &J, Position &P);
json toJSON(const Position &P);

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range &A, const Range &B) {
    return A.start == B.start && A.end == B.end;
  }
};
bool fromJSON(const json &J, Range &R);
json toJSON(const Range &R);

struct Location {
  std::string uri;
  Range range;
};
json toJSON(const Location &L);

struct TextDocumentItem {
  std::string uri;
  std::string languageId;
  int version = 0;
  std::string text;
};
bool fromJSON(const json &J, TextDocumentItem &T);

/// One change of didChange: the whole text when range is absent.
struct TextDocumentContentChangeEvent {
  std::optional<Range> range;
  std::string text;
};
bool fromJSON(const json &J, TextDocumentContentChangeEvent &C);

struct DidOpenTextDocumentParams {
  TextDocumentItem textDocument;
};
bool fromJSON(const json &J, DidOpenTextDocumentParams &P);

struct DidChangeTextDocumentParams {
  std::string uri;
  std::optional<int> version;
  std::vector<TextDocumentContentChangeEvent> contentChanges;
};
bool fromJSON(const json &J, DidChangeTextDocumentParams &P);

/// Any params made of just {textDocument: {uri}} (didClose, documentSymbol,
/// semanticTokens/full).
struct TextDocumentIdentifierParams {
  std::string uri;
};
bool fromJSON(const json &J, TextDocumentIdentifierParams &P);

/// completion, hover, definition, references (the context is read apart).
struct TextDocumentPositionParams {
  std::string uri;
  Position position;
  bool includeDeclaration = true; ///< references' context
};
bool fromJSON(const json &J, TextDocumentPositionParams &P);

/// rename: the position and the name to give.
struct RenameParams {
  std::string uri;
  Position position;
  std::string newName;
};
bool fromJSON(const json &J, RenameParams &P);

struct CodeActionParams {
  std::string uri;
  Range range;
};
bool fromJSON(const json &J, CodeActionParams &P);

enum class DiagnosticSeverity { Error = 1, Warning = 2, Information = 3, Hint = 4 };

struct DiagnosticRelatedInformation {
  Location location;
  std::string message;
};

struct Diagnostic {
  Range range;
  DiagnosticSeverity severity = DiagnosticSeverity::Error;
  std::string code; ///< "CFC2003"
  std::string source = "cfc";
  std::string message;
  std::vector<DiagnosticRelatedInformation> relatedInformation;
};
json toJSON(const Diagnostic &D);

struct PublishDiagnosticsParams {
  std::string uri;
  std::optional<int> version;
  std::vector<Diagnostic> diagnostics;
};
json toJSON(const PublishDiagnosticsParams &P);

struct TextEdit {
  Range range;
  std::string newText;
};
json toJSON(const TextEdit &E);

enum class CompletionItemKind {
  Text = 1, Method = 2, Function = 3, Field = 5, Variable = 6, Class = 7, Module = 9,
  Property = 10, Value = 12, Enum = 13, Keyword = 14, Snippet = 15, Constant = 21,
  Struct = 22,
};
enum class InsertTextFormat { PlainText = 1, Snippet = 2 };

struct CompletionItem {
  std::string label;
  CompletionItemKind kind = CompletionItemKind::Text;
  std::string detail;        ///< The type.
  std::string documentation; ///< Markdown.
  std::string sortText;
  std::string filterText;
  std::string insertText;
  InsertTextFormat insertTextFormat = InsertTextFormat::PlainText;
  bool deprecated = false;
};
json toJSON(const CompletionItem &C);

struct CompletionList {
  bool isIncomplete = false;
  std::vector<CompletionItem> items;
};
json toJSON(const CompletionList &L);

struct Hover {
  std::string contents; ///< Markdown.
  std::optional<Range> range;
};
json toJSON(const Hover &H);

enum class SymbolKind {
  File = 1, Module = 2, Namespace = 3, Class = 5, Property = 7, Field = 8, Function = 12,
  Variable = 13, Constant = 14, Object = 19, Event = 24, TypeParameter = 26,
};

struct DocumentSymbol {
  std::string name;
  std::string detail;
  SymbolKind kind = SymbolKind::Variable;
  Range range;
  Range selectionRange;
  std::vector<DocumentSymbol> children;
};
json toJSON(const DocumentSymbol &S);

struct WorkspaceEdit {
  /// uri -> edits.
  std::vector<std::pair<std::string, std::vector<TextEdit>>> changes;
};
json toJSON(const WorkspaceEdit &E);

struct CodeAction {
  std::string title;
  std::string kind = "quickfix";
  std::vector<Diagnostic> diagnostics;
  bool isPreferred = false;
  WorkspaceEdit edit;
};
json toJSON(const CodeAction &A);

struct ParameterInformation {
  /// [begin, end) of the parameter in its signature's label.
  std::pair<unsigned, unsigned> label;
  std::string documentation; ///< Markdown.
};

struct SignatureInformation {
  std::string label;
  std::string documentation; ///< Markdown.
  std::vector<ParameterInformation> parameters;
};

struct SignatureHelp {
  std::vector<SignatureInformation> signatures;
  unsigned activeSignature = 0;
  unsigned activeParameter = 0;
};
json toJSON(const SignatureHelp &H);

struct SemanticTokens {
  std::vector<unsigned> data;
};
json toJSON(const SemanticTokens &T);

} // namespace cfc::lsp
