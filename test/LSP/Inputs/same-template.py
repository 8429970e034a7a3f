# same-template.py — whether two templates are the same but for where their
# resources were written (Metadata's cfc:source, which names the file and
# line): a refactoring that moves text must not change what is deployed.
# Usage: same-template.py A.json B.json; exits 1 and prints both when not.
import json
import sys


def deployed(path):
    template = json.load(open(path, encoding="utf-8"))
    for resource in template.get("Resources", {}).values():
        resource.get("Metadata", {}).pop("cfc:source", None)
        if resource.get("Metadata") == {}:
            del resource["Metadata"]
    return template


a, b = deployed(sys.argv[1]), deployed(sys.argv[2])
if a != b:
    print(json.dumps(a, indent=2))
    print(json.dumps(b, indent=2))
    sys.exit(1)
