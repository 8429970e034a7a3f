#!/usr/bin/env python3
"""Round trips over the corpus: `cfc import` then `cfc build`, judged by
same-template.py. Prints `N of M round-trip (P%)`, the templates refused as
AWS refuses them, and the failures grouped by reason; exits 1 when the share
that round-trips or is refused as AWS does falls below the threshold.

Usage: corpus-roundtrip.py CFC CORPUS_DIR ORACLE_DIR WORK_DIR [--min PERCENT]
                           [--cfn-lint CFN_LINT] [--sam-python PYTHON] [--jobs N]

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
the line above (E1010, E1012, E1019, E1020, E1028, E3005, E6101), and one whose build stops only at values AWS's schema
refuses (a pattern, an allowed value, a property unknown or missing: CFC2033,
CFC2006, CFC2003, CFC2004) when cfn-lint refuses each same value or property
(E3031, E3030, E3002, E3003). One whose build stops only at a service's
rule across properties (CFC2060, which names the cfn-lint rule it comes
from) or at a value of the wrong type (CFC2005: an object or list given a
deploy-time string) counts apart when cfn-lint reports, on the same
resource, that same rule, or for the type the same property "is not of
type" the same kind (E1010, E3012). And a SAM template (Transform AWS::Serverless-2016-10-31)
that cfc refuses with diagnostics counts apart when SAM's own transform (the
pinned samtranslator, under PYTHON) refuses it too: the SAM translator's
error tests are such templates, which CloudFormation cannot deploy."""
import collections
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

BLOCKED = re.compile(r'runs on "([^"]+)".*; use "([^"]+)" \[CFC2106\]')
DANGLING = re.compile(r":(\d+):\d+: error: .*\[CFC501[012]\]$")
# cfn-lint's rules for a reference to nothing, or to an attribute a type lacks.
REFERENCE_RULES = {"E1010", "E1012", "E1019", "E1020", "E1028", "E3005", "E6101"}
# cfc's build errors on what AWS's schema refuses, with cfn-lint's rules for
# the same finding and what both name: a value refused by a pattern or not
# among the allowed ones, a property unknown or missing.
QUOTED_VALUE = r'error: .*?"((?:[^"\\]|\\.)*)"'
VALUE_RULES = {"CFC2033": ({"E3031"}, QUOTED_VALUE), "CFC2006": ({"E3030"}, QUOTED_VALUE),
               "CFC2003": ({"E3002"}, r"unknown property '([^']*)'"),
               "CFC2004": ({"E3003"}, r"required property '([^']*)'")}
# The build errors judged on a resource: (what cfn-lint must say, how).
SERVICE_RULE = re.compile(r"\(the service's rule; cfn-lint (E\d+)\) \[CFC2060\]$")
WRONG_TYPE = re.compile(r"error: '([^']+)' of \S+ wants (a map|an object|a list|a bool|an int|a number|a string)\b.*\[CFC2005\]$")
# cfc's word for a type, and JSON Schema's in cfn-lint's "is not of type".
TYPE_WORDS = {"a map": "object", "an object": "object", "a list": "array", "a bool": "boolean",
              "an int": "integer", "a number": "number", "a string": "string"}
TYPE_RULES = {"E1010", "E3012"}
ERROR_LINE = re.compile(r":(\d+):\d+: error: ")


def run(args):
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


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
    r = run([sys.executable, os.path.join(oracle, "same-template.py"), path, out])
    if r.returncode != 0 and "Traceback" in r.stderr and "Fn::ForEach::" in open(path, encoding="utf-8").read():
        # same-template.py reads each entry of Resources as a resource and
        # crashes on a loop there: no verdict either way.
        return "the oracle cannot compare Fn::ForEach (same-template.py fails on a loop in Resources)"
    if r.returncode != 0:
        line = first(r.stdout)
        # template.Resources.X.Properties.Y: ... -> the section and the kind of value.
        m = re.match(r"template\.(\w+)(?:\.[^.:\[]+)?((?:\.[^:]*)?):(.*)", line)
        if m:
            return "differs in %s: %s" % (m.group(1), re.sub(r"\"[^\"]*\"", "…", m.group(3))[:80].strip())
        return "differs: " + line
    return None


def value_refusal(error):
    """(cfn-lint's rules, the value or property named) for a build error on
    what AWS's schema refuses; None for any other error."""
    code = re.search(r"\[(CFC\d+)\]$", error)
    if not code or code.group(1) not in VALUE_RULES:
        return None
    rules, pattern = VALUE_RULES[code.group(1)]
    named = re.search(pattern, error)
    return (rules, named.group(1)) if named else None


def resource_refusal(error, src):
    """("rule", logical ID, cfn-lint's rule) or ("type", logical ID, the
    property, JSON Schema's type) for a build error judged on a resource:
    a service's rule across properties, a value of the wrong type. None for
    any other error."""
    at = ERROR_LINE.search(error)
    rule, wrong = SERVICE_RULE.search(error), WRONG_TYPE.search(error)
    if not at or not (rule or wrong):
        return None
    logical_id = resource_at(src, int(at.group(1)))
    if not logical_id:
        return None
    if rule:
        return ("rule", logical_id, rule.group(1))
    return ("type", logical_id, wrong.group(1), TYPE_WORDS[wrong.group(2)])


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
    errors; empty without cfn-lint."""
    findings = collections.defaultdict(list)
    for i in range(0, len(paths) if cfn_lint else 0, 100):
        batch = paths[i:i + 100]
        r = subprocess.run([cfn_lint, "--format", "json", "--"] + batch,
                           capture_output=True, text=True, timeout=600)
        for m in json.loads(r.stdout or "[]"):
            if m["Rule"]["Id"].startswith("E"):
                findings[m["Filename"]].append((m["Location"]["Start"]["LineNumber"], m["Rule"]["Id"],
                                                m["Message"], m["Location"].get("Path") or []))
    return findings


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


def agrees(result, found, blocked_runtimes):
    """Whether cfn-lint's findings on a template refused as AWS does say the same."""
    if result[0] == "blocked":
        return set(result[1]) <= blocked_runtimes
    if result[0] == "value":
        return all(any(rule in rules and value in message for _, rule, message, _ in found)
                   for rules, value in result[1])
    if result[0] == "resource":
        return all(any(on_resource(finding, refusal) for finding in found) for refusal in result[1])
    # cfn-lint places a Fn::Sub variable at the Fn::Sub key, cfc in the string
    # on the next line.
    return all(any(line - 1 <= l <= line and rule in REFERENCE_RULES for l, rule, _, _ in found)
               for line in result[1])


def on_resource(finding, refusal):
    """Whether cfn-lint's finding says what cfc's refusal of a resource says:
    the same rule on it, or the same property not of the same type."""
    _, rule, message, where = finding
    if where[:2] != ["Resources", refusal[1]]:
        return False
    if refusal[0] == "rule":
        return rule == refusal[2]
    return rule in TYPE_RULES and refusal[2] in where[2:] and "is not of type '%s'" % refusal[3] in message


def option(argv, name, default):
    return argv[argv.index(name) + 1] if name in argv else default


def main(argv):
    cfc, corpus, oracle, work = argv[:4]
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
            if agrees(reason, findings.get(path, []), blocked_runtimes):
                counts[kind] += 1
                refused[kind].append(os.path.basename(path))
                continue
            reason = {"blocked": "refuses a blocked runtime (CFC2106) cfn-lint does not (E2533)",
                      "dangling": "import refuses a reference (CFC5010-5012) cfn-lint does not report on that line",
                      "value": "build refuses a value or property (CFC2003/2004/2006/2033) cfn-lint does not",
                      "resource": "build refuses a resource (a service's rule CFC2060, a type CFC2005) "
                                  "cfn-lint does not"}[kind]
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
    print("%d refused as AWS does: a value or property AWS's schema refuses (CFC2003/2004/2006/2033;"
          " cfn-lint refuses the same)" % counts["value"])
    print("%d refused as AWS does: a service's rule across properties or a value of the wrong type"
          " (CFC2060/2005; cfn-lint reports the same rule, or the same property's type, on the same resource)"
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
