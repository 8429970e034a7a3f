// The cfc extension: starts `cfc lsp` (the language server built into the cfc
// binary) over stdio for .cfn files. Plain JavaScript, no build step.
"use strict";

const os = require("os");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient, TransportKind, State } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let output;

// `cfc.path`: a command name looked up on PATH ("cfc"), an absolute path, or a
// path relative to the first workspace folder; a leading `~` is the home folder.
function serverCommand() {
  let command = (vscode.workspace.getConfiguration("cfc").get("path") || "cfc").trim() || "cfc";
  if (command === "~" || command.startsWith("~/") || command.startsWith("~\\")) {
    command = path.join(os.homedir(), command.slice(1));
  }
  const folders = vscode.workspace.workspaceFolders;
  if (!path.isAbsolute(command) && /[\\/]/.test(command) && folders && folders.length > 0) {
    command = path.join(folders[0].uri.fsPath, command);
  }
  return command;
}

// What the server reads of the settings (docs/editors.md, "Settings").
function initializationOptions() {
  const config = vscode.workspace.getConfiguration("cfc");
  return {
    inlayHints: {
      logicalIds: config.get("inlayHints.logicalIds", true),
      units: config.get("inlayHints.units", true),
      values: config.get("inlayHints.values", true),
    },
    codeLens: config.get("codeLens.enable", true),
    securityFindings: config.get("securityFindings", true),
  };
}

// A code lens's reference count runs this with the document's URI and the
// name's position (LSP JSON): VS Code's references view shows the uses.
function showReferences(uri, position) {
  return vscode.commands.executeCommand("editor.action.findReferences", vscode.Uri.parse(uri),
    new vscode.Position(position.line, position.character));
}

async function startClient() {
  const command = serverCommand();
  const executable = { command, args: ["lsp"], transport: TransportKind.stdio };
  /** @type {import("vscode-languageclient/node").ServerOptions} */
  const serverOptions = { run: executable, debug: executable };
  /** @type {import("vscode-languageclient/node").LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "cfc" },
      { scheme: "untitled", language: "cfc" },
    ],
    outputChannel: output,
    // The trace setting is read from `cfc.trace.server` (the client's id).
    // The server's settings, at initialize. Inlay hints and code lenses are
    // read then only (changing them restarts the server); securityFindings is
    // also sent in workspace/didChangeConfiguration (the `cfc` section).
    initializationOptions: initializationOptions(),
    synchronize: { configurationSection: "cfc" },
  };
  client = new LanguageClient("cfc", "cfc language server", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const choice = await vscode.window.showErrorMessage(
      `cfc: could not start the language server with "${command} lsp": ${err && err.message ? err.message : err}. ` +
        "Set cfc.path to the cfc binary.",
      "Open Settings");
    if (choice === "Open Settings") {
      vscode.commands.executeCommand("workbench.action.openSettings", "cfc.path");
    }
  }
}

async function stopClient() {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) {
    try {
      await c.stop();
    } catch (_) {
      // The server may already have gone; nothing to clean up.
    }
  }
}

async function restartClient() {
  await stopClient();
  await startClient();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  output = vscode.window.createOutputChannel("cfc");
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand("cfc.restartServer", restartClient));
  context.subscriptions.push(vscode.commands.registerCommand("cfc.showReferences", showReferences));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration("cfc.path") || e.affectsConfiguration("cfc.inlayHints") ||
        e.affectsConfiguration("cfc.codeLens")) {
      restartClient();
    }
  }));
  await startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
