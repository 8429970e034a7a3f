#!/usr/bin/env python3
"""Round trips over the corpus: `cfc import` then `cfc build`, judged by
same-template.py. Prints `N of M round-trip (P%)` and the failures grouped by
reason; exits 1 below the threshold.

Usage: corpus-roundtrip.py CFC CORPUS_DIR ORACLE_DIR WORK_DIR [--min PERCENT]"""
import collections
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def run(args):
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def one(cfc, oracle, work, path):
    base = os.path.join(work, os.path.basename(path))
    src, out = base + ".cfn", base + ".out.json"
    r = run([cfc, "import", path, "-o", src])
    if r.returncode != 0:
        return "import fails: " + first(r.stderr)
    r = run([cfc, "build", src, "-o", out])
    if r.returncode != 0:
        # The reason is the diagnostic's code and text without the places.
        m = re.search(r"error: (.*)", r.stderr)
        return "build fails: " + (re.sub(r"'[^']*'", "'…'", m.group(1)) if m else first(r.stderr))
    r = run([sys.executable, os.path.join(oracle, "same-template.py"), path, out])
    if r.returncode != 0:
        line = first(r.stdout)
        # template.Resources.X.Properties.Y: ... -> the section and the kind of value.
        m = re.match(r"template\.(\w+)(?:\.[^.:\[]+)?((?:\.[^:]*)?):(.*)", line)
        if m:
            return "differs in %s: %s" % (m.group(1), re.sub(r"\"[^\"]*\"", "…", m.group(3))[:80].strip())
        return "differs: " + line
    return None


def first(text):
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[0][:160] if lines else "(no output)"


def main(argv):
    cfc, corpus, oracle, work = argv[:4]
    minimum = float(argv[argv.index("--min") + 1]) if "--min" in argv else 90.0
    os.makedirs(work, exist_ok=True)
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus)
                   if f.endswith((".json", ".yaml", ".yml")))
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda p: one(cfc, oracle, work, p), files))
    failures = collections.defaultdict(list)
    for path, reason in zip(files, results):
        if reason:
            failures[reason].append(os.path.basename(path))
    ok = sum(1 for r in results if r is None)
    percent = 100.0 * ok / len(files) if files else 0.0
    print("%d of %d round-trip (%.1f%%)" % (ok, len(files), percent))
    for reason, names in sorted(failures.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print("  %d: %s" % (len(names), reason))
        for n in names:
            print("      " + n)
    return 0 if percent >= minimum else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
