"""Prints a template's resources one per line, for golden FileCheck tests:

    LogicalId Type [DependsOn...] {Properties as compact JSON}

Only resources whose logical ID starts with one of the prefixes given after
the template's path (all without any): one component instance's, say.
cfc's Metadata is left out.
Usage: resources.py TEMPLATE.json [LOGICAL-ID-PREFIX ...]
"""
import json
import sys


def main(path, prefixes):
    with open(path) as f:
        resources = json.load(f)["Resources"]
    for logical_id, resource in resources.items():
        if prefixes and not any(logical_id.startswith(p) for p in prefixes):
            continue
        kind = resource["Type"]
        depends = resource.get("DependsOn", [])
        depends = [depends] if isinstance(depends, str) else depends
        line = [logical_id, kind] + ["dependsOn=" + ",".join(depends)] * bool(depends)
        line.append(json.dumps(resource.get("Properties", {}), separators=(",", ":")))
        print(" ".join(line))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
