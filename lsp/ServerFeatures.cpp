// ServerFeatures — the handlers of the features of issue 18 (folding,
// highlights, workspace symbols, inlay hints, code lenses, range
// formatting, pull diagnostics, completion resolve) and how the server
// honours the client's capabilities. Each handler reads the analysis the
// workspace holds (Server::document), as the others in Server.cpp do.
#include "lsp/Server.h"

#include "lsp/features/EditorFeatures.h"
#include "lsp/features/Features.h"

namespace cfc::lsp {

// ---- completion as the client takes it ----------------------------------------------

json Server::adaptCompletion(json List) {
  ++CompletionGeneration;
  CompletionDocs.clear();
  for (json &Item : List["items"]) {
    if (!Caps.SnippetSupport && Item.value("insertTextFormat", 1) == 2) {
      Item["insertText"] = snippetToPlainText(Item["insertText"].get<std::string>());
      Item.erase("insertTextFormat");
    }
    if (Caps.ResolveDocumentation && Item.contains("documentation")) {
      // Sent when the client shows the item: lists stay small as they grow.
      Item["data"] = {{"completion", CompletionGeneration}, {"item", CompletionDocs.size()}};
      CompletionDocs.push_back(Item["documentation"]["value"].get<std::string>());
      Item.erase("documentation");
    }
  }
  return List;
}

json Server::onCompletionResolve(const json &Params) {
  if (!Params.is_object() || !Params.contains("label"))
    throw Error{ErrorCode::InvalidParams, "invalid params"};
  json Item = Params;
  auto Data = Item.find("data");
  if (Data != Item.end() && Data->is_object()) {
    auto List = Data->find("completion"), Index = Data->find("item");
    if (List != Data->end() && *List == CompletionGeneration && Index != Data->end() &&
        Index->is_number_unsigned() && Index->get<size_t>() < CompletionDocs.size())
      Item["documentation"] = {{"kind", "markdown"}, {"value", CompletionDocs[Index->get<size_t>()]}};
  }
  // An item of an older list is answered as it is: the documentation of a
  // list the client has replaced is not kept.
  return Item;
}

// ---- diagnostics ------------------------------------------------------------------------

void Server::announceDiagnostics(json Published) {
  if (!Caps.PullDiagnostics) {
    notify("textDocument/publishDiagnostics", std::move(Published));
    return;
  }
  // A pulling client asks again; its answer will be of this analysis.
  T.write({{"jsonrpc", "2.0"},
           {"id", "cfc-refresh-" + std::to_string(++RefreshRequests)},
           {"method", "workspace/diagnostic/refresh"}});
}

json Server::onDiagnostic(const json &Params) {
  auto P = parse<TextDocumentIdentifierParams>(Params);
  auto Doc = document(P.uri);
  // The analysis's generation names its result: the same one means the
  // same diagnostics.
  std::string ResultId = std::to_string(Doc->Generation);
  auto Previous = Params.find("previousResultId");
  if (Previous != Params.end() && *Previous == ResultId)
    return {{"kind", "unchanged"}, {"resultId", ResultId}};
  json Items = json::array();
  for (const Diagnostic &D : publishable(*Doc))
    Items.push_back(toJSON(D));
  return {{"kind", "full"}, {"resultId", ResultId}, {"items", std::move(Items)}};
}

// ---- reading the document ---------------------------------------------------------------

json Server::onFoldingRange(const json &Params) {
  auto P = parse<TextDocumentIdentifierParams>(Params);
  json Result = json::array();
  for (const FoldingRange &F : foldingRanges(*document(P.uri)))
    Result.push_back(toJSON(F));
  return Result;
}

json Server::onDocumentHighlight(const json &Params) {
  auto P = parse<TextDocumentPositionParams>(Params);
  json Result = json::array();
  for (const DocumentHighlight &H : documentHighlights(*document(P.uri), P.position))
    Result.push_back(toJSON(H));
  return Result;
}

json Server::onWorkspaceSymbol(const json &Params) {
  auto P = parse<WorkspaceSymbolParams>(Params);
  std::vector<std::shared_ptr<const ParsedDocument>> Docs;
  {
    std::lock_guard<std::mutex> Lock(StateLock);
    Docs = WS.analyses(); // What is known now: symbols do not wait for an analysis.
  }
  json Result = json::array();
  for (const SymbolInformation &S : workspaceSymbols(Docs, P.query))
    Result.push_back(toJSON(S));
  return Result;
}

json Server::onInlayHint(const json &Params) {
  auto P = parse<TextDocumentRangeParams>(Params);
  json Result = json::array();
  for (const InlayHint &H : inlayHints(*document(P.uri), P.range, Caps))
    Result.push_back(toJSON(H));
  return Result;
}

json Server::onCodeLens(const json &Params) {
  auto P = parse<TextDocumentIdentifierParams>(Params);
  json Result = json::array();
  if (!Caps.CodeLens)
    return Result;
  for (const CodeLens &L : codeLenses(*document(P.uri)))
    Result.push_back(toJSON(L));
  return Result;
}

json Server::onRangeFormatting(const json &Params) {
  // As formatting: the layout is cfc fmt's, whatever the options say.
  auto P = parse<TextDocumentRangeParams>(Params);
  json Result = json::array();
  for (const TextEdit &E : formatRange(*document(P.uri), P.range))
    Result.push_back(toJSON(E));
  return Result;
}

} // namespace cfc::lsp
