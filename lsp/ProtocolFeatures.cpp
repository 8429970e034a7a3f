// ProtocolFeatures — JSON conversions of the structures in
// ProtocolFeatures.h. fromJSON never throws: a value of the wrong shape
// makes it return false.
#include "lsp/ProtocolFeatures.h"

namespace cfc::lsp {

namespace {

/// J[Keys[0]][Keys[1]]..., or null when a step is missing or no object.
const json *dig(const json &J, std::initializer_list<const char *> Keys) {
  const json *At = &J;
  for (const char *Key : Keys) {
    if (!At->is_object())
      return nullptr;
    auto It = At->find(Key);
    if (It == At->end())
      return nullptr;
    At = &*It;
  }
  return At;
}

bool flag(const json &J, std::initializer_list<const char *> Keys, bool Default) {
  const json *V = dig(J, Keys);
  return V && V->is_boolean() ? V->get<bool>() : Default;
}

bool documentUri(const json &J, std::string &Uri) {
  const json *U = dig(J, {"textDocument", "uri"});
  if (!U || !U->is_string())
    return false;
  Uri = U->get<std::string>();
  return true;
}

} // namespace

ClientCapabilities clientCapabilities(const json &Params) {
  ClientCapabilities C;
  const json *Caps = dig(Params, {"capabilities"});
  if (Caps) {
    C.SnippetSupport =
        flag(*Caps, {"textDocument", "completion", "completionItem", "snippetSupport"}, false);
    if (const json *P = dig(*Caps, {"textDocument", "completion", "completionItem", "resolveSupport",
                                    "properties"});
        P && P->is_array())
      for (const json &Name : *P)
        if (Name == "documentation")
          C.ResolveDocumentation = true;
    // A client that cannot be asked to pull again would keep what it pulled
    // while other files of the stack change: it is pushed diagnostics.
    C.DiagnosticRefresh = flag(*Caps, {"workspace", "diagnostics", "refreshSupport"}, false);
    C.PullDiagnostics = dig(*Caps, {"textDocument", "diagnostic"}) != nullptr && C.DiagnosticRefresh;
  }
  if (const json *Options = dig(Params, {"initializationOptions"})) {
    C.HintLogicalIds = flag(*Options, {"inlayHints", "logicalIds"}, true);
    C.HintUnits = flag(*Options, {"inlayHints", "units"}, true);
    C.HintValues = flag(*Options, {"inlayHints", "values"}, true);
    C.CodeLens = flag(*Options, {"codeLens"}, true);
  }
  return C;
}

bool fromJSON(const json &J, TextDocumentRangeParams &P) {
  return documentUri(J, P.uri) && J.contains("range") && fromJSON(J["range"], P.range);
}

bool fromJSON(const json &J, CodeActionRequest &P) {
  if (!documentUri(J, P.uri) || !J.contains("range") || !fromJSON(J["range"], P.range))
    return false;
  if (const json *Only = dig(J, {"context", "only"}); Only && Only->is_array())
    for (const json &K : *Only)
      if (K.is_string())
        P.only.push_back(K.get<std::string>());
  return true;
}

bool kindWanted(const std::string &Kind, const std::vector<std::string> &Only) {
  if (Only.empty())
    return true;
  for (const std::string &O : Only)
    if (Kind == O || (Kind.size() > O.size() && Kind.compare(0, O.size(), O) == 0 && Kind[O.size()] == '.'))
      return true;
  return false;
}

bool fromJSON(const json &J, WorkspaceSymbolParams &P) {
  const json *Q = dig(J, {"query"});
  if (!Q || !Q->is_string())
    return false;
  P.query = Q->get<std::string>();
  return true;
}

json toJSON(const SymbolInformation &S) {
  json J = {{"name", S.name}, {"kind", static_cast<int>(S.kind)}, {"location", toJSON(S.location)}};
  if (!S.containerName.empty())
    J["containerName"] = S.containerName;
  return J;
}

json toJSON(const FoldingRange &F) {
  json J = {{"startLine", F.startLine}, {"endLine", F.endLine}};
  if (!F.kind.empty())
    J["kind"] = F.kind;
  return J;
}

json toJSON(const DocumentHighlight &H) {
  return {{"range", toJSON(H.range)}, {"kind", static_cast<int>(H.kind)}};
}

json toJSON(const InlayHint &H) {
  json J = {{"position", toJSON(H.position)}, {"label", H.label}, {"kind", static_cast<int>(H.kind)}};
  if (!H.tooltip.empty())
    J["tooltip"] = {{"kind", "markdown"}, {"value", H.tooltip}};
  if (H.paddingLeft)
    J["paddingLeft"] = true;
  return J;
}

json toJSON(const CodeLens &L) {
  return {{"range", toJSON(L.range)},
          {"command", {{"title", L.title}, {"command", L.command}, {"arguments", L.arguments}}}};
}

} // namespace cfc::lsp
