// Server — the method table, the message loop and the lifecycle.
#include "lsp/Server.h"

#include "lsp/features/EditorFeatures.h"
#include "lsp/features/Features.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
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
    {"textDocument/rename", &Server::onRename},
    {"textDocument/prepareRename", &Server::onPrepareRename},
    {"textDocument/signatureHelp", &Server::onSignatureHelp},
    {"completionItem/resolve", &Server::onCompletionResolve},
    {"textDocument/foldingRange", &Server::onFoldingRange},
    {"textDocument/documentHighlight", &Server::onDocumentHighlight},
    {"workspace/symbol", &Server::onWorkspaceSymbol},
    {"textDocument/inlayHint", &Server::onInlayHint},
    {"textDocument/codeLens", &Server::onCodeLens},
    {"textDocument/rangeFormatting", &Server::onRangeFormatting},
    {"textDocument/diagnostic", &Server::onDiagnostic},
    {"$/cfc/stats", &Server::onStats},
};

const std::map<std::string, Server::NotificationHandler> Server::Notifications = {
    {"initialized", &Server::onInitialized},
    {"exit", &Server::onExit},
    {"textDocument/didOpen", &Server::onDidOpen},
    {"textDocument/didChange", &Server::onDidChange},
    {"textDocument/didClose", &Server::onDidClose},
    {"textDocument/didSave", &Server::onIgnored},
    {"workspace/didChangeConfiguration", &Server::onDidChangeConfiguration},
    {"workspace/didChangeWatchedFiles", &Server::onDidChangeWatchedFiles},
    {"$/cancelRequest", &Server::onCancel},
    {"$/setTrace", &Server::onIgnored},
};

Server::Server(Transport &T, ServerOptions Opts) : T(T), Opts(std::move(Opts)) {
  if (!this->Opts.Synchronous)
    Worker = std::thread([this] { workerLoop(); });
}

Server::~Server() {
  {
    std::lock_guard<std::mutex> Lock(QueueLock);
    Stopping = true;
  }
  QueueChanged.notify_all();
  if (Worker.joinable())
    Worker.join(); // After answering what is queued.
}

int Server::run() {
  while (!ExitRequested) {
    Incoming In = T.read();
    if (In.Kind == Incoming::Status::End)
      break;
    if (!In.Repair.empty())
      llvm::errs() << "cfc lsp: " << In.Repair << "\n";
    if (In.Kind == Incoming::Status::Malformed) {
      if (Opts.Synchronous)
        syncPoint(/*Typing=*/false);
      llvm::errs() << "cfc lsp: " << In.Error << "\n";
      replyError(nullptr, ErrorCode::ParseError, In.Error);
      noteUnreadable(In.Raw);
      continue;
    }
    handle(In.Message);
  }
  if (Opts.Synchronous)
    syncPoint(/*Typing=*/false);
  return ShutdownRequested && ExitRequested ? 0 : 1;
}

void Server::syncPoint(bool Typing) {
  runQueued();
  if (!Typing)
    runPending();
}

void Server::handle(const json &Message) {
  const json *MethodField = Message.is_object() && Message.contains("method") ? &Message["method"] : nullptr;
  std::string Method = MethodField && MethodField->is_string() ? MethodField->get<std::string>() : "";
  if (Opts.Synchronous && Method != "$/cancelRequest")
    syncPoint(Method == "textDocument/didChange" || Method == "textDocument/completion");

  if (!Message.is_object()) {
    replyError(nullptr, ErrorCode::InvalidRequest, "a message must be a JSON object");
    return;
  }
  auto IdIt = Message.find("id");
  bool HasId = IdIt != Message.end();
  if (HasId && !IdIt->is_number_integer() && !IdIt->is_string()) {
    replyError(nullptr, ErrorCode::InvalidRequest, "'id' must be an integer or a string");
    return;
  }
  json Id = HasId ? *IdIt : json();
  if (!MethodField) {
    if (HasId && (Message.contains("result") || Message.contains("error")))
      return; // A response to a request of ours (registerCapability): nothing waits for it.
    replyError(Id, ErrorCode::InvalidRequest, "a message needs a 'method'");
    return;
  }
  if (!MethodField->is_string()) {
    replyError(Id, ErrorCode::InvalidRequest, "'method' must be a string");
    return;
  }
  json Params = Message.contains("params") ? Message["params"] : json::object();

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
  // Before initialize, every request but it is refused, known or not (LSP).
  if (!Initialized && Method != "initialize") {
    replyError(Id, ErrorCode::ServerNotInitialized, "the server is not initialized");
    return;
  }
  auto It = Requests.find(Method);
  if (It == Requests.end()) {
    replyError(Id, ErrorCode::MethodNotFound, "method not found: " + Method);
    return;
  }
  if (ShutdownRequested) {
    replyError(Id, ErrorCode::InvalidRequest, "the server is shutting down");
    return;
  }
  if (Method == "shutdown")
    ShutdownRequested = true; // Refuse what follows; answered in turn.
  // initialize decides how later messages are read; completion (and the
  // resolving of its items) must not wait behind an analysis. They are
  // answered here, at once.
  Queued R{Id, Method, std::move(Params)};
  if (Method == "initialize" || Method == "textDocument/completion" || Method == "completionItem/resolve")
    execute(R);
  else
    enqueue(std::move(R));
}

void Server::enqueue(Queued R) {
  {
    std::lock_guard<std::mutex> Lock(QueueLock);
    Queue.push_back(std::move(R));
  }
  QueueChanged.notify_all();
}

void Server::execute(const Queued &R) {
  try {
    reply(R.Id, (this->*Requests.at(R.Method))(R.Params));
  } catch (const Error &E) {
    replyError(R.Id, E.Code, E.Message);
  } catch (const std::exception &E) {
    replyError(R.Id, ErrorCode::InternalError, std::string("internal error: ") + E.what());
  }
}

void Server::runQueued() {
  while (true) {
    Queued R;
    {
      std::lock_guard<std::mutex> Lock(QueueLock);
      if (Queue.empty())
        return;
      R = std::move(Queue.front());
      Queue.pop_front();
    }
    execute(R);
  }
}

void Server::reply(const json &Id, json Result) {
  // Moved in, not listed in braces: an initializer list copies its
  // elements, and a result may be millions of numbers (semantic tokens).
  json Message = json::object();
  Message["jsonrpc"] = "2.0";
  Message["id"] = Id;
  Message["result"] = std::move(Result);
  T.write(Message);
}

void Server::replyError(const json &Id, ErrorCode Code, const std::string &Message) {
  T.write({{"jsonrpc", "2.0"},
           {"id", Id},
           {"error", {{"code", static_cast<int>(Code)}, {"message", Message}}}});
}

void Server::notify(const std::string &Method, json Params) {
  json Message = json::object();
  Message["jsonrpc"] = "2.0";
  Message["method"] = Method;
  Message["params"] = std::move(Params);
  T.write(Message);
}

std::shared_ptr<const ParsedDocument> Server::document(const std::string &Uri) {
  {
    std::lock_guard<std::mutex> Lock(StateLock);
    if (std::string Why = WS.outOfSync(Uri); !Why.empty())
      throw Error{ErrorCode::RequestFailed, "cfc lost track of this document's text (" + Why + "); reopen it"};
    if (auto Current = WS.current(Uri))
      return Current;
  }
  // Stale: the request needs positions in the current text, so analyse now.
  auto Doc = analyseAndPublish(Uri);
  if (!Doc)
    throw Error{ErrorCode::InvalidParams, "document not open: " + Uri};
  return Doc;
}

// ---- lifecycle -------------------------------------------------------------------

json Server::onInitialize(const json &Params) {
  if (Initialized)
    throw Error{ErrorCode::InvalidRequest, "initialize was already received"};
  Caps = clientCapabilities(Params);
  Initialized = true;
  readClientOptions(Params);
  json Result = {
      {"capabilities",
       {{"positionEncoding", "utf-16"},
        {"textDocumentSync", {{"openClose", true}, {"change", 2 /*Incremental*/}}},
        {"completionProvider", {{"triggerCharacters", {".", "@"}}, {"resolveProvider", true}}},
        {"hoverProvider", true},
        {"definitionProvider", true},
        {"referencesProvider", true},
        {"documentSymbolProvider", true},
        {"semanticTokensProvider", {{"legend", semanticTokensLegend()}, {"full", true}}},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix", "refactor.extract", "refactor.rewrite"}}}},
        {"documentFormattingProvider", true},
        {"renameProvider", {{"prepareProvider", true}}},
        {"signatureHelpProvider", {{"triggerCharacters", {"(", ","}}}},
        {"foldingRangeProvider", true},
        {"documentHighlightProvider", true},
        {"workspaceSymbolProvider", true},
        {"inlayHintProvider", true},
        {"codeLensProvider", {{"resolveProvider", false}}},
        {"documentRangeFormattingProvider", true}}},
      {"serverInfo", {{"name", "cfc"}, {"version", Opts.Version}}}};
  // Offered to the clients that pull diagnostics only: the others are
  // pushed them, and would show both.
  if (Caps.PullDiagnostics)
    Result["capabilities"]["diagnosticProvider"] = {{"interFileDependencies", true},
                                                    {"workspaceDiagnostics", false}};
  return Result;
}

json Server::onShutdown(const json &) {
  ShutdownRequested = true;
  return nullptr;
}

void Server::onInitialized(const json &) { registerFileWatcher(); }

void Server::onExit(const json &) { ExitRequested = true; }

void Server::onIgnored(const json &) {}

void Server::onCancel(const json &Params) {
  if (!Params.is_object() || !Params.contains("id"))
    return;
  const json &Id = Params["id"];
  bool Found = false;
  {
    std::lock_guard<std::mutex> Lock(QueueLock);
    for (auto It = Queue.begin(); It != Queue.end(); ++It)
      if (It->Id == Id) {
        Queue.erase(It);
        Found = true;
        break;
      }
  }
  // A request already answered or being answered goes on: its answer is
  // as good as an error, and LSP allows either.
  if (Found)
    replyError(Id, ErrorCode::RequestCancelled, "the request was cancelled");
}

// ---- documents -------------------------------------------------------------------

void Server::onDidOpen(const json &Params) {
  auto P = parse<DidOpenTextDocumentParams>(Params);
  std::vector<std::string> Stale;
  std::string Uri = P.textDocument.uri;
  {
    std::lock_guard<std::mutex> Lock(StateLock);
    Stale = WS.open(Uri, std::move(P.textDocument.text), P.textDocument.version);
  }
  schedule(Stale, /*Now=*/true, Uri);
}

void Server::onDidChange(const json &Params) {
  DidChangeTextDocumentParams P;
  if (!fromJSON(Params, P)) {
    // An edit lost: the server's text is no longer the editor's.
    TextDocumentIdentifierParams Id;
    if (fromJSON(Params, Id))
      lostTrack(Id.uri, "a change it could not read");
    throw Error{ErrorCode::InvalidParams, "invalid params"};
  }
  std::string Problem;
  std::optional<std::vector<std::string>> Stale;
  {
    std::lock_guard<std::mutex> Lock(StateLock);
    Stale = WS.change(P, Problem);
  }
  if (!Stale)
    throw Error{ErrorCode::InvalidParams, Problem};
  if (!Problem.empty())
    lostTrack(P.uri, Problem);
  schedule(*Stale, /*Now=*/false, P.uri);
}

void Server::onDidClose(const json &Params) {
  auto P = parse<TextDocumentIdentifierParams>(Params);
  std::vector<std::string> Stale;
  {
    // Under the lock: an analysis finishing now must not publish after this.
    std::lock_guard<std::mutex> Lock(StateLock);
    Stale = WS.close(P.uri);
    Published.erase(P.uri);
    notify("textDocument/publishDiagnostics", toJSON(PublishDiagnosticsParams{P.uri, std::nullopt, {}}));
  }
  {
    std::lock_guard<std::mutex> Lock(QueueLock);
    Pending.erase(P.uri);
  }
  schedule(Stale, /*Now=*/false);
}

// ---- analyses --------------------------------------------------------------------

void Server::schedule(const std::vector<std::string> &Uris, bool Now, const std::string &First) {
  bool HasFirst = std::find(Uris.begin(), Uris.end(), First) != Uris.end();
  if (Opts.Synchronous && Now) {
    if (HasFirst)
      analyseAndPublish(First);
    for (const std::string &Uri : Uris)
      if (Uri != First)
        refresh(Uri); // Made current by First's analysis unless in another stack.
    return;
  }
  // The others a moment later, so that the worker takes First first.
  auto When = std::chrono::steady_clock::now() + (Now ? std::chrono::milliseconds(0) : Opts.Debounce);
  auto Later = When + (HasFirst ? std::chrono::milliseconds(1) : std::chrono::milliseconds(0));
  {
    std::lock_guard<std::mutex> Lock(QueueLock);
    for (const std::string &Uri : Uris)
      Pending[Uri] = Uri == First ? When : Later;
  }
  QueueChanged.notify_all();
}

void Server::runPending() {
  std::map<std::string, std::chrono::steady_clock::time_point> Due;
  {
    std::lock_guard<std::mutex> Lock(QueueLock);
    Due.swap(Pending);
  }
  // Soonest first (the edited document before the others), then by name.
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> Order;
  for (const auto &Entry : Due)
    Order.emplace_back(Entry.second, Entry.first);
  std::sort(Order.begin(), Order.end());
  for (const auto &Entry : Order)
    refresh(Entry.second);
}

void Server::refresh(const std::string &Uri) {
  {
    std::lock_guard<std::mutex> Lock(StateLock);
    if (!WS.isOpen(Uri) || WS.current(Uri) || !WS.outOfSync(Uri).empty())
      return; // Nothing to do, or nothing to publish until the editor resends the text.
  }
  analyseAndPublish(Uri);
}

std::shared_ptr<const ParsedDocument> Server::analyseAndPublish(const std::string &Uri) {
  std::optional<AnalysisInput> In;
  std::shared_ptr<ParseCache> Cache;
  {
    std::lock_guard<std::mutex> Lock(StateLock);
    In = WS.prepare(Uri);
    Cache = WS.parseCache();
  }
  if (!In)
    return nullptr;
  std::shared_ptr<const ParsedDocument> Doc = analyse(*In, Cache); // The slow part: unlocked.
  std::vector<Diagnostic> Diagnostics = publishable(*Doc);
  // The analysis this one replaces is freed after the lock is released and
  // the diagnostics are out, not before (declared before Lock: destroyed
  // after it).
  std::vector<std::shared_ptr<const ParsedDocument>> Replaced;
  std::lock_guard<std::mutex> Lock(StateLock);
  Replaced.push_back(WS.lastAnalysis(Uri));
  ++Counts[Uri].Analysed;
  if (!WS.install(Doc))
    return Doc; // Closed, or a newer analysis is kept (and was published).
  publish(Uri, Doc->Version, std::move(Diagnostics), /*Always=*/true);
  if (WS.current(Uri) == Doc) {
    std::lock_guard<std::mutex> Queued(QueueLock);
    Pending.erase(Uri); // Nothing changed since: a scheduled analysis would redo this.
  }
  publishViews(*Doc, Replaced);
  return Doc;
}

std::vector<Diagnostic> Server::publishable(const ParsedDocument &Doc) {
  std::vector<Diagnostic> Result;
  for (const cfc::Diagnostic &D : Doc.Diagnostics)
    if (D.File == Doc.Main || !Doc.OpenFiles.count(D.File))
      Result.push_back(toLsp(Doc, D));
  return Result;
}

void Server::workerLoop() {
  std::unique_lock<std::mutex> Lock(QueueLock);
  while (true) {
    if (!Queue.empty()) {
      Queued R = std::move(Queue.front());
      Queue.pop_front();
      Lock.unlock();
      execute(R);
      Lock.lock();
      continue;
    }
    if (Stopping)
      return;
    if (Pending.empty()) {
      QueueChanged.wait(Lock);
      continue;
    }
    auto Next = Pending.begin();
    for (auto It = Pending.begin(); It != Pending.end(); ++It)
      if (It->second < Next->second)
        Next = It;
    if (std::chrono::steady_clock::now() < Next->second) {
      // A copy: wait_until reads the deadline after waking, and while it
      // waits (unlocked) the entry may be erased or changed.
      auto Deadline = Next->second;
      QueueChanged.wait_until(Lock, Deadline);
      continue;
    }
    std::string Uri = Next->first;
    Pending.erase(Next);
    Lock.unlock();
    try {
      refresh(Uri);
    } catch (const std::exception &E) {
      llvm::errs() << "cfc lsp: diagnostics of " << Uri << ": " << E.what() << "\n";
    }
    Lock.lock();
  }
}

json Server::onStats(const json &) {
  json Files = json::object(), Documents = json::object();
  std::shared_ptr<ParseCache> Cache;
  {
    std::lock_guard<std::mutex> Lock(StateLock);
    Cache = WS.parseCache();
    for (const auto &Entry : Counts)
      Documents[Entry.first] = {{"analysed", Entry.second.Analysed}, {"published", Entry.second.Published}};
  }
  for (const auto &[Name, Count] : Cache->counts())
    Files[Name] = {{"parsed", Count.Parsed}, {"reused", Count.Reused}};
  return {{"files", std::move(Files)}, {"perDocument", std::move(Documents)}};
}

// ---- features --------------------------------------------------------------------

json Server::onCompletion(const json &Params) {
  // On the reading thread: the current text and whatever analysis there is.
  auto P = parse<TextDocumentPositionParams>(Params);
  std::optional<Workspace::Snapshot> S;
  {
    std::lock_guard<std::mutex> Lock(StateLock);
    if (std::string Why = WS.outOfSync(P.uri); !Why.empty())
      throw Error{ErrorCode::RequestFailed, "cfc lost track of this document's text (" + Why + "); reopen it"};
    S = WS.snapshot(P.uri);
  }
  if (!S)
    throw Error{ErrorCode::InvalidParams, "document not open: " + P.uri};
  std::shared_ptr<const ParsedDocument> Analysis = S->Analysis;
  if (!Analysis) // Not analysed yet: the tokens and the catalog answer alone.
    Analysis = ParsedDocument::build(P.uri, "", S->Version);
  return adaptCompletion(toJSON(complete(*Analysis, S->Text, P.position)));
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
  auto P = parse<CodeActionRequest>(Params);
  auto Doc = document(P.uri);
  json Result = json::array();
  for (const std::vector<CodeAction> &Actions : {codeActions(*Doc, P.range), refactorings(*Doc, P.range)})
    for (const CodeAction &A : Actions)
      if (kindWanted(A.kind, P.only))
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

json Server::onRename(const json &Params) {
  auto P = parse<RenameParams>(Params);
  RenameResult R = rename(*document(P.uri), P.position, P.newName);
  if (!R.refusal.empty())
    throw Error{ErrorCode::RequestFailed, R.refusal};
  return toJSON(R.edit);
}

json Server::onPrepareRename(const json &Params) {
  auto P = parse<TextDocumentPositionParams>(Params);
  RenameTarget T = prepareRename(*document(P.uri), P.position);
  if (!T.refusal.empty())
    throw Error{ErrorCode::RequestFailed, T.refusal};
  if (!T.range)
    return nullptr;
  return {{"range", toJSON(*T.range)}, {"placeholder", T.placeholder}};
}

json Server::onSignatureHelp(const json &Params) {
  auto P = parse<TextDocumentPositionParams>(Params);
  auto H = signatureHelp(*document(P.uri), P.position);
  return H ? toJSON(*H) : json(nullptr);
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
