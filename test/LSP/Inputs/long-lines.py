# long-lines.py — a lit transcript (for `cfc lsp --lit-test`) that opens one
# of the worst inputs for position conversion and asks what an editor asks
# of it: semantic tokens, hover at the end of the line, the outline,
# references, a code action. Usage: long-lines.py KIND, KIND one of
#   list    a 350 KB list on one line, non-ASCII strings in it
#   prefix  400 KB of prefix operators on one line
#   oversize  a document over the 2 MiB limit (many short lines)
# bench/run.py times the same inputs (each request under 200 ms); the test
# only checks that every request is answered.
import json
import os
import sys


# The texts are the benchmark's (bench/generate.py), so that the test and the
# timing open the same documents.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "bench"))
from generate import worst_line as text  # noqa: E402


def transcript(kind):
    uri = "file:///test/long-%s.cfn" % kind
    body = text(kind)
    first = body.split("\n")[0]
    end = {"line": 0, "character": len(first.encode("utf-16-le")) // 2 - 1}
    doc = {"textDocument": {"uri": uri}}
    messages = [
        {"jsonrpc": "2.0", "id": 0, "method": "initialize",
         "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "cfc", "version": 1, "text": body}}},
        {"jsonrpc": "2.0", "id": 1, "method": "textDocument/semanticTokens/full", "params": doc},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": dict(doc, position=end)},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol", "params": doc},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/references",
         "params": dict(doc, position={"line": 0, "character": 5}, context={"includeDeclaration": True})},
        {"jsonrpc": "2.0", "id": 5, "method": "textDocument/codeAction",
         "params": dict(doc, range={"start": end, "end": end}, context={"diagnostics": []})},
        {"jsonrpc": "2.0", "id": 99, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    if kind == "oversize":  # Its diagnostic is the point: open it and leave.
        messages = messages[:2] + messages[-2:]
    return "\n---\n".join(json.dumps(m) for m in messages) + "\n"


if __name__ == "__main__":
    sys.stdout.write(transcript(sys.argv[1]))
