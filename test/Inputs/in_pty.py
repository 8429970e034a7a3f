"""Runs a command on a pseudo-terminal, as if a person ran it.

    in_pty.py [--answer TEXT] COMMAND ARG...

COMMAND's stdin, stdout and stderr are one terminal. When it asks a
question (prints "[y/N]"), TEXT and a newline are typed. Everything it
printed is written out with the terminal's controls made visible: a
carriage return as <CR>, "clear the line" (ESC [ K) as <EL>, so tests can
check a live view that redraws its line. Every question gets the same
answer. Exits with COMMAND's status.
"""
import os
import subprocess
import sys


def main(argv):
    answer = None
    if len(argv) >= 2 and argv[0] == "--answer":
        answer, argv = argv[1], argv[2:]
    master, slave = os.openpty()
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    seen = b""
    answered = 0
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # The child closed the terminal.
            break
        if not chunk:
            break
        seen += chunk
        if answer is not None and seen.count(b"[y/N]") > answered:
            os.write(master, answer.encode() + b"\n")
            answered += 1
    status = child.wait()
    text = seen.decode("utf-8", "replace").replace("\r\n", "\n")
    text = text.replace("\x1b[K", "<EL>").replace("\r", "<CR>")
    sys.stdout.write(text)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
