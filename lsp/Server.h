// Server — the language server's message loop: JSON-RPC requests and
// notifications bound to handlers in one table, documents kept in a
// Workspace, diagnostics published after edits (debounced, or at once in
// lit-test mode). Usable without stdio: give it any Transport.
#pragma once

#include "lsp/Protocol.h"
#include "lsp/Transport.h"
#include "lsp/Workspace.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace cfc::lsp {

struct ServerOptions {
  /// Publish diagnostics right after each change, on the reading thread
  /// (lit tests need a deterministic order). Otherwise a publisher thread
  /// waits until edits pause for Debounce.
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

  void handle(const json &Message);
  void reply(const json &Id, json Result);
  void replyError(const json &Id, ErrorCode Code, const std::string &Message);
  void notify(const std::string &Method, json Params);

  template <typename T> T parse(const json &Params);
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
  void onIgnored(const json &Params);
  // Features.
  json onCompletion(const json &Params);
  json onHover(const json &Params);
  json onDefinition(const json &Params);
  json onReferences(const json &Params);
  json onDocumentSymbol(const json &Params);
  json onSemanticTokens(const json &Params);
  json onCodeAction(const json &Params);
  json onFormatting(const json &Params);

  /// Diagnostics: schedule (debounced) or publish now.
  void scheduleDiagnostics(const std::string &Uri);
  void publishDiagnostics(const std::string &Uri);
  void publisherLoop();

  static const std::map<std::string, RequestHandler> Requests;
  static const std::map<std::string, NotificationHandler> Notifications;

  Transport &T;
  ServerOptions Opts;
  Workspace WS;
  bool Initialized = false;
  bool ShutdownRequested = false;
  bool ExitRequested = false;

  /// Held while a message is handled and while the publisher compiles:
  /// the workspace and the documents are used by one thread at a time.
  std::mutex StateLock;
  std::mutex PendingLock;
  std::condition_variable PendingChanged;
  std::map<std::string, std::chrono::steady_clock::time_point> Pending;
  bool Stopping = false;
  std::thread Publisher;
};

} // namespace cfc::lsp

namespace cfc::lsp {
/// `cfc lsp`: serves stdin/stdout until exit. LitTest reads `---`-separated
/// messages and answers synchronously with pretty JSON (for lit tests).
int runLanguageServer(bool LitTest, const std::string &Version);
} // namespace cfc::lsp
