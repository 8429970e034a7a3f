# apply-edits.py — applies the WorkspaceEdit a language server answered to
# one request to one file, and prints the file's new text, so that a test
# can compile what a rename produced. The original text is the transcript's
# didOpen of that URI, else the file the URI names.
# Usage: apply-edits.py TRANSCRIPT SERVER-OUTPUT REQUEST-ID URI [ACTION]
# With ACTION, the request was a code action: the edit is that of the
# ACTION-th action (from 0) of the answer. A formatting request's answer
# (a list of edits) is applied as it is.
import json
import sys
import urllib.parse

transcript, output, request_id, uri = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
action = int(sys.argv[5]) if len(sys.argv) > 5 else None


def messages(text):
    """The JSON objects of a transcript or of the server's output, in order
    (`---` separators, `#` lines and Content-Length headers skipped)."""
    decoder, i = json.JSONDecoder(), 0
    while True:
        i = text.find("{", i)
        if i < 0:
            return
        try:
            value, i = decoder.raw_decode(text, i)
        except ValueError:
            i += 1
            continue
        yield value


def original_text():
    lines = [l for l in open(transcript, encoding="utf-8") if not l.startswith("#")]
    for m in messages("".join(lines)):
        doc = m.get("params", {}).get("textDocument", {}) if isinstance(m.get("params"), dict) else {}
        if m.get("method") == "textDocument/didOpen" and doc.get("uri") == uri:
            return doc["text"]
    return open(urllib.parse.unquote(uri[len("file://"):]), encoding="utf-8").read()


def offset(lines, position):
    """The offset of an LSP position (UTF-16 columns) in the joined lines."""
    before = sum(len(l) for l in lines[: position["line"]])
    line = lines[position["line"]] if position["line"] < len(lines) else ""
    units, chars = 0, 0
    while chars < len(line) and units < position["character"]:
        units += 2 if ord(line[chars]) > 0xFFFF else 1
        chars += 1
    return before + chars


answer = next(m for m in messages(open(output, encoding="utf-8").read()) if m.get("id") == request_id)
result = answer["result"] if action is None else answer["result"][action]["edit"]
# A null result (shutdown's, say) changes nothing: the original text; a
# list is formatting's edits of the document.
edits = result if isinstance(result, list) else result["changes"].get(uri, []) if result else []
text = original_text()
lines = text.splitlines(keepends=True)
# From the last edit to the first, so earlier offsets stay valid.
for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                   reverse=True):
    begin, end = offset(lines, edit["range"]["start"]), offset(lines, edit["range"]["end"])
    text = text[:begin] + edit["newText"] + text[end:]
    lines = text.splitlines(keepends=True)
sys.stdout.write(text)
