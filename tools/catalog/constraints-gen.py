#!/usr/bin/env python3
"""Generates tools/catalog/constraints.json, the value constraints of every
resource type, from AWS's CloudFormation resource provider schemas.

The catalog's own source, @aws-cdk/aws-service-spec, carries property types
but no value constraints; the provider schemas do. This keeps, per resource
type and per owner (the resource itself, "", or a type definition by name,
as the catalog names its struct types), what a compiler can judge of a value
known at compile time:

  per property   min, max (numbers), minLen, maxLen, pattern (strings),
                 enum (strings and integers), minItems, maxItems, unique
                 (lists), items (the elements' own), values (a map's values)
  per owner      rules: "oneOf" / "anyOf" of required sets (each branch only
                 `required`), "requires" (dependencies/dependentRequired)

Anything else (formats, property-level oneOf of alternative shapes,
patternProperties keys) is left out: a check that cannot be made exactly is
not made.

Usage: constraints-gen.py SCHEMA_DIR OUT.json
  SCHEMA_DIR  ../shared/oracle/cfn-schemas (us-east-1, as collected by the
              cfn-lint project; MIT No Attribution)
The output is deterministic: keys sorted, one line per resource type.
"""
import json
import os
import sys

NUMERIC = ("minimum", "maximum")
STRING = ("minLength", "maxLength", "pattern")
LIST = ("minItems", "maxItems", "uniqueItems")
SHORT = {"minimum": "min", "maximum": "max", "minLength": "minLen", "maxLength": "maxLen",
         "pattern": "pattern", "minItems": "minItems", "maxItems": "maxItems", "uniqueItems": "unique"}


class Schema:
    def __init__(self, doc):
        self.doc = doc
        self.defs = doc.get("definitions", {})

    def resolve(self, node, seen=()):
        """Follows a local $ref to a definition that is not an object (a
        named string or list type): its keywords apply to the property."""
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/definitions/"):
            return node
        name = ref[len("#/definitions/"):]
        target = self.defs.get(name)
        if not isinstance(target, dict) or name in seen or is_object(target):
            return node
        merged = dict(self.resolve(target, seen + (name,)))
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        return merged

    def constraint(self, node, depth=0):
        """The constraint tree of one property schema, or None."""
        if not isinstance(node, dict) or depth > 8:
            return None
        node = self.resolve(node)
        types = node.get("type")
        types = set(types) if isinstance(types, list) else {types} if types else set()
        out = {}
        for key in NUMERIC:
            v = node.get(key)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and (not types or types & {"integer", "number"}):
                out[SHORT[key]] = v
        for key in STRING:
            v = node.get(key)
            ok = isinstance(v, str) if key == "pattern" else isinstance(v, int) and not isinstance(v, bool)
            if ok and (not types or "string" in types):
                out[SHORT[key]] = v
        for key in LIST:
            v = node.get(key)
            if key == "uniqueItems":
                if v is True and (not types or "array" in types):
                    out["unique"] = True
            elif isinstance(v, int) and not isinstance(v, bool) and (not types or "array" in types):
                out[SHORT[key]] = v
        values = node.get("enum")
        if "const" in node:
            values = [node["const"]]
        if isinstance(values, list) and values and all(is_scalar(x) for x in values):
            out["enum"] = [x if isinstance(x, str) else json.dumps(x) for x in values]
        items = node.get("items")
        if isinstance(items, dict):
            inner = self.constraint(items, depth + 1)
            if inner:
                out["items"] = inner
        patterns = node.get("patternProperties")
        if isinstance(patterns, dict) and len(patterns) == 1:
            inner = self.constraint(next(iter(patterns.values())), depth + 1)
            if inner:
                out["values"] = inner
        return out or None

    def owner(self, node):
        """The constraints of an object's properties and its rules."""
        props = {}
        for name, prop in sorted(node.get("properties", {}).items()):
            c = self.constraint(prop)
            if c:
                props[name] = c
        rules = owner_rules(node, set(node.get("properties", {})))
        out = {}
        if props:
            out["props"] = props
        if rules:
            out["rules"] = rules
        return out


def is_scalar(x):
    return isinstance(x, (str, int)) and not isinstance(x, bool)


def is_object(node):
    return node.get("type") == "object" or "properties" in node


def required_sets(branches, known):
    """The required sets of a oneOf/anyOf whose every branch says only which
    properties are required (of the object's own), or None."""
    sets = []
    for b in branches:
        if not isinstance(b, dict) or set(b) - {"required", "type"} or b.get("type", "object") != "object":
            return None
        req = b.get("required")
        if not isinstance(req, list) or not req or not set(req) <= known:
            return None
        sets.append(sorted(req))
    return sets


def owner_rules(node, known):
    rules = []
    for kind in ("oneOf", "anyOf"):
        sets = required_sets(node.get(kind, []), known) if isinstance(node.get(kind), list) else None
        if sets and len(sets) > 1:
            rules.append({"kind": kind, "sets": sets})
    for key in ("dependencies", "dependentRequired"):
        deps = node.get(key)
        if not isinstance(deps, dict):
            continue
        for name, needed in sorted(deps.items()):
            if isinstance(needed, list) and needed and name in known and set(needed) <= known:
                rules.append({"kind": "requires", "if": name, "then": sorted(needed)})
    return rules


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: constraints-gen.py SCHEMA_DIR OUT.json")
    src, out_path = sys.argv[1], sys.argv[2]
    types = {}
    for file in sorted(os.listdir(src)):
        if not file.endswith(".json"):
            continue
        with open(os.path.join(src, file), encoding="utf-8") as f:
            doc = json.load(f)
        name = doc.get("typeName")
        if not isinstance(name, str):
            continue
        s = Schema(doc)
        owners = {}
        root = s.owner(doc)
        if root:
            owners[""] = root
        for def_name, d in sorted(s.defs.items()):
            if isinstance(d, dict) and is_object(d):
                o = s.owner(d)
                if o:
                    owners[def_name] = o
        if owners:
            types[name] = owners
    table = {"source": "AWS CloudFormation resource provider schemas, us-east-1, as collected by "
                       "the cfn-lint project (MIT No Attribution), 2025-12-08",
             "types": types}
    tmp = out_path + ".tmp"
    # One line per resource type, so that a schema update reads as a diff.
    with open(tmp, "w", encoding="utf-8") as f:
        f.write('{"source":%s,\n"types":{\n' % json.dumps(table["source"]))
        lines = ["%s:%s" % (json.dumps(name), json.dumps(owners, sort_keys=True, separators=(",", ":"),
                                                              ensure_ascii=False))
                 for name, owners in sorted(types.items())]
        f.write(",\n".join(lines))
        f.write("\n}}\n")
    os.replace(tmp, out_path)


if __name__ == "__main__":
    main()
