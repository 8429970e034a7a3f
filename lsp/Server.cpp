// Server — the method table, the message loop and the lifecycle.
#include "lsp/Server.h"

#include "lsp/features/Features.h"

#include "llvm/Support/raw_ostream.h"

#include <iostream>

namespace cfc::lsp {

// The protocol surface, one line per method.
const std::map<std::string, Server::RequestHandler> Server::Requests = {
    {"initialize", &Server::onInitialize},
    {"shutdown", &Server::onShutdown},
    {"textDocument/completion", &Server::onCompletion},
    {"textDocument/hover", &Server::onHover},
    {"textDocument/definition", &Server::onDefinition},
    {"textDocument/references", &Server::onReferences},
    {"textDocument/documentSymbol", &Server::onDocumentSymbol},
    {"textDocument/semanticTokens/full", &Server::onSemanticTokens},
    {"textDocument/codeAction", &Server::onCodeAction},
    {"textDocument/formatting", &Server::onFormatting},
};

const std::map<std::string, Server::NotificationHandler> Server::Notifications = {
    {"initialized", &Server::onInitialized},
    {"exit", &Server::onExit},
    {"textDocument/didOpen", &Server::onDidOpen},
    {"textDocument/didChange", &Server::onDidChange},
    {"textDocument/didClose", &Server::onDidClose},
    {"textDocument/didSave", &Server::onIgnored},
    {"workspace/didChangeConfiguration", &Server::onIgnored},
    {"$/cancelRequest", &Server::onIgnored},
    {"$/setTrace", &Server::onIgnored},
};

Server::Server(Transport &T, ServerOptions Opts) : T(T), Opts(std::move(Opts)) {
  if (!this->Opts.Synchronous)
    Publisher = std::thread([this] { publisherLoop(); });
}

Server::~Server() {
  {
    std::lock_guard<std::mutex> Lock(PendingLock);
    Stopping = true;
  }
  PendingChanged.notify_all();
  if (Publisher.joinable())
    Publisher.join();
}

int Server::run() {
  while (!ExitRequested) {
    Incoming In = T.read();
    if (In.Kind == Incoming::Status::End)
      break;
    if (In.Kind == Incoming::Status::Malformed) {
      llvm::errs() << "cfc lsp: " << In.Error << "\n";
      replyError(nullptr, ErrorCode::ParseError, In.Error);
      continue;
    }
    handle(In.Message);
  }
  return ShutdownRequested && ExitRequested ? 0 : 1;
}

void Server::handle(const json &Message) {
  if (!Message.is_object()) {
    replyError(nullptr, ErrorCode::InvalidRequest, "a message must be a JSON object");
    return;
  }
  auto MethodIt = Message.find("method");
  auto IdIt = Message.find("id");
  bool HasId = IdIt != Message.end();
  if (HasId && !IdIt->is_number_integer() && !IdIt->is_string()) {
    replyError(nullptr, ErrorCode::InvalidRequest, "'id' must be an integer or a string");
    return;
  }
  json Id = HasId ? *IdIt : json();
  if (MethodIt == Message.end()) {
    if (HasId && (Message.contains("result") || Message.contains("error")))
      return; // A response to a request of ours: none are sent, so nothing waits.
    replyError(Id, ErrorCode::InvalidRequest, "a message needs a 'method'");
    return;
  }
  if (!MethodIt->is_string()) {
    replyError(Id, ErrorCode::InvalidRequest, "'method' must be a string");
    return;
  }
  std::string Method = MethodIt->get<std::string>();
  json Params = Message.contains("params") ? Message["params"] : json::object();

  std::lock_guard<std::mutex> Lock(StateLock);
  if (!HasId) {
    auto It = Notifications.find(Method);
    if (It == Notifications.end())
      return; // Unknown notifications are ignored (LSP says so for $/ ones).
    if (!Initialized && Method != "exit")
      return;
    try {
      (this->*It->second)(Params);
    } catch (const Error &E) {
      llvm::errs() << "cfc lsp: " << Method << ": " << E.Message << "\n";
    } catch (const std::exception &E) {
      llvm::errs() << "cfc lsp: " << Method << ": internal error: " << E.what() << "\n";
    }
    return;
  }
  auto It = Requests.find(Method);
  if (It == Requests.end()) {
    replyError(Id, ErrorCode::MethodNotFound, "method not found: " + Method);
    return;
  }
  if (!Initialized && Method != "initialize") {
    replyError(Id, ErrorCode::ServerNotInitialized, "the server is not initialized");
    return;
  }
  if (ShutdownRequested) {
    replyError(Id, ErrorCode::InvalidRequest, "the server is shutting down");
    return;
  }
  try {
    reply(Id, (this->*It->second)(Params));
  } catch (const Error &E) {
    replyError(Id, E.Code, E.Message);
  } catch (const std::exception &E) {
    replyError(Id, ErrorCode::InternalError, std::string("internal error: ") + E.what());
  }
}

void Server::reply(const json &Id, json Result) {
  T.write({{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
}

void Server::replyError(const json &Id, ErrorCode Code, const std::string &Message) {
  T.write({{"jsonrpc", "2.0"},
           {"id", Id},
           {"error", {{"code", static_cast<int>(Code)}, {"message", Message}}}});
}

void Server::notify(const std::string &Method, json Params) {
  T.write({{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

template <typename Params> Params Server::parse(const json &J) {
  Params P;
  if (!fromJSON(J, P))
    throw Error{ErrorCode::InvalidParams, "invalid params"};
  return P;
}

std::shared_ptr<const ParsedDocument> Server::document(const std::string &Uri) {
  auto Doc = WS.get(Uri);
  if (!Doc)
    throw Error{ErrorCode::InvalidParams, "document not open: " + Uri};
  return Doc;
}

// ---- lifecycle -------------------------------------------------------------------

json Server::onInitialize(const json &) {
  if (Initialized)
    throw Error{ErrorCode::InvalidRequest, "initialize was already received"};
  Initialized = true;
  return {
      {"capabilities",
       {{"positionEncoding", "utf-16"},
        {"textDocumentSync", {{"openClose", true}, {"change", 2 /*Incremental*/}}},
        {"completionProvider", {{"triggerCharacters", {".", "@"}}, {"resolveProvider", false}}},
        {"hoverProvider", true},
        {"definitionProvider", true},
        {"referencesProvider", true},
        {"documentSymbolProvider", true},
        {"semanticTokensProvider", {{"legend", semanticTokensLegend()}, {"full", true}}},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
        {"documentFormattingProvider", true}}},
      {"serverInfo", {{"name", "cfc"}, {"version", Opts.Version}}}};
}

json Server::onShutdown(const json &) {
  ShutdownRequested = true;
  return nullptr;
}

void Server::onInitialized(const json &) {}

void Server::onExit(const json &) { ExitRequested = true; }

void Server::onIgnored(const json &) {}

// ---- documents -------------------------------------------------------------------

void Server::onDidOpen(const json &Params) {
  auto P = parse<DidOpenTextDocumentParams>(Params);
  WS.open(P.textDocument.uri, std::move(P.textDocument.text), P.textDocument.version);
  scheduleDiagnostics(P.textDocument.uri);
}

void Server::onDidChange(const json &Params) {
  auto P = parse<DidChangeTextDocumentParams>(Params);
  std::string Problem;
  if (!WS.change(P, Problem))
    throw Error{ErrorCode::InvalidParams, Problem};
  scheduleDiagnostics(P.uri);
}

void Server::onDidClose(const json &Params) {
  auto P = parse<TextDocumentIdentifierParams>(Params);
  WS.close(P.uri);
  {
    std::lock_guard<std::mutex> Lock(PendingLock);
    Pending.erase(P.uri);
  }
  notify("textDocument/publishDiagnostics", toJSON(PublishDiagnosticsParams{P.uri, std::nullopt, {}}));
}

void Server::scheduleDiagnostics(const std::string &Uri) {
  if (Opts.Synchronous) {
    publishDiagnostics(Uri);
    return;
  }
  {
    std::lock_guard<std::mutex> Lock(PendingLock);
    Pending[Uri] = std::chrono::steady_clock::now() + Opts.Debounce;
  }
  PendingChanged.notify_all();
}

void Server::publishDiagnostics(const std::string &Uri) {
  auto Doc = WS.get(Uri);
  if (!Doc)
    return;
  notify("textDocument/publishDiagnostics",
         toJSON(PublishDiagnosticsParams{Uri, Doc->Version, diagnostics(*Doc)}));
}

void Server::publisherLoop() {
  std::unique_lock<std::mutex> Lock(PendingLock);
  while (!Stopping) {
    if (Pending.empty()) {
      PendingChanged.wait(Lock);
      continue;
    }
    auto Next = Pending.begin();
    for (auto It = Pending.begin(); It != Pending.end(); ++It)
      if (It->second < Next->second)
        Next = It;
    if (std::chrono::steady_clock::now() < Next->second) {
      PendingChanged.wait_until(Lock, Next->second);
      continue;
    }
    std::string Uri = Next->first;
    Pending.erase(Next);
    Lock.unlock();
    {
      std::lock_guard<std::mutex> State(StateLock);
      try {
        publishDiagnostics(Uri);
      } catch (const std::exception &E) {
        llvm::errs() << "cfc lsp: diagnostics of " << Uri << ": " << E.what() << "\n";
      }
    }
    Lock.lock();
  }
}

// ---- features --------------------------------------------------------------------

json Server::onCompletion(const json &Params) {
  auto P = parse<TextDocumentPositionParams>(Params);
  return toJSON(complete(*document(P.uri), P.position));
}

json Server::onHover(const json &Params) {
  auto P = parse<TextDocumentPositionParams>(Params);
  auto H = hover(*document(P.uri), P.position);
  return H ? toJSON(*H) : json(nullptr);
}

json Server::onDefinition(const json &Params) {
  auto P = parse<TextDocumentPositionParams>(Params);
  json Result = json::array();
  for (const Location &L : definition(*document(P.uri), P.position))
    Result.push_back(toJSON(L));
  return Result;
}

json Server::onReferences(const json &Params) {
  auto P = parse<TextDocumentPositionParams>(Params);
  json Result = json::array();
  for (const Location &L : references(*document(P.uri), P.position, P.includeDeclaration))
    Result.push_back(toJSON(L));
  return Result;
}

json Server::onDocumentSymbol(const json &Params) {
  auto P = parse<TextDocumentIdentifierParams>(Params);
  json Result = json::array();
  for (const DocumentSymbol &S : documentSymbols(*document(P.uri)))
    Result.push_back(toJSON(S));
  return Result;
}

json Server::onSemanticTokens(const json &Params) {
  auto P = parse<TextDocumentIdentifierParams>(Params);
  return toJSON(semanticTokens(*document(P.uri)));
}

json Server::onCodeAction(const json &Params) {
  auto P = parse<CodeActionParams>(Params);
  json Result = json::array();
  for (const CodeAction &A : codeActions(*document(P.uri), P.range))
    Result.push_back(toJSON(A));
  return Result;
}

json Server::onFormatting(const json &Params) {
  // The options (tab size, spaces) are ignored: the layout is cfc fmt's.
  auto P = parse<TextDocumentIdentifierParams>(Params);
  json Result = json::array();
  for (const TextEdit &E : formatDocument(*document(P.uri)))
    Result.push_back(toJSON(E));
  return Result;
}

} // namespace cfc::lsp

namespace cfc::lsp {
int runLanguageServer(bool LitTest, const std::string &Version) {
  Transport T(std::cin, std::cout, LitTest ? TransportStyle::LitTest : TransportStyle::Framed);
  ServerOptions Opts;
  Opts.Synchronous = LitTest;
  Opts.Version = Version;
  Server S(T, Opts);
  return S.run();
}
} // namespace cfc::lsp
