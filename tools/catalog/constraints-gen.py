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

It also keeps the rules services enforce across properties that cfn-lint
writes as JSON Schema "extensions" (if/then/else over a resource's
properties: `BillingMode` "PAY_PER_REQUEST" forbids `ProvisionedThroughput`),
with the paths its rule classes apply them at; only error rules (E...) in
plain JSON Schema are kept (not those gathering other resources, region
tables, warnings), under "conds" per resource type:
  {"id": "E3638", "file": "aws_dynamodb_table/billingmode_exclusive",
   "path": ["SecurityGroupIngress", "*"], "description": ..., "schema": ...}

Usage: constraints-gen.py SCHEMA_DIR CFN_LINT_DIR OUT.json
  SCHEMA_DIR    ../shared/oracle/cfn-schemas (us-east-1, as collected by the
                cfn-lint project; MIT No Attribution)
  CFN_LINT_DIR  the installed cfnlint package (site-packages/cfnlint, MIT No
                Attribution); its version is recorded in the table
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


# JSON Schema keywords the compiler's evaluator knows (Sema/ServiceRules.cpp);
# a file using any other (cfn-lint's cfnGather, $data, region tables) is left
# out, as is one too large to be a rule rather than a data table.
KNOWN_KEYWORDS = {"properties", "type", "const", "enum", "required", "if", "then", "else", "allOf",
                  "anyOf", "oneOf", "not", "description", "pattern", "items", "maximum", "minimum",
                  "minItems", "maxItems", "multipleOf", "exclusiveMinimum", "exclusiveMaximum",
                  "additionalProperties", "contains", "minLength", "maxLength", "format",
                  "dependentRequired", "dependentExcluded", "propertyNames", "uniqueItems"}
MAX_RULE_BYTES = 50000
# Data tables rather than rules: which engine versions exist changes every
# month, and a version newer than the table must not be refused.
LEFT_OUT = {"aws_rds_dbcluster/engine_version", "aws_rds_dbinstance/engine_version",
            "aws_elasticache_cachecluster/engine_version"}


# Rules compiler/Rules checks itself, with fix-its and the service's
# documentation: kept here too, they would report one mistake twice.
COVERED_BY_RULES = {"E3501": "SQS FIFO names and settings (CFC2114, CFC2115)",
                    "E3615": "alarm periods (CFC2118)",
                    "E3638": "DynamoDB PAY_PER_REQUEST with throughput (CFC2104)",
                    "E3639": "DynamoDB PROVISIONED without throughput (CFC2103)"}


# Properties compiler/Rules judges in full (with the reason and a fix-it),
# whose schema constraints would say the same mistake a second time.
COVERED_PROPERTIES = {("AWS::S3::Bucket", "", "BucketName"): "S3's naming rules (CFC2113)"}


def unknown_keywords(node, out, in_names=False):
    if isinstance(node, dict):
        for k, v in node.items():
            if not in_names and k not in KNOWN_KEYWORDS:
                out.add(k)
            unknown_keywords(v, out, not in_names and k in ("properties", "dependentRequired", "dependentExcluded"))
    elif isinstance(node, list):
        for x in node:
            unknown_keywords(x, out)


def rule_classes(cfn_lint_dir):
    """(id, description, keywords, module directory, file name) of every
    rule class that validates with an extension schema."""
    import ast
    rules = []
    for root, _, files in os.walk(os.path.join(cfn_lint_dir, "rules")):
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            tree = ast.parse(open(os.path.join(root, name), encoding="utf-8").read())
            for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
                info = {}
                for node in ast.walk(cls):
                    if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                            isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Constant):
                        info.setdefault(node.targets[0].id, node.value.value)
                    if isinstance(node, ast.keyword) and node.arg == "keywords" and isinstance(node.value, ast.List):
                        info["keywords"] = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
                    if isinstance(node, ast.keyword) and node.arg == "filename" and isinstance(node.value, ast.Constant):
                        info["filename"] = node.value.value
                    if isinstance(node, ast.keyword) and node.arg == "module" and isinstance(node.value, ast.Attribute):
                        info["module"] = node.value.attr
                if {"id", "keywords", "filename", "module"} <= set(info):
                    rules.append(info)
    return rules


def extension_rules(cfn_lint_dir):
    """Per resource type, the conditional rules to check."""
    out = {}
    for info in sorted(rule_classes(cfn_lint_dir), key=lambda i: (i["id"], i["module"], i["filename"])):
        if not str(info["id"]).startswith("E") or info["id"] in COVERED_BY_RULES:
            continue
        path = os.path.join(cfn_lint_dir, "data", "schemas", "extensions", info["module"], info["filename"])
        if info["module"] + "/" + info["filename"][:-len(".json")] in LEFT_OUT:
            continue
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_RULE_BYTES:
            continue
        schema = json.load(open(path, encoding="utf-8"))
        unknown = set()
        unknown_keywords(schema, unknown)
        if unknown:
            continue
        for keyword in info["keywords"]:
            parts = keyword.split("/")
            if len(parts) < 3 or parts[0] != "Resources" or parts[2] != "Properties":
                continue
            out.setdefault(parts[1], []).append({
                "id": info["id"], "file": info["module"] + "/" + info["filename"][:-len(".json")],
                "path": parts[3:], "description": info.get("description", ""), "schema": schema})
    return out


def smithy_enums(cfn_lint_dir):
    """File name of a schema (aws-lambda-function.json) -> [(JSON pointer of
    an enum, its values)] that cfn-lint's Smithy patches give: the allowed
    values of each service's own API model, as the installed cfn-lint
    carries them. They are newer than the copy of the schemas (2025-12-08):
    Lambda's runtimes `dotnet10` and `ruby4.0` came after it."""
    out = {}
    root = os.path.join(cfn_lint_dir, "data", "schemas", "patches", "extensions", "all")
    for folder in sorted(os.listdir(root)):
        path = os.path.join(root, folder, "smithy.json")
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            ops = json.load(f)
        enums = [(op["path"], op["value"]) for op in ops
                 if op.get("op") == "add" and op.get("path", "").endswith("/enum") and
                 isinstance(op.get("value"), list)]
        if enums:
            out[folder.replace("_", "-") + ".json"] = enums
    return out


def widen_enums(doc, enums):
    """Adds to each enum the schema has the values the service's API model
    (enums, from smithy_enums) allows besides: a value AWS added after the
    copy of the schemas must not be refused. An enum is only widened, never
    narrowed or added where the schema has none: where the two disagree,
    what cfc refuses stays what both refuse. Returns the values added."""
    added = 0
    for pointer, values in enums:
        node = doc
        for key in pointer.strip("/").split("/")[:-1]:
            node = node.get(key) if isinstance(node, dict) else None
        old = node.get("enum") if isinstance(node, dict) else None
        if not isinstance(old, list) or not old:
            continue
        new = [v for v in values if v not in old and is_scalar(v)]
        merged = old + new
        # A sorted list stays sorted: the message lists dotnet10 by dotnet8.
        node["enum"] = sorted(merged, key=str) if old == sorted(old, key=str) else merged
        added += len(new)
    return added


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: constraints-gen.py SCHEMA_DIR CFN_LINT_DIR OUT.json")
    src, cfn_lint_dir, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
    version = {}
    exec(open(os.path.join(cfn_lint_dir, "version.py"), encoding="utf-8").read(), version)
    types = {}
    enums = smithy_enums(cfn_lint_dir)
    widened = 0
    for file in sorted(os.listdir(src)):
        if not file.endswith(".json"):
            continue
        with open(os.path.join(src, file), encoding="utf-8") as f:
            doc = json.load(f)
        widened += widen_enums(doc, enums.get(file, []))
        name = doc.get("typeName")
        if not isinstance(name, str):
            continue
        s = Schema(doc)
        owners = {}
        root = s.owner(doc)
        for (covered_type, owner, prop) in COVERED_PROPERTIES:
            if covered_type == name and owner == "":
                root.get("props", {}).pop(prop, None)
        if root:
            owners[""] = root
        for def_name, d in sorted(s.defs.items()):
            if isinstance(d, dict) and is_object(d):
                o = s.owner(d)
                if o:
                    owners[def_name] = o
        if owners:
            types[name] = owners
    for name, conds in extension_rules(cfn_lint_dir).items():
        types.setdefault(name, {}).setdefault("", {})["conds"] = conds
    table = {"source": "AWS CloudFormation resource provider schemas, us-east-1, as collected by "
                       "the cfn-lint project (MIT No Attribution), 2025-12-08; conditional rules "
                       "and allowed values widened by the services' API models (Smithy) "
                       "from cfn-lint " + version["__version__"] + "'s schema extensions and patches "
                       "(MIT No Attribution)",
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
    print("constraints-gen: %d allowed values added from the services' API models" % widened)


if __name__ == "__main__":
    main()
