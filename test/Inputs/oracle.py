#!/usr/bin/env python3
"""Runs ../shared/oracle/validate-template.py as it is, with one repair: the
keys of `patternProperties` in AWS's schemas may use ECMA classes such as
\\p{L} that Python's `re` cannot compile (AWS::Cognito::UserPoolIdentityProvider
does), which makes the oracle crash on any template using such a type. The
oracle already skips uncompilable `pattern` values; this translates the keys
the same way instead of crashing.

Then it has cfn-lint judge the same templates (one process for all of them:
its start-up takes a second or two): an error (an E rule) fails the test as
the oracle's failures do; warnings and informational findings do not. A
missing cfn-lint fails the test too, saying so: a suite that skipped it
would pass templates nobody judged.

Usage: oracle.py --cfn-lint CFN_LINT ORACLE.py TEMPLATE...
       oracle.py --unjudged TEMPLATE...

--unjudged is %oracle in the sanitizers' build (tools/sanitize): there the
suite looks for what AddressSanitizer and UndefinedBehaviorSanitizer find in
cfc, and neither judge looks at memory. The judges judge the template, and
the Release build's pass judges the same templates (cfc's output does not
depend on the build), so this only checks that each template is there and
reads as JSON or YAML, and says it was not judged."""
import importlib.util
import re
import subprocess
import sys

# cfn-lint rules cfc's templates break on purpose, each with the reason.
# Keep this list short and the reasons true: a rule ignored here is ignored
# for every template of the suite.
IGNORED_RULES = {
}  # rule id: why cfn-lint is wrong about cfc's output

# Ranges for the ECMA Unicode classes, written to stand inside a [...] class.
ECMA_RANGES = {"L": "a-zA-Z\\u00aa-\\uffff", "N": "0-9", "M": "\\u0300-\\u036f", "Z": "\\s",
               "P": "!-/:-@\\[-`{-~", "S": "$+<=>^`|~"}


def translate_classes(pattern):
    """\\p{X} becomes its ranges, wrapped in [...] unless already inside one."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and pattern[i + 1:i + 2] == "p" and pattern[i + 2:i + 3] == "{":
            end = pattern.find("}", i)
            ranges = ECMA_RANGES.get(pattern[i + 3:end], "\\s\\S")
            out.append(ranges if in_class else "[" + ranges + "]")
            i = end + 1
            continue
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def translate(pattern):
    try:
        re.compile(pattern)
        return pattern
    except re.error:
        pattern = translate_classes(pattern)
        try:
            re.compile(pattern)
            return pattern
        except re.error:
            return ".*"  # Unknown to Python: accept rather than misjudge.


def cfn_lint(executable, templates):
    """Runs cfn-lint on the templates; prints its errors and returns how
    many there were (warnings and informational findings are not counted)."""
    if not executable:
        print("cfn-lint: not found; install cfn-lint 1.x (the suite judges every template with it)")
        return 1
    command = [executable, "--format", "parseable", "--non-zero-exit-code", "none"]
    if IGNORED_RULES:
        command += ["--ignore-checks", *sorted(IGNORED_RULES)]
    try:
        result = subprocess.run(command + ["--", *templates], capture_output=True, text=True)
    except OSError as error:
        print("cfn-lint: cannot run %s: %s" % (executable, error))
        return 1
    if result.returncode != 0 or result.stderr.strip():
        print("cfn-lint: failed to run (exit %d):\n%s" % (result.returncode, result.stderr))
        return 1
    # parseable: FILE:LINE:COLUMN:END_LINE:END_COLUMN:RULE:MESSAGE
    errors = [line for line in result.stdout.splitlines()
              if len(line.split(":")) > 6 and line.split(":")[5].startswith("E")]
    for line in errors:
        print("cfn-lint: " + line)
    print("cfn-lint: %d templates, %d errors" % (len(templates), len(errors)))
    return len(errors)


def unjudged(templates):
    """Reads each template (JSON, else YAML); 1 when one is missing or unreadable."""
    import json
    import yaml
    failed = 0
    for path in templates:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            try:
                json.loads(text)
            except ValueError:
                yaml.load(text, Loader=yaml.BaseLoader)
            print("%s: read, not judged" % path)
        except (OSError, ValueError, yaml.YAMLError) as error:
            print("%s: cannot read: %s" % (path, error))
            failed += 1
    print("%d templates not judged: the sanitizers' build (the Release build's pass judges them)" % len(templates))
    return 1 if failed or not templates else 0


if sys.argv[1:2] == ["--unjudged"]:
    sys.exit(unjudged(sys.argv[2:]))
if sys.argv[1] != "--cfn-lint":
    sys.exit("usage: oracle.py --cfn-lint CFN_LINT ORACLE.py TEMPLATE... | --unjudged TEMPLATE...")
lint_executable, oracle_path, arguments = sys.argv[2], sys.argv[3], sys.argv[4:]
spec = importlib.util.spec_from_file_location("validate_template", oracle_path)
oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oracle)
original_wrap = oracle._wrap


def wrap(node):
    if isinstance(node, dict) and isinstance(node.get("patternProperties"), dict):
        node = dict(node)
        node["patternProperties"] = {translate(k): v for k, v in node["patternProperties"].items()}
    return original_wrap(node)


oracle._wrap = wrap
status = oracle.main(arguments)
templates = [a for a in arguments if not a.startswith("-")]
lint_errors = cfn_lint(lint_executable, templates)
sys.exit(1 if status or lint_errors else 0)
