#!/usr/bin/env python3
"""Builds every folder of examples/ with cfc into OUT/<name>.json; fails on
the first example that does not build."""
import os
import subprocess
import sys

cfc, examples, out = sys.argv[1:4]
names = sorted(n for n in os.listdir(examples) if os.path.isdir(os.path.join(examples, n)))
assert names, "no examples"
for name in names:
    result = subprocess.run([cfc, "build", os.path.join(examples, name), "-o",
                             os.path.join(out, name + ".json")], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("example %s does not build:\n%s" % (name, result.stderr))
print("%d examples built" % len(names))
