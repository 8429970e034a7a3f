// Server — the language server's message loop: JSON-RPC requests and
// notifications bound to handlers in one table, documents kept in a
// Workspace, diagnostics published after edits. Usable without stdio: give
// it any Transport.
//
// Threads: the reading thread applies edits (cheap) and answers completion
// at once, from the current text and the last analysis, so completion never
// waits for a compile. The other requests queue for a worker thread, which
// also runs the analyses that diagnostics need, once edits pause for
// Debounce. A request still queued when `$/cancelRequest` names it is
// answered with RequestCancelled. Compiling holds no lock: see Workspace.
#pragma once

#include "lsp/Protocol.h"
#include "lsp/ProtocolFeatures.h"
#include "lsp/Transport.h"
#include "lsp/Workspace.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace cfc::lsp {

struct ServerOptions {
  /// One thread, in a deterministic order (lit tests, the fuzzer): a
  /// request is handled when the next message is read, unless that message
  /// cancels it; a document is analysed when opened, and after changes
  /// when a message other than didChange and completion comes (the end of
  /// "typing", as the debounce would see it). Otherwise a worker thread
  /// handles requests and analyses once edits pause for Debounce.
  bool Synchronous = false;
  std::chrono::milliseconds Debounce{300};
  /// Reported in initialize's serverInfo.
  std::string Version;
};

class Server {
public:
  Server(Transport &T, ServerOptions Opts);
  ~Server();

  /// Reads and answers messages until `exit` or the end of the input.
  /// Returns the process exit code: 0 after shutdown then exit, else 1.
  int run();

private:
  /// Thrown by handlers to answer with an error.
  struct Error {
    ErrorCode Code;
    std::string Message;
  };
  using RequestHandler = json (Server::*)(const json &Params);
  using NotificationHandler = void (Server::*)(const json &Params);
  /// A request waiting for the worker (or, synchronous, the next message).
  struct Queued {
    json Id;
    std::string Method;
    json Params;
  };

  void handle(const json &Message);
  /// Synchronous mode, before a message that is not a cancellation: the
  /// queued requests are answered, and unless the message is part of
  /// typing (didChange, completion), the pending analyses run.
  void syncPoint(bool Typing);
  void enqueue(Queued R);
  void execute(const Queued &R);
  void runQueued();
  void reply(const json &Id, json Result);
  void replyError(const json &Id, ErrorCode Code, const std::string &Message);
  void notify(const std::string &Method, json Params);

  template <typename T> T parse(const json &Params) {
    T P;
    if (!fromJSON(Params, P))
      throw Error{ErrorCode::InvalidParams, "invalid params"};
    return P;
  }
  std::shared_ptr<const ParsedDocument> document(const std::string &Uri);

  // Lifecycle.
  json onInitialize(const json &Params);
  json onShutdown(const json &Params);
  void onInitialized(const json &Params);
  void onExit(const json &Params);
  // Document synchronisation.
  void onDidOpen(const json &Params);
  void onDidChange(const json &Params);
  void onDidClose(const json &Params);
  void onCancel(const json &Params);
  void onIgnored(const json &Params);
  /// `$/cfc/stats`, ours: how often each file was parsed and how often its
  /// AST was reused, so that tests can see that re-checking is per file.
  json onStats(const json &Params);
  // Features.
  json onCompletion(const json &Params);
  json onHover(const json &Params);
  json onDefinition(const json &Params);
  json onReferences(const json &Params);
  json onDocumentSymbol(const json &Params);
  json onSemanticTokens(const json &Params);
  json onCodeAction(const json &Params);
  json onFormatting(const json &Params);
  json onRename(const json &Params);
  json onPrepareRename(const json &Params);
  json onSignatureHelp(const json &Params);
  // The features of issue 18 (ServerFeatures.cpp).
  json onCompletionResolve(const json &Params);
  json onFoldingRange(const json &Params);
  json onDocumentHighlight(const json &Params);
  json onWorkspaceSymbol(const json &Params);
  json onInlayHint(const json &Params);
  json onCodeLens(const json &Params);
  json onRangeFormatting(const json &Params);
  json onDiagnostic(const json &Params);
  /// Completion as the client takes it: plain text without snippetSupport;
  /// documentation left for completionItem/resolve when it asks for that.
  json adaptCompletion(json List);
  /// Tells the client of a document's new diagnostics (PublishDiagnostics
  /// params): published, or for a client that pulls them, a request to pull
  /// again. Called by publish(), which leaves out what changed nothing.
  void announceDiagnostics(json Published);

  /// Analyses: Uris' analyses are stale; analyse now (opening), or once
  /// edits pause. First (the document edited or opened) goes first: its
  /// analysis also serves the other open files of its stack (views), which
  /// then need none of their own.
  void schedule(const std::vector<std::string> &Uris, bool Now, const std::string &First = "");
  /// Analyses Uri unless its analysis is current.
  void refresh(const std::string &Uri);
  /// Analyses Uri's current text (unlocked) and, if the workspace keeps
  /// the result, publishes its diagnostics. Null when Uri is not open.
  std::shared_ptr<const ParsedDocument> analyseAndPublish(const std::string &Uri);
  /// The document's diagnostics, without those of other open documents of
  /// its stack (they publish their own).
  std::vector<Diagnostic> publishable(const ParsedDocument &Doc);
  void runPending();
  void workerLoop();

  // Staying in step with the editor and its disk (StackSync.cpp).
  /// initializationOptions and the client's capabilities that matter here.
  void readClientOptions(const json &InitializeParams);
  /// Settings from initializationOptions or didChangeConfiguration: {
  /// "securityFindings": bool }, also under "cfc". Stale documents.
  std::vector<std::string> applySettings(const json &Settings);
  void onDidChangeConfiguration(const json &Params);
  void onDidChangeWatchedFiles(const json &Params);
  /// Asks the client to watch the stack's files (dynamic registration).
  void registerFileWatcher();
  /// Publishes Diagnostics for Uri (under StateLock), unless the document
  /// is out of step with its editor; Always or when they differ from what
  /// was last published for it.
  void publish(const std::string &Uri, std::optional<int> Version, std::vector<Diagnostic> Diagnostics,
               bool Always);
  /// Installs and publishes the views of Doc for the other open files of
  /// its stack (under StateLock). The analyses they replace go to Replaced,
  /// to be freed once the lock is released.
  void publishViews(const ParsedDocument &Doc, std::vector<std::shared_ptr<const ParsedDocument>> &Replaced);
  /// The server's text of Uri is no longer the editor's: say so to the
  /// user, withdraw its diagnostics, and answer nothing on it until the
  /// editor sends its whole text again.
  void lostTrack(const std::string &Uri, const std::string &Why);
  /// A message the transport could not read: if it was a didChange, its
  /// document is out of step.
  void noteUnreadable(const std::string &Raw);

  static const std::map<std::string, RequestHandler> Requests;
  static const std::map<std::string, NotificationHandler> Notifications;

  Transport &T;
  ServerOptions Opts;
  Workspace WS;
  std::atomic<bool> Initialized{false};
  std::atomic<bool> ShutdownRequested{false};
  std::atomic<bool> ExitRequested{false};
  /// What the client said it supports, from initialize.
  ClientCapabilities Caps;
  /// The documentation of the last completion's items, for resolve (both
  /// are answered on the reading thread); Generation tells lists apart.
  std::vector<std::string> CompletionDocs;
  int64_t CompletionGeneration = 0;
  int64_t RefreshRequests = 0;
  /// The client registers file watchers for us when we ask.
  bool CanRegisterWatchers = false;
  /// What was last published for each open document (its diagnostics'
  /// JSON), so that an analysis that changes nothing for it publishes
  /// nothing. Under StateLock.
  std::map<std::string, json> Published;
  /// Per document, how often it was compiled and how often its diagnostics
  /// were published: `$/cfc/stats` reports them, so that tests can see
  /// that one edit compiles its stack once. Under StateLock.
  struct DocumentCounts {
    unsigned Analysed = 0, Published = 0;
  };
  std::map<std::string, DocumentCounts> Counts;

  /// Guards WS. Held briefly (copying inputs, keeping results, publishing
  /// them), never while compiling. Taken before QueueLock, never after.
  std::mutex StateLock;
  std::mutex QueueLock;
  std::condition_variable QueueChanged;
  std::deque<Queued> Queue;
  /// Documents to analyse, and when (synchronous: at the next sync point).
  std::map<std::string, std::chrono::steady_clock::time_point> Pending;
  bool Stopping = false;
  std::thread Worker;
};

} // namespace cfc::lsp

namespace cfc::lsp {
/// `cfc lsp`: serves stdin/stdout until exit. LitTest reads `---`-separated
/// messages and answers synchronously with pretty JSON (for lit tests).
int runLanguageServer(bool LitTest, const std::string &Version);
} // namespace cfc::lsp
