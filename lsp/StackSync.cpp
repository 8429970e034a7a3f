// StackSync — keeping the server's picture of a stack the one the editor
// and the disk have: the client's settings (the security findings of
// `cfc check`), files changed on disk (watched for us by the client),
// publishing each open file's diagnostics once per change that can change
// them, and saying so when an edit could not be applied.
#include "lsp/Server.h"

#include "lsp/features/Features.h"

#include "llvm/Support/raw_ostream.h"


namespace cfc::lsp {

namespace {

const json *member(const json &J, const char *Key) {
  if (!J.is_object())
    return nullptr;
  auto It = J.find(Key);
  return It == J.end() ? nullptr : &*It;
}

/// {"a": {"b": {"c": true}}}, {"a", "b", "c"} -> true (false when any is missing).
bool flag(const json &J, std::initializer_list<const char *> Path) {
  const json *At = &J;
  for (const char *Key : Path)
    if (!(At = member(*At, Key)))
      return false;
  return At->is_boolean() && At->get<bool>();
}

} // namespace

void Server::readClientOptions(const json &Params) {
  if (const json *Options = member(Params, "initializationOptions"))
    applySettings(*Options);
  if (const json *Capabilities = member(Params, "capabilities"))
    CanRegisterWatchers = flag(*Capabilities, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"});
}

std::vector<std::string> Server::applySettings(const json &Settings) {
  const json *Cfc = member(Settings, "cfc");
  const json &Ours = Cfc && Cfc->is_object() ? *Cfc : Settings;
  const json *Security = member(Ours, "securityFindings");
  if (!Security || !Security->is_boolean())
    return {};
  std::lock_guard<std::mutex> Lock(StateLock);
  return WS.setSecurityFindings(Security->get<bool>());
}

void Server::onDidChangeConfiguration(const json &Params) {
  const json *Settings = member(Params, "settings");
  if (!Settings)
    return;
  schedule(applySettings(*Settings), /*Now=*/true);
}

void Server::registerFileWatcher() {
  if (!CanRegisterWatchers)
    return; // Clients that cannot register watchers may still send changes.
  // The stack's files and the modules they import by path; cfc.yaml holds
  // deploy settings only, which analyses do not read.
  json Registration = {
      {"id", "cfc-watched-files"},
      {"method", "workspace/didChangeWatchedFiles"},
      {"registerOptions", {{"watchers", json::array({{{"globPattern", "**/*.cfn"}}})}}}};
  T.write({{"jsonrpc", "2.0"},
           {"id", "cfc-register-watchers"},
           {"method", "client/registerCapability"},
           {"params", {{"registrations", json::array({Registration})}}}});
}

void Server::onDidChangeWatchedFiles(const json &Params) {
  const json *Changes = member(Params, "changes");
  if (!Changes || !Changes->is_array())
    throw Error{ErrorCode::InvalidParams, "invalid params"};
  std::vector<std::string> Uris;
  for (const json &C : *Changes)
    if (const json *Uri = member(C, "uri"); Uri && Uri->is_string())
      Uris.push_back(Uri->get<std::string>());
  std::vector<std::string> Stale;
  {
    std::lock_guard<std::mutex> Lock(StateLock);
    Stale = WS.changedOnDisk(Uris);
  }
  // A checkout changes many files at once, and clients batch their events
  // anyway: analyse once edits pause, like after typing.
  schedule(Stale, /*Now=*/false);
}

void Server::publish(const std::string &Uri, std::optional<int> Version, std::vector<Diagnostic> Diagnostics,
                     bool Always) {
  if (!WS.outOfSync(Uri).empty())
    return; // Positions in a text the editor does not have.
  json Params = toJSON(PublishDiagnosticsParams{Uri, Version, std::move(Diagnostics)});
  json &Last = Published[Uri];
  if (!Always && Last == Params["diagnostics"])
    return;
  Last = Params["diagnostics"];
  ++Counts[Uri].Published;
  announceDiagnostics(std::move(Params));
}

void Server::publishViews(const ParsedDocument &Doc, std::vector<std::shared_ptr<const ParsedDocument>> &Replaced) {
  for (const std::shared_ptr<const ParsedDocument> &View : WS.viewsOf(Doc)) {
    Replaced.push_back(WS.lastAnalysis(View->Uri));
    if (!WS.install(View))
      continue;
    publish(View->Uri, View->Version, publishable(*View), /*Always=*/false);
    if (WS.current(View->Uri) == View) {
      std::lock_guard<std::mutex> Queued(QueueLock);
      Pending.erase(View->Uri);
    }
  }
}

void Server::lostTrack(const std::string &Uri, const std::string &Why) {
  std::lock_guard<std::mutex> Lock(StateLock);
  if (!WS.isOpen(Uri))
    return;
  WS.markOutOfSync(Uri, Why);
  llvm::errs() << "cfc lsp: lost track of " << Uri << ": " << Why << "\n";
  Published.erase(Uri);
  notify("textDocument/publishDiagnostics", toJSON(PublishDiagnosticsParams{Uri, std::nullopt, {}}));
  std::string Name = uriToPath(Uri);
  Name = Name.substr(Name.find_last_of('/') + 1);
  notify("window/showMessage",
         {{"type", 1 /*Error*/},
          {"message", "cfc lost track of the text of " + Name + " (" + Why +
                          "): its diagnostics are withdrawn until you close and reopen it"}});
}

void Server::noteUnreadable(const std::string &Raw) {
  if (Raw.find("\"textDocument/didChange\"") == std::string::npos)
    return;
  // Only the document's URI is needed: the first "uri": "..." field.
  size_t At = Raw.find("\"uri\"");
  if (At == std::string::npos)
    return;
  At = Raw.find_first_not_of(" \t\r\n", At + 5);
  if (At == std::string::npos || Raw[At] != ':')
    return;
  At = Raw.find_first_not_of(" \t\r\n", At + 1);
  if (At == std::string::npos || Raw[At] != '"')
    return;
  size_t End = Raw.find('"', At + 1);
  if (End != std::string::npos)
    lostTrack(Raw.substr(At + 1, End - At - 1), "a change it could not read");
}

} // namespace cfc::lsp
