#!/usr/bin/env python3
"""Builds every example with a stack-wide tag in a cfc.yaml and checks, by
AWS's resource provider schemas (not cfc's catalog), that the tag reached
every resource whose type takes tags that can change in place, and no
resource whose tags only a replacement can change.

Usage: stack-tags-everywhere.py CFC EXAMPLES OUT SCHEMAS
Prints one line per example and a total; exits 1 naming each resource that
is wrong.
"""
import json
import os
import shutil
import subprocess
import sys

PROBE_KEY, PROBE_VALUE = "cfcProbe", "everywhere"


def tagging_of(schemas, kind):
    """(tag property name, updatable) for a type that takes tags, else None."""
    path = os.path.join(schemas, kind.lower().replace("::", "-") + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        schema = json.load(f)
    tagging = schema.get("tagging", {})
    pointer = tagging.get("tagProperty", "/properties/Tags")
    name = pointer.rsplit("/", 1)[-1]
    if not tagging.get("taggable", "Tags" in schema.get("properties", {})):
        return None
    if name not in schema.get("properties", {}):
        return None
    updatable = tagging.get("tagUpdatable", True) and pointer not in schema.get("createOnlyProperties", [])
    return name, updatable


def carries_probe(tags):
    if isinstance(tags, dict):
        return tags.get(PROBE_KEY) == PROBE_VALUE
    if isinstance(tags, list):
        return any(isinstance(t, dict) and t.get("Key") == PROBE_KEY and t.get("Value") == PROBE_VALUE
                   for t in tags)
    return False


def check_example(cfc, source, out, schemas):
    name = os.path.basename(source)
    folder = os.path.join(out, name)
    shutil.copytree(source, folder)
    with open(os.path.join(folder, "cfc.yaml"), "w") as f:
        f.write("name: %s\noutput: .\ntags:\n  %s: %s\n" % (name, PROBE_KEY, PROBE_VALUE))
    result = subprocess.run([cfc, "build", "--project", os.path.join(folder, "cfc.yaml")],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return 0, ["%s does not build:\n%s" % (name, result.stderr)]
    with open(os.path.join(folder, name + ".json")) as f:
        resources = json.load(f)["Resources"]
    tagged, wrong = 0, []
    for logical_id, resource in resources.items():
        tagging = tagging_of(schemas, resource["Type"])
        if tagging is None:
            continue
        prop, updatable = tagging
        has = carries_probe(resource.get("Properties", {}).get(prop))
        if updatable and not has:
            wrong.append("%s: %s (%s) lacks the stack tag in %s" % (name, logical_id, resource["Type"], prop))
        elif not updatable and has:
            wrong.append("%s: %s (%s) got the stack tag, which would replace it" % (name, logical_id, resource["Type"]))
        tagged += has
    print("%s: %d resources carry the stack tag" % (name, tagged))
    return tagged, wrong


def main(cfc, examples, out, schemas):
    names = sorted(n for n in os.listdir(examples) if os.path.isdir(os.path.join(examples, n)))
    total, problems = 0, []
    for name in names:
        tagged, wrong = check_example(cfc, os.path.join(examples, name), out, schemas)
        total += tagged
        problems += wrong
    print("%d examples, %d tagged resources, %d wrong" % (len(names), total, len(problems)))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
