#!/usr/bin/env python3
"""The README's first code block holds exactly two commands, the first running
`cfc build` and the second the tests; .ci/run runs the second verbatim."""
import os
import re
import sys

root = sys.argv[1]
readme = open(os.path.join(root, "README.md")).read()
block = re.search(r"```sh\n(.*?)```", readme, re.S)
assert block, "README.md has no ```sh block"
commands = [l for l in block.group(1).splitlines() if l.strip()]
assert len(commands) == 2, "README must open with exactly two commands: %r" % commands
assert "cfc build" in commands[0], "the first command must run cfc build"
assert "ctest" in commands[1], "the second command must run the tests"
ci = open(os.path.join(root, ".ci/run")).read()
ci_commands = [l for l in ci.splitlines() if l.strip() and not l.startswith(("#", "set ", "cd "))]
assert ci_commands == [commands[1]], ".ci/run must run the README's test command: %r" % ci_commands
print("README commands and .ci/run agree")
