#!/usr/bin/env python3
"""Prints, for each template, the logical IDs of its AWS::Lambda::Version
resources and who points at each (an alias's FunctionVersion, a CloudFront
distribution's LambdaFunctionARN, an output), then how many distinct version
IDs all the templates hold together. Usage: lambda-versions.py TEMPLATE..."""
import json
import sys


def referenced(value, found):
    """Logical IDs named by Ref or Fn::GetAtt anywhere inside value."""
    if isinstance(value, dict):
        if "Ref" in value and isinstance(value["Ref"], str):
            found.add(value["Ref"])
        if "Fn::GetAtt" in value:
            found.add(value["Fn::GetAtt"][0])
        for v in value.values():
            referenced(v, found)
    elif isinstance(value, list):
        for v in value:
            referenced(v, found)
    return found


distinct = set()
for path in sys.argv[1:]:
    template = json.load(open(path))
    resources = template.get("Resources", {})
    versions = sorted(k for k, r in resources.items() if r["Type"] == "AWS::Lambda::Version")
    distinct.update(versions)
    for version in versions:
        users = sorted(k for k, r in resources.items() if version in referenced(r, set()))
        users += sorted("output " + k for k, o in template.get("Outputs", {}).items()
                        if version in referenced(o, set()))
        policy = resources[version].get("DeletionPolicy", "Delete")
        print("%s: %s (%s) used by %s" % (path.rsplit("/", 1)[-1], version, policy,
                                          ", ".join(users) or "nothing"))
print("%d distinct version IDs" % len(distinct))
