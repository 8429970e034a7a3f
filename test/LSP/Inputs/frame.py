# frame.py — sends a lit-style LSP transcript (messages separated by `---`
# lines, `#` lines dropped) to stdout with real Content-Length framing, as an
# editor would, pausing before `shutdown` so that debounced diagnostics of
# the server get out first. Usage: frame.py transcript [pause-seconds]
import json
import sys
import time

pause = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
chunks, current = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.rstrip("\r\n") == "---":
        chunks.append("".join(current))
        current = []
    elif not line.startswith("#"):
        current.append(line)
chunks.append("".join(current))
out = sys.stdout.buffer
for chunk in chunks:
    if not chunk.strip():
        continue
    body = chunk.strip().encode("utf-8")
    try:
        if json.loads(body).get("method") == "shutdown":
            out.flush()
            time.sleep(pause)
    except ValueError:
        pass  # Malformed on purpose: sent as it is.
    out.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    out.flush()
