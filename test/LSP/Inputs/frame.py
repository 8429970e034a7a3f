# frame.py — sends a lit-style LSP transcript (messages separated by `---`
# lines, `#` lines dropped) to stdout with real Content-Length framing, as an
# editor would, pausing before `shutdown` so that debounced diagnostics of
# the server get out first. Usage: frame.py transcript [pause-seconds]
#
# Lines `#! ...` in a message frame it as a faulty client would:
#   #! length characters   Content-Length counts characters, not bytes
#   #! length +N / -N      Content-Length is N bytes off
#   #! before TEXT         TEXT (with \r\n escapes) is sent before the header
import json
import sys
import time

pause = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
chunks, current, faults = [], [], []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.rstrip("\r\n") == "---":
        chunks.append(("".join(current), faults))
        current, faults = [], []
    elif line.startswith("#!"):
        faults.append(line[2:].strip())
    elif not line.startswith("#"):
        current.append(line)
chunks.append(("".join(current), faults))
out = sys.stdout.buffer
for chunk, faults in chunks:
    if not chunk.strip():
        continue
    body = chunk.strip().encode("utf-8")
    try:
        if json.loads(body).get("method") == "shutdown":
            out.flush()
            time.sleep(pause)
    except ValueError:
        pass  # Malformed on purpose: sent as it is.
    length, before = len(body), b""
    for fault in faults:
        kind, _, arg = fault.partition(" ")
        if kind == "length" and arg == "characters":
            length = len(chunk.strip())
        elif kind == "length":
            length += int(arg)
        elif kind == "before":
            before = arg.replace("\\r", "\r").replace("\\n", "\n").encode("utf-8")
    out.write(before + b"Content-Length: %d\r\n\r\n" % length + body)
    out.flush()
