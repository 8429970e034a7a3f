#!/usr/bin/env python3
"""cfc's benchmark: build time, peak memory, CDK synth for comparison, and the
language server's completion latency after an edit.

    python3 bench/run.py [--quick] [--cfc build/cfc] [--no-cdk] [--no-lsp] [--lsp-only]

Generates (bench/generate.py) stacks of 10, 100 and 500 resources and a folder of
100 stacks of 10 resources into bench/out/, and the same stacks as AWS CDK apps
into bench/cdk/apps/ (needs `npm ci` in bench/cdk first). Then, for each:

  * `cfc build` wall time, median of several runs (the first, cold, run is also
    kept), and the peak resident memory of the process (from wait4's rusage);
  * CDK: `node app.js` (the app alone, CDK's lower bound) and `cdk synth`
    (the command CDK users run: the pinned aws-cdk CLI running the app),
    wall time, median of fewer runs, and the ratio to cfc for each;
  * for the 100 stacks: one `cfc build A B ... --out-dir DIR` building them
    all, against one CDK app of 100 stacks synthesised once; and one `cfc
    build` process per stack, run one after the other;
  * the monorepo: 20 stacks of 267 resources (5,340 in all) in one `cfc build
    ... --out-dir` run, against one CDK app of the same 20 stacks;
  * the floor (bench/floor.cpp, built as build/bench-floor): the time to read
    the same sources, parse cfc's templates with simdjson and write them again
    byte for byte, one process per run, and cfc's time as a multiple of it;
  * completion latency in a 400-resource document open in `cfc lsp`: an edit
    (didChange typing a property name) then a completion request, timed from
    sending the edit to receiving the completion, over 50 edits 50 ms apart
    (typing: the debounced analysis does not run in between), then over 30
    edits 400 ms apart (an analysis of the document runs after each edit,
    on the server's worker thread, while the next edits are completed);
  * the worst inputs for position conversion (bench/generate.py worst_line:
    a 350 KB one-line list, 400 KB of prefix operators): each request an
    editor makes of them (semantic tokens, hover, outline, references, code
    actions) timed; the bound is 200 ms per request;
  * an edit in a stack of 2,000 resources in 20 files, all open: from the
    end of the debounce to the edited file's diagnostics (the bound is
    50 ms), the publishes of the other files, and the server's CPU time per
    edit.

Prints a table and writes bench/results.json. Nothing here asserts a target.
"""
import argparse
import json
import os
import platform
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
CDK = os.path.join(HERE, "cdk")
APPS = os.path.join(CDK, "apps")
sys.path.insert(0, HERE)
import generate  # noqa: E402


def run_once(argv, cwd=None):
    """Wall seconds and peak RSS (MiB) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(argv)}\n{err}")
    return dt, ru.ru_maxrss / 1024.0


def measure(argv, runs, cwd=None):
    times, rss = [], []
    for _ in range(runs):
        t, m = run_once(argv, cwd)
        times.append(t)
        rss.append(m)
    return {"runs": runs, "cold_ms": times[0] * 1e3, "median_ms": statistics.median(times) * 1e3,
            "min_ms": min(times) * 1e3, "max_ms": max(times) * 1e3, "peak_rss_mib": max(rss)}


def measure_many(argvs, runs):
    """Several processes one after the other, as one sample; median over samples."""
    times, rss = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        for a in argvs:
            _, m = run_once(a)
            rss.append(m)
        times.append(time.perf_counter() - t0)
    return {"runs": runs, "cold_ms": times[0] * 1e3, "median_ms": statistics.median(times) * 1e3,
            "min_ms": min(times) * 1e3, "max_ms": max(times) * 1e3, "peak_rss_mib": max(rss),
            "per_stack_median_ms": statistics.median(times) * 1e3 / len(argvs)}


def same_template(a, b):
    oracle = "/work/shared/oracle/same-template.py"
    py = "/usr/bin/python3"
    if not (os.path.exists(oracle) and os.path.exists(py)):
        return None
    r = subprocess.run([py, oracle, a, b], capture_output=True, text=True)
    return r.returncode == 0


def floor_binary(cfc):
    """bench-floor, built in the build folder of cfc (CMake builds it when
    simdjson is there): build/bench/bench-floor beside build/cfc."""
    for f in (os.path.join(os.path.dirname(cfc), "bench", "bench-floor"),
              os.path.join(os.path.dirname(cfc), "bench-floor")):
        if os.path.exists(f):
            return f
    return None


def sources_of(operands):
    """The .cfn files cfc reads for these operands (files, or folders of them)."""
    files = []
    for o in operands:
        if os.path.isdir(o):
            files += sorted(os.path.join(o, f) for f in os.listdir(o) if f.endswith(".cfn"))
        else:
            files.append(o)
    return files


def measure_floor(floor, operands, templates, runs):
    """The floor for a cfc run over operands that wrote templates: one process
    reading the sources, parsing each template with simdjson and writing it
    again. Its output must be cfc's templates byte for byte (checked once)."""
    out = os.path.join(OUT, "floor")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    argv = [floor, out, *sources_of(operands), "--", *templates]
    r = measure(argv, runs)
    for t in templates:
        with open(t, "rb") as a, open(os.path.join(out, os.path.basename(t)), "rb") as b:
            if a.read() != b.read():
                sys.exit(f"bench-floor did not write {t} back byte for byte")
    return r


# ---- the language server ------------------------------------------------------------

class Lsp:
    def __init__(self, cfc):
        self.p = subprocess.Popen([cfc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.replies = queue.Queue()
        self.published = queue.Queue()  # (arrival time, params) of publishDiagnostics
        self.next_id = 0
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        f = self.p.stdout
        while True:
            length, arrived = None, None
            while True:
                line = f.readline()
                if arrived is None:
                    arrived = time.perf_counter()  # The server is done; reading is ours.
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.decode().partition(":")
                if k.lower() == "content-length":
                    length = int(v)
            msg = json.loads(f.read(length))
            if "id" in msg and "method" not in msg:
                msg["$arrived"] = arrived
                self.replies.put(msg)
            elif msg.get("method") == "textDocument/publishDiagnostics":
                self.published.put((time.perf_counter(), msg["params"]))

    def send(self, method, params, request=False):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()
        return msg.get("id")

    def request(self, method, params):
        rid = self.send(method, params, request=True)
        while True:
            msg = self.replies.get(timeout=60)
            if msg.get("id") == rid:
                return msg

    def close(self):
        try:
            self.request("shutdown", None)
            self.send("exit", None)
            self.p.wait(timeout=10)
        finally:
            if self.p.poll() is None:
                self.p.kill()


def lsp_completion(cfc, resources, edits, pause):
    text = generate.cfc_program(resources, "cfc benchmark: language server")
    lines = text.split("\n")
    uri = "file://" + os.path.join(OUT, "lsp", "main.cfn")
    # The line after each queue's opening line: where a property is typed.
    targets = [i + 1 for i, l in enumerate(lines) if l.startswith("resource q")]
    s = Lsp(cfc)
    s.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
    s.send("initialized", {})
    t0 = time.perf_counter()
    s.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cfc", "version": 1,
                                                     "text": text}})
    first = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                  "position": {"line": targets[0], "character": 2}})
    open_ms = (time.perf_counter() - t0) * 1e3
    lat, version, inserted, items = [], 1, 0, []
    for k in range(edits):
        # Typing "  Delay" on a new line in a queue's body, then asking for completion there.
        line = targets[k % len(targets)] + inserted
        version += 1
        t0 = time.perf_counter()
        s.send("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                          "end": {"line": line, "character": 0}},
                                "text": "  Delay\n"}]})
        r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                  "position": {"line": line, "character": 7}})
        lat.append((time.perf_counter() - t0) * 1e3)
        res = r.get("result")
        got = res.get("items", []) if isinstance(res, dict) else (res or [])
        items.append(len(got))
        # Fast must still be right: the queue's properties, whatever was analysed.
        if not any(i.get("label") == "DelaySeconds" for i in got):
            sys.exit(f"completion after edit {k} did not offer DelaySeconds: {r}")
        inserted += 1
        if pause:
            time.sleep(pause)
    s.close()
    if min(items) == 0:
        sys.exit("the language server offered no completion after an edit")
    return {"resources": resources, "edits": edits, "pause_s": pause, "open_and_first_ms": open_ms,
            "median_ms": statistics.median(lat), "p90_ms": sorted(lat)[int(0.9 * (len(lat) - 1))],
            "max_ms": max(lat), "min_items": min(items), "first_items": len(
                (first.get("result") or {}).get("items", []))}


def cpu_seconds(pid):
    """User plus system CPU time of a process so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def lsp_worst_lines(cfc):
    """Each request on the worst one-line documents, timed (ms)."""
    result = {}
    for kind in ("list", "prefix"):
        text = generate.worst_line(kind)
        first = text.split("\n")[0]
        end = {"line": 0, "character": len(first.encode("utf-16-le")) // 2 - 1}
        uri = "file://" + os.path.join(OUT, "lsp-worst", kind + ".cfn")
        doc = {"textDocument": {"uri": uri}}
        s = Lsp(cfc)
        s.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
        s.send("initialized", {})
        s.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cfc", "version": 1,
                                                         "text": text}})
        s.request("textDocument/documentSymbol", doc)  # Waits for the analysis.
        times, cpu = {}, {}
        for method, params in [
                ("textDocument/semanticTokens/full", doc),
                ("textDocument/hover", dict(doc, position=end)),
                ("textDocument/documentSymbol", doc),
                ("textDocument/references", dict(doc, position={"line": 0, "character": 5},
                                                 context={"includeDeclaration": True})),
                ("textDocument/codeAction", dict(doc, range={"start": end, "end": end},
                                                 context={"diagnostics": []})),
                ("textDocument/completion", dict(doc, position=end))]:
            cpu0 = cpu_seconds(s.p.pid)
            t0 = time.perf_counter()
            r = s.request(method, params)
            # Until the answer's first byte: parsing a 10 MB answer here is not the server's time.
            times[method.split("/", 1)[1]] = (r["$arrived"] - t0) * 1e3
            cpu[method.split("/", 1)[1]] = (cpu_seconds(s.p.pid) - cpu0) * 1e3
            if "error" in r:
                sys.exit(f"{method} on the {kind} document failed: {r['error']}")
        s.close()
        result[kind] = {"bytes": len(text.encode()), "ms": times, "max_ms": max(times.values()),
                        "server_cpu_ms": cpu, "max_server_cpu_ms": max(cpu.values())}
    return result


def print_worst_lines(w):
    for kind, r in w.items():
        worst = max(r["ms"], key=r["ms"].get)
        print(f"worst one-line document ({kind}, {r['bytes'] // 1000} KB): slowest request "
              f"{worst} {r['max_ms']:.1f} ms (bound 200 ms; server CPU at most "
              f"{r['max_server_cpu_ms']:.0f} ms)")


def lsp_stack_edit(cfc, resources=2000, files=20, edits=10, debounce=0.3):
    """Edits in one file of a stack of `resources` in `files` files, all open:
    when the edited file's diagnostics arrive after the debounce, how many
    other files are published, and the server's CPU time per edit."""
    folder = os.path.join(OUT, "lsp-stack")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    texts = generate.cfc_stack_files(resources, files, "cfc benchmark: stack edit")
    for name, text in texts.items():
        generate.write(os.path.join(folder, name), text)
    uris = {name: "file://" + os.path.join(folder, name) for name in texts}
    s = Lsp(cfc)
    s.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
    s.send("initialized", {})
    for name, text in texts.items():
        s.send("textDocument/didOpen", {"textDocument": {"uri": uris[name], "languageId": "cfc",
                                                         "version": 1, "text": text}})
    # Settled: every file published at least once, then quiet for a second.
    seen = set()
    while len(seen) < len(texts):
        seen.add(s.published.get(timeout=120)[1]["uri"])
    while True:
        try:
            s.published.get(timeout=1.0)
        except queue.Empty:
            break
    edited = sorted(texts)[len(texts) // 2]
    lines = texts[edited].split("\n")
    target = next(k for k, l in enumerate(lines) if "VisibilityTimeout: 60" in l)
    latency, others, cpu = [], [], []
    for k in range(edits):
        value = "61" if k % 2 == 0 else "60"
        cpu0 = cpu_seconds(s.p.pid)
        t0 = time.perf_counter()
        s.send("textDocument/didChange", {
            "textDocument": {"uri": uris[edited], "version": k + 2},
            "contentChanges": [{"range": {"start": {"line": target, "character": 21},
                                          "end": {"line": target, "character": 23}}, "text": value}]})
        other = 0
        while True:
            at, params = s.published.get(timeout=60)
            if params["uri"] == uris[edited] and params.get("version") == k + 2:
                latency.append((at - t0 - debounce) * 1e3)
                break
            other += 1
        # What follows for the other files, until quiet.
        while True:
            try:
                s.published.get(timeout=1.0)
                other += 1
            except queue.Empty:
                break
        others.append(other)
        cpu.append((cpu_seconds(s.p.pid) - cpu0) * 1e3)
    s.close()
    return {"resources": resources, "files": files, "edits": edits,
            "after_debounce_median_ms": statistics.median(latency), "after_debounce_max_ms": max(latency),
            "other_publishes_max": max(others), "cpu_ms_per_edit_median": statistics.median(cpu)}


def print_stack_edit(e):
    print(f"edit with {e['files']} files of a {e['resources']}-resource stack open: diagnostics "
          f"{e['after_debounce_median_ms']:.1f} ms after the debounce (max {e['after_debounce_max_ms']:.1f}, "
          f"bound 50 ms); other files published {e['other_publishes_max']}; "
          f"server CPU {e['cpu_ms_per_edit_median']:.0f} ms per edit")


def print_lsp(l):
    print(f"completion after an edit ({l['resources']} resources, {l['edits']} edits "
          f"{l['pause_s'] * 1000:.0f} ms apart): "
          f"median {l['median_ms']:.1f} ms, p90 {l['p90_ms']:.1f} ms, max {l['max_ms']:.1f} ms "
          f"(open + first completion {l['open_and_first_ms']:.1f} ms)")


# ---- main -----------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="cfc's benchmark")
    ap.add_argument("--quick", action="store_true", help="fewer runs, no 100-stack CDK app")
    ap.add_argument("--cfc", default=os.path.join(ROOT, "build", "cfc"))
    ap.add_argument("--no-cdk", action="store_true", help="skip AWS CDK")
    ap.add_argument("--no-lsp", action="store_true", help="skip the language server")
    ap.add_argument("--lsp-only", action="store_true",
                    help="only the language server's completion latency (prints it, writes no JSON)")
    ap.add_argument("--edits", type=int, help="edits in the latency run (default 50, quick 20)")
    ap.add_argument("--runs", type=int, help="cfc runs per measurement (default 21, quick 5)")
    ap.add_argument("--cdk-runs", type=int, help="CDK runs per measurement (default 3, quick 1)")
    ap.add_argument("--json", default=os.path.join(HERE, "results.json"))
    a = ap.parse_args()
    runs = a.runs or (5 if a.quick else 21)
    cdk_runs = a.cdk_runs or (1 if a.quick else 3)
    cfc = os.path.abspath(a.cfc)
    edits = a.edits or (20 if a.quick else 50)
    if a.lsp_only:
        print_lsp(lsp_completion(cfc, 400, edits, 0.05))
        print_lsp(lsp_completion(cfc, 400, 30, 0.4))
        print_worst_lines(lsp_worst_lines(cfc))
        print_stack_edit(lsp_stack_edit(cfc))
        return
    node = shutil.which("node")
    have_cdk = not a.no_cdk and node and os.path.isdir(os.path.join(CDK, "node_modules", "aws-cdk-lib"))
    if not a.no_cdk and not have_cdk:
        print("note: no aws-cdk-lib in bench/cdk/node_modules (run `npm ci` there); CDK skipped",
              file=sys.stderr)

    results = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                           "python": platform.python_version()},
               "cfc": cfc, "runs": runs, "cdk_runs": cdk_runs, "stacks": {}, "lsp": None}
    if have_cdk:
        results["node"] = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
        with open(os.path.join(CDK, "node_modules", "aws-cdk-lib", "package.json")) as f:
            results["aws_cdk_lib"] = json.load(f)["version"]

    # `cdk synth`, the command CDK users run: the CLI (aws-cdk, pinned in
    # bench/cdk) starts, runs `node app.js` and reads its cloud assembly.
    # `node app.js` alone is CDK's lower bound; both are reported.
    cdk_cli = os.path.join(CDK, "node_modules", ".bin", "cdk")
    os.environ["CDK_DISABLE_CLI_TELEMETRY"] = "true"

    def add_cdk_synth(r, app):
        if not os.path.exists(cdk_cli):
            return
        r["cdk_synth"] = measure([cdk_cli, "synth", "--app", "node app.js", "-q", "--no-notices",
                                  "--no-version-reporting", "--no-path-metadata", "--no-asset-metadata",
                                  "--output", "cdk.out"], cdk_runs, cwd=app)
        r["ratio_synth"] = r["cdk_synth"]["median_ms"] / r["cfc"]["median_ms"]

    floor = floor_binary(cfc)
    if not floor:
        print("note: no bench-floor in cfc's build folder (CMake builds it when libsimdjson-dev is installed); "
              "floor skipped", file=sys.stderr)
    rows = []
    for n in (10, 100, 500):
        src = os.path.join(OUT, f"r{n}")
        app = os.path.join(APPS, f"r{n}")
        shutil.rmtree(app, ignore_errors=True)
        generate.write(os.path.join(src, "main.cfn"), generate.cfc_program(n, f"cfc benchmark: {n} resources"))
        if have_cdk:
            generate.write(os.path.join(app, "app.js"),
                           generate.cdk_app([("Bench", n)], f"cfc benchmark: {n} resources"))
        tpl = os.path.join(src, "template.json")
        r = {"resources": n, "cfc": measure([cfc, "build", os.path.join(src, "main.cfn"), "-o", tpl], runs)}
        if floor:
            r["floor"] = measure_floor(floor, [os.path.join(src, "main.cfn")], [tpl], runs)
            r["ratio_floor"] = r["cfc"]["median_ms"] / r["floor"]["median_ms"]
        if have_cdk:
            r["cdk"] = measure([node, "app.js"], cdk_runs, cwd=app)
            r["ratio"] = r["cdk"]["median_ms"] / r["cfc"]["median_ms"]
            add_cdk_synth(r, app)
            r["same_template"] = same_template(os.path.join(app, "cdk.out", "Bench.template.json"), tpl)
        results["stacks"][str(n)] = r
        rows.append((f"{n} resources", r))

    # A folder of 100 stacks of 10 resources.
    k, n = 100, 10
    folder = os.path.join(OUT, "stacks")
    app = os.path.join(APPS, "stacks")
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(app, ignore_errors=True)
    desc = f"cfc benchmark: {n} resources"
    names = []
    for i in range(1, k + 1):
        generate.write(os.path.join(folder, f"stack-{i:03d}", "main.cfn"), generate.cfc_program(n, desc))
        names.append((f"Stack{i:03d}", n))
    # One cfc run builds them all (`cfc build A B ... --out-dir DIR`), as one
    # CDK app synthesises all its stacks; and, for comparison, one cfc
    # process per stack, as a script looping over folders would run it.
    stack_dirs = [os.path.join(folder, f"stack-{i:03d}") for i in range(1, k + 1)]
    out_dir = os.path.join(folder, "templates")
    r = {"stacks": k, "resources_each": n,
         "cfc": measure([cfc, "build", *stack_dirs, "--out-dir", out_dir], runs)}
    argvs = [[cfc, "build", d, "-o", os.path.join(d, "template.json")] for d in stack_dirs]
    each = {"stacks": k, "resources_each": n, "cfc": measure_many(argvs, max(3, runs // 5))}
    if have_cdk and not a.quick:
        generate.write(os.path.join(app, "app.js"), generate.cdk_app(names, desc))
        r["cdk"] = measure([node, "app.js"], cdk_runs, cwd=app)
        r["ratio"] = r["cdk"]["median_ms"] / r["cfc"]["median_ms"]
        add_cdk_synth(r, app)
        r["same_template"] = same_template(os.path.join(app, "cdk.out", "Stack001.template.json"),
                                           os.path.join(out_dir, "stack-001.json"))
        each["cdk"] = r["cdk"]
        each["ratio"] = r["cdk"]["median_ms"] / each["cfc"]["median_ms"]
        if "cdk_synth" in r:
            each["cdk_synth"] = r["cdk_synth"]
            each["ratio_synth"] = r["cdk_synth"]["median_ms"] / each["cfc"]["median_ms"]
        each["same_template"] = same_template(os.path.join(app, "cdk.out", "Stack001.template.json"),
                                              os.path.join(folder, "stack-001", "template.json"))
    if floor:
        r["floor"] = measure_floor(floor, stack_dirs, [os.path.join(out_dir, f"stack-{i:03d}.json")
                                                       for i in range(1, k + 1)], runs)
        r["ratio_floor"] = r["cfc"]["median_ms"] / r["floor"]["median_ms"]
    results["stacks"]["100x10"] = r
    results["stacks"]["100x10_process_each"] = each
    rows.append((f"{k} stacks x {n}", r))
    rows.append((f"  (1 cfc per stack)", each))

    # The monorepo: 20 stacks of 267 resources, 5,340 in all, in one run.
    k, n = 20, 267
    folder = os.path.join(OUT, "monorepo")
    app = os.path.join(APPS, "monorepo")
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(app, ignore_errors=True)
    desc = f"cfc benchmark: {n} resources"
    for i in range(1, k + 1):
        generate.write(os.path.join(folder, f"stack-{i:03d}", "main.cfn"), generate.cfc_program(n, desc))
    stack_dirs = [os.path.join(folder, f"stack-{i:03d}") for i in range(1, k + 1)]
    out_dir = os.path.join(folder, "templates")
    r = {"stacks": k, "resources_each": n,
         "source_bytes": sum(os.path.getsize(f) for f in sources_of(stack_dirs)),
         "cfc": measure([cfc, "build", *stack_dirs, "--out-dir", out_dir], runs)}
    if floor:
        r["floor"] = measure_floor(floor, stack_dirs, [os.path.join(out_dir, f"stack-{i:03d}.json")
                                                       for i in range(1, k + 1)], runs)
        r["ratio_floor"] = r["cfc"]["median_ms"] / r["floor"]["median_ms"]
    if have_cdk:
        generate.write(os.path.join(app, "app.js"),
                       generate.cdk_app([(f"Stack{i:03d}", n) for i in range(1, k + 1)], desc))
        r["cdk"] = measure([node, "app.js"], cdk_runs, cwd=app)
        r["ratio"] = r["cdk"]["median_ms"] / r["cfc"]["median_ms"]
        if not a.quick:
            add_cdk_synth(r, app)
        r["same_template"] = same_template(os.path.join(app, "cdk.out", "Stack001.template.json"),
                                           os.path.join(out_dir, "stack-001.json"))
    results["stacks"]["20x267"] = r
    rows.append((f"{k} stacks x {n}", r))

    # Linearity: cost per resource between sizes, with the fixed start-up cost taken out.
    s = results["stacks"]
    t10, t100, t500 = (s[str(x)]["cfc"]["median_ms"] for x in (10, 100, 500))
    results["linearity"] = {"ms_per_resource_10_100": (t100 - t10) / 90,
                            "ms_per_resource_100_500": (t500 - t100) / 400}

    if not a.no_lsp:
        results["lsp"] = lsp_completion(cfc, 400, edits, 0.05)
        results["lsp_analysing"] = lsp_completion(cfc, 400, 30, 0.4)
        results["lsp_worst_lines"] = lsp_worst_lines(cfc)
        results["lsp_stack_edit"] = lsp_stack_edit(cfc)

    with open(a.json, "w") as f:
        json.dump(results, f, indent=2)

    print(f"cfc: {cfc}  ({runs} runs per cfc figure, {cdk_runs} per CDK figure; {os.cpu_count()} CPUs)")
    hdr = (f"{'stack':<22}{'cfc median':>12}{'cfc cold':>10}{'cfc RSS':>10}{'node app.js':>13}{'CDK RSS':>10}"
           f"{'ratio':>7}{'cdk synth':>11}{'ratio':>7}{'floor':>9}{'cfc/floor':>10}  same")
    print(hdr)
    print("-" * len(hdr))
    for label, r in rows:
        c = r["cfc"]
        line = f"{label:<22}{c['median_ms']:>10.1f}ms{c['cold_ms']:>8.1f}ms{c['peak_rss_mib']:>7.1f}MiB"
        if "cdk" in r:
            d = r["cdk"]
            line += f"{d['median_ms']:>11.0f}ms{d['peak_rss_mib']:>7.0f}MiB{r['ratio']:>6.0f}x"
            if "cdk_synth" in r:
                line += f"{r['cdk_synth']['median_ms']:>9.0f}ms{r['ratio_synth']:>6.0f}x"
            else:
                line += f"{'-':>11}{'-':>7}"
        else:
            line += f"{'-':>13}{'-':>10}{'-':>7}{'-':>11}{'-':>7}"
        if "floor" in r:
            line += f"{r['floor']['median_ms']:>7.1f}ms{r['ratio_floor']:>9.1f}x"
        else:
            line += f"{'-':>9}{'-':>10}"
        line += f"  {r.get('same_template', '-')}"
        print(line)
    lin = results["linearity"]
    print(f"cost per resource: {lin['ms_per_resource_10_100']:.3f} ms (10->100), "
          f"{lin['ms_per_resource_100_500']:.3f} ms (100->500)")
    if results["lsp"]:
        print_lsp(results["lsp"])
        print_lsp(results["lsp_analysing"])
        print_worst_lines(results["lsp_worst_lines"])
        print_stack_edit(results["lsp_stack_edit"])
    print(f"wrote {os.path.relpath(a.json, ROOT)}")


if __name__ == "__main__":
    main()
