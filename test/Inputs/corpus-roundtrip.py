#!/usr/bin/env python3
"""Round trips over the corpus: `cfc import` then `cfc build`, judged by
same-template.py. Prints `N of M round-trip (P%)`, the templates refused as
AWS refuses them, and the failures grouped by reason; exits 1 when the share
that round-trips or is refused as AWS does falls below the threshold.

Usage: corpus-roundtrip.py CFC CORPUS_DIR ORACLE_DIR WORK_DIR [--min PERCENT]
                           [--cfn-lint CFN_LINT] [--sam-python PYTHON] [--jobs N]
       corpus-roundtrip.py CFC CORPUS_DIR ORACLE_DIR WORK_DIR --unjudged-sample N [--jobs N]

--unjudged-sample N is the sanitizers' build's run (Import/corpus-sanitizers.test):
every Nth template in name order goes through `cfc import` and, when that
succeeds, `cfc build`; each run must end with exit 0 or 1 (what the
sanitizers find, tools/sanitize reports). Nothing is judged and there is no
floor: the templates and the rates are the Release build's pass's to judge.

Refused as AWS does: a template whose only errors are CFC2106 (a function on
a Lambda runtime Lambda no longer creates functions on) cannot be deployed,
and cfc is right to refuse it. It counts apart from the failures only when
(1) cfn-lint refuses each such runtime (E2533, on a function of its own), and
(2) the template, with each blocked runtime replaced by the one cfc's
diagnostic proposes, round-trips: so a real failure cannot hide there.
Likewise a template whose import stops only at references to what it lacks
(CFC5010-5012: a Ref, GetAtt or Sub variable naming nothing, an attribute
the type lacks), which CloudFormation refuses too, counts apart when
cfn-lint reports each of them on the same line, or for a Fn::Sub variable
the line above (E1010, E1012, E1019, E1020, E1028, E3005, E6101), or on a
key whose value holds the reference (cfn-lint judges an Fn::If on no
condition, or an unknown property, and not what it holds; E3002 too). And
a template whose import or build stops only at what AWS refuses, each error
confirmed by an independent judge on the same value, property or resource
(JUDGED below): values AWS's provider schema refuses (a pattern, an allowed
value, a property unknown or missing, a type, a length, an item count:
CFC2033, CFC2006, CFC2003, CFC2004, CFC2005, CFC2032, CFC2035), judged by
cfn-lint or by the provider schema itself (../shared/oracle/validate-template.py);
a resource without a Type or of a type AWS lacks (CFC5001, CFC2009), judged
by cfn-lint; a DynamoDB table billed by provisioned capacity, BillingMode's
default, without ProvisionedThroughput (CFC2103), judged by cfn-lint on the
template with that default written out (cfn-lint 1.51 judges only an
explicit PROVISIONED). One whose build stops only at a service's
rule across properties (CFC2060, which names the cfn-lint rule it comes
from) counts apart when cfn-lint reports that same rule on the same
resource. And a SAM template (Transform AWS::Serverless-2016-10-31)
that cfc refuses with diagnostics counts apart when SAM's own transform (the
pinned samtranslator, under PYTHON) refuses it too: the SAM translator's
error tests are such templates, which CloudFormation cannot deploy."""
import collections
import contextlib
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

BLOCKED = re.compile(r'runs on "([^"]+)".*; use "([^"]+)" \[CFC2106\]')
DANGLING = re.compile(r":(\d+):\d+: error: .*\[CFC501[012]\]$")
# cfn-lint's rules for a reference to nothing, or to an attribute a type
# lacks; and for an unknown property, which AWS refuses whatever it holds.
REFERENCE_RULES = {"E1010", "E1012", "E1019", "E1020", "E1028", "E3002", "E3005", "E6101"}
# Where an error of cfc names what it refuses: a quoted value, a property
# ('Filters' of FilterCriteria, 'SubnetId' of aws.efs.MountTarget), a type,
# a resource.
QUOTED_VALUE = r'error: .*?"((?:[^"\\]|\\.)*)"'
NAMED_PROPERTY = r"error: '([^']*)'(?: of ([\w.:]+))?"
# cfn-lint's warnings that a value, once its intrinsic function is resolved,
# has the wrong type (Ref, Sub, Join, Split, FindInMap, Select, GetAZs).
RESOLVED_TYPE = {"W1030", "W1031", "W1032", "W1033", "W1034", "W1035", "W1036"}
# The provider schema's verdict (validate-template.py), as a judge's rule.
SCHEMA = "schema"
# cfc's errors on what AWS refuses: the judge's rules that say the same, the
# pattern of what cfc names, and how a finding must name it too ("message":
# the value in the judge's message; "path": the property or its parent in the
# finding's path; "type": the same resource type; "resource": a finding on
# that resource).
JUDGED = {
    "CFC2033": ({"E3031", SCHEMA}, QUOTED_VALUE, "message"),
    "CFC2006": ({"E3030", SCHEMA}, QUOTED_VALUE, "message"),
    "CFC2003": ({"E3002", SCHEMA}, r"unknown property '([^']*)'", "message"),
    "CFC2004": ({"E3003", SCHEMA}, r"required property '([^']*)'", "message"),
    "CFC2005": ({"E3012", "E1010", "E1020", SCHEMA} | RESOLVED_TYPE, NAMED_PROPERTY, "path"),
    "CFC2032": ({"E3033", SCHEMA}, NAMED_PROPERTY, "path"),
    "CFC2035": ({"E3032", SCHEMA}, NAMED_PROPERTY, "path"),
    "CFC2009": ({"E3006"}, r"unknown resource type '([^']*)'", "type"),
    "CFC5001": ({"E3001", "E3006"}, r"resource '([^']*)' has (?:no Type|.* for its Type)", "resource"),
    "CFC2103": ({"E3639"}, r"table '([^']*)' is billed by provisioned capacity", "resource"),
}
# The default AWS applies that cfn-lint must be told of to judge CFC2103.
PROVISIONED_DEFAULT = "(BillingMode's default)"
# The build errors judged on a resource: (what cfn-lint must say, how).
SERVICE_RULE = re.compile(r"\(the service's rule; cfn-lint (E\d+)\) \[CFC2060\]$")
ERROR_LINE = re.compile(r":(\d+):\d+: error: ")

def run(args):
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


_same_template = {}
_same_template_lock = threading.Lock()


def same_template(oracle, expected, actual):
    """same-template.py's verdict on the two templates: (its exit status, what
    it printed, whether it crashed). Its main() runs in this process, loaded
    once, rather than a Python started for each of some 1,100 templates: the
    start and the import of the schemas took most of the corpus's CPU time.
    One at a time, as main() prints to sys.stdout."""
    with _same_template_lock:
        if oracle not in _same_template:
            spec = importlib.util.spec_from_file_location("same_template", os.path.join(oracle, "same-template.py"))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            _same_template[oracle] = module
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                status = _same_template[oracle].main([expected, actual])
            return status, printed.getvalue(), False
        except Exception:
            return 1, printed.getvalue(), True


def roundtrip(cfc, oracle, path, base):
    """None when the template round-trips; ("blocked", {runtime: use}) when
    its only errors are blocked runtimes; else the reason it fails."""
    src, out = base + ".cfn", base + ".out.json"
    r = run([cfc, "import", path, "-o", src])
    if r.returncode != 0:
        errors = [l for l in r.stderr.splitlines() if ": error: " in l]
        lines = [DANGLING.search(e) for e in errors]
        if errors and all(lines):
            return ("dangling", {int(m.group(1)) for m in lines})
        values = [value_refusal(e) for e in errors]
        if errors and all(values):
            return ("value", values)
        code = re.search(r"\[CFC\d+\]", r.stderr)
        return "import fails: " + first(r.stderr) + (" " + code.group(0) if code and code.group(0) not in first(r.stderr) else "")
    r = run([cfc, "build", src, "-o", out])
    if r.returncode != 0:
        errors = [l for l in r.stderr.splitlines() if ": error: " in l]
        blocked = dict(m.groups() for m in map(BLOCKED.search, errors) if m)
        if errors and len(blocked) > 0 and all("[CFC2106]" in e for e in errors):
            return ("blocked", blocked)
        values = [value_refusal(e) for e in errors]
        if errors and all(values):
            return ("value", values)
        placed = [resource_refusal(e, src) for e in errors]
        if errors and all(placed):
            return ("resource", placed)
        # The reason is the diagnostic's code and text without the places.
        m = re.search(r"error: (.*)", r.stderr)
        return "build fails: " + (re.sub(r"'[^']*'", "'…'", m.group(1)) if m else first(r.stderr))
    status, printed, crashed = same_template(oracle, path, out)
    if crashed and "Fn::ForEach::" in open(path, encoding="utf-8").read():
        # same-template.py reads each entry of Resources as a resource and
        # crashes on a loop there: no verdict either way.
        return "the oracle cannot compare Fn::ForEach (same-template.py fails on a loop in Resources)"
    if status != 0:
        line = first(printed)
        # template.Resources.X.Properties.Y: ... -> the section and the kind of value.
        m = re.match(r"template\.(\w+)(?:\.[^.:\[]+)?((?:\.[^:]*)?):(.*)", line)
        if m:
            return "differs in %s: %s" % (m.group(1), re.sub(r"\"[^\"]*\"", "…", m.group(3))[:80].strip())
        return "differs: " + line
    return None


def value_refusal(error):
    """(code, the names it gives) for an error on what AWS refuses that a
    judge can confirm (JUDGED); None for any other error."""
    code = re.search(r"\[(CFC\d+)\]$", error)
    if not code or code.group(1) not in JUDGED:
        return None
    _, pattern, _ = JUDGED[code.group(1)]
    named = re.search(pattern, error)
    if not named:
        return None
    return (code.group(1), tuple(n for n in named.groups() if n), PROVISIONED_DEFAULT in error)

def resource_refusal(error, src):
    """(logical ID, cfn-lint's rule) for a build error judged on a resource,
    a service's rule across properties (CFC2060), whose message names the
    resource by its name in cfc's source, not by its logical ID; None for any
    other error. (A wrong type, CFC2005, is judged on its property: JUDGED.)"""
    at = ERROR_LINE.search(error)
    rule = SERVICE_RULE.search(error)
    if not at or not rule:
        return None
    logical_id = resource_at(src, int(at.group(1)))
    return (logical_id, rule.group(1)) if logical_id else None


def resource_at(src, line):
    """The logical ID of the resource whose declaration holds the line of
    the imported source: @logicalId's, else the name in PascalCase, as the
    compiler makes it."""
    lines = open(src, encoding="utf-8").read().splitlines()[:line]
    for i in range(len(lines) - 1, -1, -1):
        m = re.match(r"resource (\w+) ", lines[i])
        if m:
            # Its decorators (@logicalId among them) stand in the lines above, up to a blank one.
            above = lines[:i]
            block = above[len(above) - next((k for k, l in enumerate(reversed(above)) if not l.strip()), len(above)):]
            pinned = next((p for p in (re.match(r'@logicalId\("([^"]+)"\)', l) for l in block) if p), None)
            return pinned.group(1) if pinned else re.sub(r"(?:^|[^A-Za-z0-9]+)([A-Za-z0-9])",
                                                         lambda c: c.group(1).upper(), m.group(1))
        if i < len(lines) - 1 and re.match(r"\S", lines[i]) and not lines[i].startswith(("}", "//", "@")):
            return None  # Another declaration: not inside a resource.
    return None


def one(cfc, oracle, work, path):
    base = os.path.join(work, os.path.basename(path))
    result = roundtrip(cfc, oracle, path, base)
    if not isinstance(result, tuple) or result[0] != "blocked":
        return result
    # The same template on runtimes Lambda takes must round-trip.
    text = open(path, encoding="utf-8").read()
    for runtime, use in result[1].items():
        text = re.sub(r"(?<![\w.])" + re.escape(runtime) + r"(?![\w.])", use, text)
    supported = base + ".supported" + os.path.splitext(path)[1]
    with open(supported, "w", encoding="utf-8") as f:
        f.write(text)
    again = roundtrip(cfc, oracle, supported, supported)
    if again is None:
        return ("blocked", sorted(result[1]))
    return "on a supported runtime, " + (again if isinstance(again, str) else "still refused (%s)" % again[0])


def first(text):
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[0][:160] if lines else "(no output)"


def lint_findings(cfn_lint, paths):
    """path -> [(line, rule, message, path in the template)] of cfn-lint's
    errors, and of its warnings that a resolved value has the wrong type;
    empty without cfn-lint."""
    findings = collections.defaultdict(list)
    for i in range(0, len(paths) if cfn_lint else 0, 100):
        batch = paths[i:i + 100]
        r = subprocess.run([cfn_lint, "--format", "json", "--"] + batch,
                           capture_output=True, text=True, timeout=600)
        try:
            found = json.loads(r.stdout) if r.stdout.strip() else []
        except ValueError:
            found = []
        for f in found:
            rule = f["Rule"]["Id"]
            if rule.startswith("E") or (rule in RESOLVED_TYPE and "is not of type" in f["Message"]):
                where = f["Location"]
                findings[f["Filename"]].append((where["Start"]["LineNumber"], rule, f["Message"],
                                                [str(p) for p in where.get("Path") or []]))
    return findings


def schema_findings(oracle, paths):
    """path -> [(0, SCHEMA, message, path in the template)] of what AWS's
    provider schemas refuse in each template (validate-template.py)."""
    findings = collections.defaultdict(list)
    if not paths:
        return findings
    r = subprocess.run([sys.executable, os.path.join(oracle, "validate-template.py"), "--lenient", "--quiet"] + paths,
                       capture_output=True, text=True, timeout=600)
    for line in r.stdout.splitlines():
        for path in paths:
            if line.startswith(path + ": "):
                where, _, message = line[len(path) + 2:].partition(": ")
                findings[path].append((0, SCHEMA, message, where.split(".")))
    return findings


def with_defaults_written(oracle, path, tables, work):
    """A copy of the template with BillingMode's default, PROVISIONED, written
    on the tables named, for cfn-lint to judge; None when it cannot be read."""
    sys.path.insert(0, oracle)
    try:
        import importlib
        validate = importlib.import_module("validate-template")
        template, _ = validate.load_template(path)
    except Exception:
        return None
    finally:
        sys.path.pop(0)
    for name in tables:
        resource = template.get("Resources", {}).get(name)
        if not isinstance(resource, dict) or not isinstance(resource.get("Properties", {}), dict):
            return None
        resource.setdefault("Properties", {}).setdefault("BillingMode", "PROVISIONED")
    copy = os.path.join(work, os.path.basename(path) + ".defaults.json")
    with open(copy, "w", encoding="utf-8") as f:
        json.dump(template, f, indent=2)
    return copy


def defaulted_findings(cfn_lint, oracle, refusals, work):
    """path -> cfn-lint's findings on the template with the defaults AWS
    applies written out, for the refusals that rest on such a default."""
    copies = {}
    for path, result in refusals:
        if result[0] != "value":
            continue
        tables = [names[0] for code, names, defaulted in result[1] if code == "CFC2103" and defaulted]
        if tables:
            copy = with_defaults_written(oracle, path, tables, work)
            if copy:
                copies[copy] = path
    found = lint_findings(cfn_lint, list(copies))
    return {copies[c]: f for c, f in found.items() if c in copies}

def lint_blocked_runtimes(cfn_lint, runtimes, work):
    """The runtimes cfn-lint refuses (E2533) for a Lambda function: asked of
    a function of its own, since cfn-lint judges a SAM source's functions only
    when the source names the transform, which the SAM translator's test
    inputs often leave out."""
    paths = {}
    for runtime in sorted(runtimes):
        path = os.path.join(work, "runtime-%s.json" % re.sub(r"[^\w.-]", "_", runtime))
        with open(path, "w") as f:
            json.dump({"Resources": {"Function": {"Type": "AWS::Lambda::Function", "Properties": {
                "Runtime": runtime, "Handler": "index.handler", "Code": {"ZipFile": "exports.handler = 0"},
                "Role": "arn:aws:iam::123456789012:role/lambda"}}}}, f)
        paths[path] = runtime
    findings = lint_findings(cfn_lint, list(paths))
    return {runtime for path, runtime in paths.items() if any(f[1] == "E2533" for f in findings.get(path, []))}


def sam_refuses(sam_python, paths):
    """The SAM templates among paths that SAM's transform refuses."""
    if not sam_python or not paths:
        return set()
    helper = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sam-refuses.py")
    r = subprocess.run([sam_python, helper] + paths, capture_output=True, text=True, timeout=600)
    return set(r.stdout.splitlines())


def is_sam(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return "AWS::Serverless" in f.read()


def refused_by_cfc(reason):
    """A failure that is cfc refusing the template with its diagnostics."""
    return isinstance(reason, tuple) or (
        isinstance(reason, str) and re.search(r"\[CFC\d+\]", reason) is not None)


def encloses(lines, outer, inner):
    """Whether the key on line outer (1-based) holds line inner, by the
    indentation both JSON and YAML templates are written with: every line
    after it up to inner is indented deeper."""
    if not 0 < outer < inner <= len(lines):
        return False
    indent = lambda text: len(text) - len(text.lstrip())
    return all(indent(l) > indent(lines[outer - 1]) for l in lines[outer:inner] if l.strip())


def on_property(where, names):
    """Whether a finding at path where is on the property cfc names (names:
    the property, then what holds it), or on the intrinsic function that
    gives it or what holds it its value (cfn-lint's "when resolved" findings);
    not on a sibling, nor on the whole object around it."""
    keys = list(where)
    while keys and keys[-1].isdigit():
        keys.pop()  # an item of the property's list
    if keys and keys[-1] == names[0]:
        return True
    function = lambda k: k == "Ref" or k.startswith("Fn::")
    return any(k in names and function(after) for k, after in zip(keys, keys[1:]))


def confirms(finding, code, names, lines):
    """Whether a judge's finding says what cfc's error code says, of the same
    value, property, type or resource."""
    line, rule, message, where = finding
    rules, _, how = JUDGED[code]
    if rule not in rules:
        return False
    if rule == "E1010" and "is not of type" not in message:
        return False  # E1010 judges a GetAtt; only its type finding says what CFC2005 says.
    if how == "message":
        # Quoted, as both judges quote it: "a" is in many a message, "'a'" not.
        return any(q + names[0] + q in message for q in ("'", '"'))
    if how == "path":
        return on_property(where, names)
    if how == "type":
        m = re.search(r"Resource type '([^']*)'", message)
        return m is not None and m.group(1).replace("::", ".").lower() == names[0].lower()
    return where[:2] == ["Resources", names[0]]


def agrees(result, found, blocked_runtimes, lines):
    """Whether the judges' findings on a template refused as AWS does say the same."""
    if result[0] == "blocked":
        return set(result[1]) <= blocked_runtimes
    if result[0] == "value":
        return all(any(confirms(f, code, names, lines) for f in found) for code, names, _ in result[1])
    if result[0] == "resource":
        return all(any(on_resource(finding, refusal) for finding in found) for refusal in result[1])
    # cfn-lint places a Fn::Sub variable at the Fn::Sub key, cfc in the string
    # on the next line; an error it finds in a key's value, at the key.
    return all(any(rule in REFERENCE_RULES and (line - 1 <= l <= line or encloses(lines, l, line))
                   for l, rule, _, _ in found)
               for line in result[1])


def on_resource(finding, refusal):
    """Whether cfn-lint's finding is the rule cfc's refusal names, on the
    same resource."""
    _, rule, _, where = finding
    return where[:2] == ["Resources", refusal[0]] and rule == refusal[1]


def option(argv, name, default):
    return argv[argv.index(name) + 1] if name in argv else default


def import_and_build(cfc, work, path):
    """(how cfc import ended, how cfc build ended or None): exit codes, or
    the signal as a negative number."""
    base = os.path.join(work, os.path.basename(path))
    imported = run([cfc, "import", path, "-o", base + ".cfn"]).returncode
    if imported != 0:
        return imported, None
    return imported, run([cfc, "build", base + ".cfn", "-o", base + ".out.json"]).returncode


def unjudged_sample(cfc, corpus, work, every, jobs):
    templates = sorted(os.path.join(corpus, f) for f in os.listdir(corpus)
                       if f.endswith((".json", ".yaml", ".yml")))
    files = templates[::every]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda p: import_and_build(cfc, work, p), files))
    built = sum(1 for i, b in results if b == 0)
    refused = sum(1 for i, b in results if i == 1 or b == 1)
    crashed = [(p, r) for p, r in zip(files, results) if r[0] not in (0, 1) or r[1] not in (None, 0, 1)]
    print("%d templates (every %d of %d): %d imported and built, %d refused with diagnostics, %d crashed" % (
        len(files), every, len(templates), built, refused, len(crashed)))
    for path, (i, b) in crashed:
        print("  crashed: %s: cfc import exit %s, cfc build exit %s" % (os.path.basename(path), i, b))
    return 1 if crashed or not files else 0


def main(argv):
    cfc, corpus, oracle, work = argv[:4]
    if "--unjudged-sample" in argv:
        os.makedirs(work, exist_ok=True)
        return unjudged_sample(cfc, corpus, work, int(option(argv, "--unjudged-sample", 1)),
                               int(option(argv, "--jobs", 2)))
    minimum = float(option(argv, "--min", 90.0))
    cfn_lint = option(argv, "--cfn-lint", "")
    sam_python = option(argv, "--sam-python", "")
    jobs = int(option(argv, "--jobs", 4))
    os.makedirs(work, exist_ok=True)
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus)
                   if f.endswith((".json", ".yaml", ".yml")))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda p: one(cfc, oracle, work, p), files))
    refusals = [(p, r) for p, r in zip(files, results) if isinstance(r, tuple)]
    findings = lint_findings(cfn_lint, [p for p, r in refusals if r[0] != "blocked"])
    for judged in (schema_findings(oracle, [p for p, r in refusals if r[0] == "value"]),
                   defaulted_findings(cfn_lint, oracle, refusals, work)):
        for path, found in judged.items():
            findings[path].extend(found)
    blocked_runtimes = lint_blocked_runtimes(
        cfn_lint, {rt for _, r in refusals if r[0] == "blocked" for rt in r[1]}, work)
    sam_refused = sam_refuses(sam_python, [p for p, r in zip(files, results) if r and refused_by_cfc(r) and is_sam(p)])
    failures = collections.defaultdict(list)
    counts = collections.Counter()
    refused = collections.defaultdict(list)
    for path, reason in zip(files, results):
        if path in sam_refused:
            counts["sam"] += 1
            refused["sam"].append(os.path.basename(path))
            continue
        if isinstance(reason, tuple):
            kind = reason[0]
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
            if agrees(reason, findings.get(path, []), blocked_runtimes, lines):
                counts[kind] += 1
                refused[kind].append(os.path.basename(path))
                continue
            reason = {"blocked": "refuses a blocked runtime (CFC2106) cfn-lint does not (E2533)",
                      "dangling": "import refuses a reference (CFC5010-5012) cfn-lint does not report on that line",
                      "value": "refuses what no judge refuses on the same place (CFC2003-2006/2009/2032/2033/2035/2103/5001)",
                      "resource": "build refuses a resource by a service's rule (CFC2060) cfn-lint does not"}[kind]
        if reason:
            failures[reason].append(os.path.basename(path))
    ok = sum(1 for r in results if r is None)
    total = len(files)
    percent = lambda n: 100.0 * n / total if total else 0.0
    print("%d of %d round-trip (%.1f%%)" % (ok, total, percent(ok)))
    print("%d refused as AWS does: a Lambda runtime Lambda no longer takes (CFC2106; cfn-lint refuses it, E2533;"
          " each round-trips on a supported runtime)" % counts["blocked"])
    print("%d refused as AWS does: a reference to what the template lacks (CFC5010-5012; cfn-lint agrees"
          " on each line)" % counts["dangling"])
    print("%d refused as AWS does: a value, property or resource type AWS's schema refuses, or a table with no"
          " throughput (CFC2003-2006/2009/2032/2033/2035/2103/5001; cfn-lint or the provider schema refuses each"
          " on the same place)" % counts["value"])
    print("%d refused as AWS does: a service's rule across properties (CFC2060; cfn-lint reports the same"
          " rule on the same resource)"
          % counts["resource"])
    print("%d refused as SAM's transform does: cfc's diagnostics refuse a SAM template that samtranslator"
          " refuses too" % counts["sam"])
    good = ok + sum(counts.values())
    print("%d of %d round-trip or are refused as AWS does (%.1f%%)" % (good, total, percent(good)))
    for reason, names in sorted(failures.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print("  %d: %s" % (len(names), reason))
        for n in names:
            print("      " + n)
    for kind in ("blocked", "dangling", "value", "resource", "sam"):
        if refused[kind]:
            print("  refused as AWS does (%s): %s" % (kind, " ".join(refused[kind])))
    return 0 if percent(good) >= minimum else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
