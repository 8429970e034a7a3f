#!/usr/bin/env python3
"""Checks that every diagnostic code in DiagnosticKinds.def has an entry in
docs/diagnostics.md and at least one test under test/ that mentions it (a
CHECK line, a JSON expectation...). Prints what is missing; exits 1 if any."""
import os
import re
import sys

root = sys.argv[1]
defs = open(os.path.join(root, "compiler/Diagnostics/DiagnosticKinds.def")).read()
codes = ["CFC%04d" % int(c) for c in re.findall(r"^CFC_DIAG\((\d+),", defs, re.M)]
docs = open(os.path.join(root, "docs/diagnostics.md")).read()
# Internal errors cannot be triggered on purpose.
untestable = {"CFC1999"}

tested = set()
for dirpath, _, files in os.walk(os.path.join(root, "test")):
    for name in files:
        if name == "diagnostic-coverage.py" or name.endswith((".pyc",)):
            continue
        try:
            text = open(os.path.join(dirpath, name), encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        tested.update(re.findall(r"CFC\d{4}", text))

missing = False
for code in codes:
    if "## " + code not in docs:
        print("%s: no entry in docs/diagnostics.md" % code)
        missing = True
    if code not in tested and code not in untestable:
        print("%s: no test triggers it" % code)
        missing = True
print("%d codes checked" % len(codes))
sys.exit(1 if missing else 0)
