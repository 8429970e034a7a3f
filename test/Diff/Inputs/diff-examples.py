#!/usr/bin/env python3
"""Builds every folder of examples/ into OUT/<name>.json and diffs the
example against its own template: each must say "no differences" (exit 0),
in text and in JSON. Cheap: one build and two diffs per example."""
import json
import os
import subprocess
import sys

cfc, examples, out = sys.argv[1:4]
names = sorted(n for n in os.listdir(examples) if os.path.isdir(os.path.join(examples, n)))
assert names, "no examples"
for name in names:
    stack, saved = os.path.join(examples, name), os.path.join(out, name + ".json")
    subprocess.run([cfc, "build", stack, "-o", saved], check=True, capture_output=True)
    text = subprocess.run([cfc, "diff", stack, "--against", saved], capture_output=True, text=True)
    if text.returncode != 0 or text.stdout != "no differences\n":
        sys.exit("example %s differs from its own template:\n%s%s" % (name, text.stdout, text.stderr))
    doc = subprocess.run([cfc, "diff", stack, "--against", saved, "--format=json"],
                         capture_output=True, text=True, check=True)
    parsed = json.loads(doc.stdout)
    if parsed["resources"] or parsed["other"] or parsed["summary"] != "no differences":
        sys.exit("example %s: the JSON diff is not empty:\n%s" % (name, doc.stdout))
print("%d examples: no differences" % len(names))
