#!/usr/bin/env python3
"""Checks that every rule of a SARIF log links to its own section of
docs/diagnostics.md, named as GitHub names a heading's anchor, under the
project's one address (informationUri).
Usage: check-help-uri.py LOG DIAGNOSTICS_MD"""
import json
import re
import sys

log = json.load(open(sys.argv[1]))
docs = open(sys.argv[2], encoding="utf-8").read()


def github_anchor(heading):
    # GitHub: lower case, drop what is not a letter, digit, space, '-' or
    # '_', then spaces become '-'.
    slug = re.sub(r"[^\w\- ]", "", heading.lower(), flags=re.ASCII)
    return slug.replace(" ", "-")


anchors = {}
for line in docs.splitlines():
    m = re.match(r"## (CFC\d{4}) ", line)
    if m:
        anchors[m.group(1)] = github_anchor(line[3:])

driver = log["runs"][0]["tool"]["driver"]
base = driver["informationUri"]
for rule in driver["rules"]:
    want = base + "/blob/main/docs/diagnostics.md#" + anchors[rule["id"]]
    assert rule["helpUri"] == want, (rule["helpUri"], want)
    print(rule["id"], "#" + anchors[rule["id"]])
