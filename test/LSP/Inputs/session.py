# session.py — runs a language server as an editor would, over real
# Content-Length framing and with the server's own threads and debounce,
# for what a lit transcript cannot show: things that happen between
# messages. Prints every message the server sent, one compact JSON per
# line, for FileCheck.
#
#   session.py TRANSCRIPT -- cfc lsp
#
# The transcript is lit-style (messages separated by `---` lines, `#`
# lines dropped). Lines `#! ...` in a message are done before it is sent:
#   #! await N TEXT    wait (up to 20 s) until N messages from the server
#                      contain TEXT
#   #! write PATH TEXT write TEXT (\n escapes) to PATH, as a checkout would
# A request from the server (client/registerCapability) is answered with
# null, as clients do.
import json
import subprocess
import sys
import threading
import time

sep = sys.argv.index("--")
transcript, command = sys.argv[1], sys.argv[sep + 1:]

chunks, current, actions = [], [], []
for line in open(transcript, encoding="utf-8"):
    if line.rstrip("\r\n") == "---":
        chunks.append(("".join(current), actions))
        current, actions = [], []
    elif line.startswith("#!"):
        actions.append(line[2:].strip())
    elif not line.startswith("#"):
        current.append(line)
chunks.append(("".join(current), actions))

server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
received, lock = [], threading.Condition()


def send(message):
    body = json.dumps(message).encode("utf-8")
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def read():
    f = server.stdout
    while True:
        length = None
        while True:
            line = f.readline()
            if not line:
                with lock:
                    lock.notify_all()
                return
            line = line.strip()
            if not line:
                break
            key, _, value = line.decode().partition(":")
            if key.lower() == "content-length":
                length = int(value)
        message = json.loads(f.read(length))
        if "method" in message and "id" in message:
            send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        with lock:
            received.append(json.dumps(message, sort_keys=True))
            lock.notify_all()


threading.Thread(target=read, daemon=True).start()
for chunk, actions in chunks:
    for action in actions:
        kind, _, rest = action.partition(" ")
        if kind == "await":
            count, _, text = rest.partition(" ")
            with lock:
                if not lock.wait_for(lambda: sum(text in m for m in received) >= int(count), timeout=20):
                    sys.exit("session.py: no %s messages with %r; got:\n%s" % (count, text, "\n".join(received)))
        elif kind == "write":
            path, _, text = rest.partition(" ")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace("\\n", "\n"))
    if chunk.strip():
        send(json.loads(chunk))
server.stdin.close()
server.wait(timeout=30)
time.sleep(0.1)
with lock:
    print("\n".join(received))
sys.exit(server.returncode)
