#!/usr/bin/env python3
"""fmt-corpus.py CFC ROOT WORKDIR: cfc fmt over every example, stdlib module
and test program. For each: formatting is idempotent (after one `cfc fmt`,
`cfc fmt --check` is clean and a second run changes no byte), and the
template `cfc build` makes is the same before and after formatting, apart
from the `cfc:source` line numbers in Metadata. Programs that do not parse
must be left byte for byte as they were. Prints each problem; exits 1 if any.

    fmt-corpus.py CFC ROOT WORKDIR [--every N] [--replay PARSER]

The sanitizers' build (Format/corpus-sanitizers.test) looks for what the
sanitizers find rather than at the text: --replay has the parser's fuzz
target (fuzz/cfc-fuzz-parser: parse, dump, format, format again, which must
give the same text) read every program in one process, and --every N checks
every Nth program in the order above through the command line, as here."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

cfc, root, work = sys.argv[1], sys.argv[2], sys.argv[3]
every = int(sys.argv[sys.argv.index("--every") + 1]) if "--every" in sys.argv else 1
replay = sys.argv[sys.argv.index("--replay") + 1] if "--replay" in sys.argv else None
problems = []


def strip_sources(value):
    if isinstance(value, dict):
        return {k: strip_sources(v) for k, v in value.items() if k != "cfc:source"}
    if isinstance(value, list):
        return [strip_sources(v) for v in value]
    return value


def build(path):
    # Run in a scratch folder: a template on stdout puts its assets' zips
    # under ./cfc.out/assets.
    scratch = tempfile.mkdtemp()
    r = subprocess.run([cfc, "build", os.path.abspath(path)], capture_output=True, text=True, cwd=scratch)
    shutil.rmtree(scratch, ignore_errors=True)
    return strip_sources(json.loads(r.stdout)) if r.returncode == 0 else None


def read_all(folder):
    out = {}
    for d, _, files in os.walk(folder):
        for f in files:
            if f.endswith(".cfn"):
                with open(os.path.join(d, f), "rb") as fh:
                    out[os.path.join(d, f)] = fh.read()
    return out


def check(name, source, is_folder):
    """Copies source (a stack folder or one file) to work and checks it."""
    dest = os.path.join(work, name)
    if is_folder:
        shutil.copytree(source, dest)
    else:
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy(source, dest)
    before = build(dest)
    original = read_all(dest) if is_folder else {dest: open(dest, "rb").read()}
    fmt = subprocess.run([cfc, "fmt", dest], capture_output=True, text=True)
    if fmt.returncode != 0:
        if "CFC7001" in fmt.stderr:
            problems.append("%s: %s" % (name, fmt.stderr.strip()))
        # Syntax errors: the files must be untouched.
        now = read_all(dest) if is_folder else {dest: open(dest, "rb").read()}
        if now != original:
            problems.append("%s: does not parse but was changed" % name)
        return
    once = read_all(dest) if is_folder else {dest: open(dest, "rb").read()}
    if subprocess.run([cfc, "fmt", "--check", dest], capture_output=True).returncode != 0:
        problems.append("%s: fmt --check fails after fmt (not idempotent)" % name)
    subprocess.run([cfc, "fmt", dest], capture_output=True)
    twice = read_all(dest) if is_folder else {dest: open(dest, "rb").read()}
    if once != twice:
        problems.append("%s: a second fmt changed the text" % name)
    after = build(dest)
    if before != after:
        problems.append("%s: the template changed" % name)


def programs():
    """(name, path, is a folder) of every example, stdlib module and test program."""
    examples = os.path.join(root, "examples")
    for ex in sorted(os.listdir(examples)):
        if os.path.isdir(os.path.join(examples, ex)):
            yield "examples/" + ex, os.path.join(examples, ex), True
    for base in ["stdlib", "test"]:
        for d, _, files in sorted(os.walk(os.path.join(root, base))):
            for f in sorted(files):
                if f.endswith(".cfn"):
                    path = os.path.join(d, f)
                    yield os.path.relpath(path, root), path, False


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
everything = list(programs())
if replay:
    files = sorted(os.path.join(d, f) for _, path, is_folder in everything if is_folder
                   for d, _, names in os.walk(path) for f in names if f.endswith(".cfn"))
    files += [path for _, path, is_folder in everything if not is_folder]
    r = subprocess.run([replay] + files, capture_output=True, text=True)
    if r.returncode != 0:
        problems.append("%s ended with %d:\n%s" % (replay, r.returncode, r.stderr[-2000:]))
    print("%d files of %d programs, %s" % (len(files), len(everything), r.stdout.strip()))
count = 0
for name, path, is_folder in everything[::every]:
    check(name, path, is_folder)
    count += 1
for p in problems:
    print(p)
print("%d programs checked" % count + (" (every %d of %d)" % (every, len(everything)) if every > 1 else ""))
sys.exit(1 if problems else 0)
