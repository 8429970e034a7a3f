// Protocol — JSON conversions of the LSP structures. fromJSON never throws:
// a value of the wrong shape makes it return false.
#include "lsp/Protocol.h"

namespace cfc::lsp {

namespace {

bool getString(const json &J, const char *Key, std::string &Out) {
  auto It = J.find(Key);
  if (It == J.end() || !It->is_string())
    return false;
  Out = It->get<std::string>();
  return true;
}

bool getUnsigned(const json &J, const char *Key, unsigned &Out) {
  auto It = J.find(Key);
  if (It == J.end() || !It->is_number_integer() || It->get<long long>() < 0 ||
      It->get<long long>() > 0x7fffffff)
    return false;
  Out = static_cast<unsigned>(It->get<long long>());
  return true;
}

/// {textDocument: {uri}} -> uri.
bool getDocumentUri(const json &J, std::string &Uri) {
  if (!J.is_object())
    return false;
  auto It = J.find("textDocument");
  return It != J.end() && It->is_object() && getString(*It, "uri", Uri);
}

} // namespace

bool fromJSON(const json &J, Position &P) {
  return J.is_object() && getUnsigned(J, "line", P.line) && getUnsigned(J, "character", P.character);
}
json toJSON(const Position &P) { return {{"line", P.line}, {"character", P.character}}; }

bool fromJSON(const json &J, Range &R) {
  if (!J.is_object() || !J.contains("start") || !J.contains("end"))
    return false;
  return fromJSON(J["start"], R.start) && fromJSON(J["end"], R.end);
}
json toJSON(const Range &R) { return {{"start", toJSON(R.start)}, {"end", toJSON(R.end)}}; }

json toJSON(const Location &L) { return {{"uri", L.uri}, {"range", toJSON(L.range)}}; }

bool fromJSON(const json &J, TextDocumentItem &T) {
  if (!J.is_object() || !getString(J, "uri", T.uri) || !getString(J, "text", T.text))
    return false;
  getString(J, "languageId", T.languageId);
  if (auto It = J.find("version"); It != J.end() && It->is_number_integer())
    T.version = It->get<int>();
  return true;
}

bool fromJSON(const json &J, TextDocumentContentChangeEvent &C) {
  if (!J.is_object() || !getString(J, "text", C.text))
    return false;
  if (auto It = J.find("range"); It != J.end() && !It->is_null()) {
    Range R;
    if (!fromJSON(*It, R))
      return false;
    C.range = R;
  }
  return true;
}

bool fromJSON(const json &J, DidOpenTextDocumentParams &P) {
  return J.is_object() && J.contains("textDocument") && fromJSON(J["textDocument"], P.textDocument);
}

bool fromJSON(const json &J, DidChangeTextDocumentParams &P) {
  if (!getDocumentUri(J, P.uri))
    return false;
  const json &Doc = J["textDocument"];
  if (auto It = Doc.find("version"); It != Doc.end() && It->is_number_integer())
    P.version = It->get<int>();
  auto Changes = J.find("contentChanges");
  if (Changes == J.end() || !Changes->is_array())
    return false;
  for (const json &C : *Changes) {
    TextDocumentContentChangeEvent E;
    if (!fromJSON(C, E))
      return false;
    P.contentChanges.push_back(std::move(E));
  }
  return true;
}

bool fromJSON(const json &J, TextDocumentIdentifierParams &P) { return getDocumentUri(J, P.uri); }

bool fromJSON(const json &J, TextDocumentPositionParams &P) {
  if (!getDocumentUri(J, P.uri) || !J.contains("position") || !fromJSON(J["position"], P.position))
    return false;
  if (auto Ctx = J.find("context"); Ctx != J.end() && Ctx->is_object())
    if (auto It = Ctx->find("includeDeclaration"); It != Ctx->end() && It->is_boolean())
      P.includeDeclaration = It->get<bool>();
  return true;
}

bool fromJSON(const json &J, RenameParams &P) {
  return getDocumentUri(J, P.uri) && J.contains("position") && fromJSON(J["position"], P.position) &&
         getString(J, "newName", P.newName);
}

bool fromJSON(const json &J, CodeActionParams &P) {
  return getDocumentUri(J, P.uri) && J.contains("range") && fromJSON(J["range"], P.range);
}

json toJSON(const Diagnostic &D) {
  json J = {{"range", toJSON(D.range)},
            {"severity", static_cast<int>(D.severity)},
            {"source", D.source},
            {"message", D.message}};
  if (!D.code.empty())
    J["code"] = D.code;
  if (!D.relatedInformation.empty()) {
    json Related = json::array();
    for (const DiagnosticRelatedInformation &R : D.relatedInformation)
      Related.push_back({{"location", toJSON(R.location)}, {"message", R.message}});
    J["relatedInformation"] = std::move(Related);
  }
  return J;
}

json toJSON(const PublishDiagnosticsParams &P) {
  json Diags = json::array();
  for (const Diagnostic &D : P.diagnostics)
    Diags.push_back(toJSON(D));
  json J = {{"uri", P.uri}, {"diagnostics", std::move(Diags)}};
  if (P.version)
    J["version"] = *P.version;
  return J;
}

json toJSON(const TextEdit &E) { return {{"range", toJSON(E.range)}, {"newText", E.newText}}; }

json toJSON(const CompletionItem &C) {
  json J = {{"label", C.label}, {"kind", static_cast<int>(C.kind)}};
  if (!C.detail.empty())
    J["detail"] = C.detail;
  if (!C.documentation.empty())
    J["documentation"] = {{"kind", "markdown"}, {"value", C.documentation}};
  if (!C.sortText.empty())
    J["sortText"] = C.sortText;
  if (!C.filterText.empty())
    J["filterText"] = C.filterText;
  if (!C.insertText.empty())
    J["insertText"] = C.insertText;
  if (C.insertTextFormat != InsertTextFormat::PlainText)
    J["insertTextFormat"] = static_cast<int>(C.insertTextFormat);
  if (C.deprecated)
    J["tags"] = json::array({1}); // CompletionItemTag.Deprecated
  return J;
}

json toJSON(const CompletionList &L) {
  json Items = json::array();
  for (const CompletionItem &C : L.items)
    Items.push_back(toJSON(C));
  return {{"isIncomplete", L.isIncomplete}, {"items", std::move(Items)}};
}

json toJSON(const Hover &H) {
  json J = {{"contents", {{"kind", "markdown"}, {"value", H.contents}}}};
  if (H.range)
    J["range"] = toJSON(*H.range);
  return J;
}

json toJSON(const DocumentSymbol &S) {
  json J = {{"name", S.name},
            {"kind", static_cast<int>(S.kind)},
            {"range", toJSON(S.range)},
            {"selectionRange", toJSON(S.selectionRange)}};
  if (!S.detail.empty())
    J["detail"] = S.detail;
  if (!S.children.empty()) {
    json Children = json::array();
    for (const DocumentSymbol &C : S.children)
      Children.push_back(toJSON(C));
    J["children"] = std::move(Children);
  }
  return J;
}

json toJSON(const WorkspaceEdit &E) {
  json Changes = json::object();
  for (const auto &[Uri, Edits] : E.changes) {
    json List = json::array();
    for (const TextEdit &T : Edits)
      List.push_back(toJSON(T));
    Changes[Uri] = std::move(List);
  }
  return {{"changes", std::move(Changes)}};
}

json toJSON(const CodeAction &A) {
  json J = {{"title", A.title}, {"kind", A.kind}, {"edit", toJSON(A.edit)}};
  if (!A.diagnostics.empty()) {
    json Diags = json::array();
    for (const Diagnostic &D : A.diagnostics)
      Diags.push_back(toJSON(D));
    J["diagnostics"] = std::move(Diags);
  }
  if (A.isPreferred)
    J["isPreferred"] = true;
  return J;
}

json toJSON(const SignatureHelp &H) {
  json Signatures = json::array();
  for (const SignatureInformation &S : H.signatures) {
    json Parameters = json::array();
    for (const ParameterInformation &P : S.parameters) {
      json Param = {{"label", {P.label.first, P.label.second}}};
      if (!P.documentation.empty())
        Param["documentation"] = {{"kind", "markdown"}, {"value", P.documentation}};
      Parameters.push_back(std::move(Param));
    }
    json Signature = {{"label", S.label}, {"parameters", std::move(Parameters)}};
    if (!S.documentation.empty())
      Signature["documentation"] = {{"kind", "markdown"}, {"value", S.documentation}};
    Signatures.push_back(std::move(Signature));
  }
  return {{"signatures", std::move(Signatures)},
          {"activeSignature", H.activeSignature},
          {"activeParameter", H.activeParameter}};
}

json toJSON(const SemanticTokens &T) {
  json J = json::object();
  J["data"] = T.data; // Not in braces: they would copy the array once more.
  return J;
}

} // namespace cfc::lsp
