#!/usr/bin/env python3
"""sam-spec-gen — the AWS::Serverless::* resource types as SAM itself defines
them, for the catalog generator (docs/catalog.md, "SAM's resource types").

    sam-spec-gen.py DB.json.gz PIN OUT.json

Reads the JSON Schema of SAM templates that the SAM translator (the Python
package `samtranslator`, pinned to the version in the file PIN, the version
tools/setup checks) builds from its own models, and writes the SAM resource
types in the form of @aws-cdk/aws-service-spec's database (resources and type
definitions), which cfc-catalog-gen puts in place of the spec's SAM entries:

- properties with SAM's types: an event source is the union SAM defines, one
  record per event kind, told apart by its `Type`; a value SAM's models take
  either as an intrinsic function or as a value (`anyOf: [object, X]`) is X
  or any object; a property SAM
  hands to CloudFormation unchecked (`PassThroughProp`) is any JSON value, as
  SAM's schema says: CloudFormation checks it on the resource SAM makes;
- attributes: SAM names the resource it makes of a Function, Api, ... with the
  SAM resource's own logical ID, so `Fn::GetAtt` of a SAM resource reads that
  resource's attributes (GENERATED below, taken from the spec's entries).

Runs with the Python that has samtranslator (and its pydantic); a missing or
different samtranslator stops the build with a message."""
import gzip
import json
import os
import sys

# The CloudFormation type SAM's translator (samtranslator/model/sam_resources.py,
# each to_cloudformation) makes under the SAM resource's own logical ID; the
# types left out (Connector, LayerVersion, whose LayerVersion gets a hashed
# ID) make no resource whose attributes Fn::GetAtt of the SAM name reads.
GENERATED = {
    "AWS::Serverless::Function": "AWS::Lambda::Function",
    "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
    "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
    "AWS::Serverless::WebSocketApi": "AWS::ApiGatewayV2::Api",
    "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
    "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
    "AWS::Serverless::GraphQLApi": "AWS::AppSync::GraphQLApi",
    "AWS::Serverless::Application": "AWS::CloudFormation::Stack",
    "AWS::Serverless::CapacityProvider": "AWS::Lambda::CapacityProvider",
}

# Resource attributes SAM's models list among the properties (they belong to
# the resource, not to its Properties).
RESOURCE_KEYS = {"Condition", "Connectors", "DeletionPolicy", "DependsOn", "IgnoreGlobals",
                 "Metadata", "Properties", "Type", "UpdateReplacePolicy"}

REF = "#/definitions/"

# Where the translator reads a value its schema types more narrowly, in a
# dictionary it reads by key (no validator says so): definition name (its
# last part) and property -> the forms the translator also takes, and where.
TRANSLATOR_READS = {
    # model/apigateway.py, _get_user_pool_arn_array: a list is several pools.
    ("CognitoAuthorizer", "UserPoolArn"): [{"type": "array", "items": {"type": "string"}}],
    # model/eventsources/push.py, SNS._inject_sqs_event_source_mapping: the
    # number goes to the event source mapping's BatchSize, an integer.
    ("SqsSubscription", "BatchSize"): [{"type": "integer"}],
    # swagger.py, add_custom_statements: one statement is a list of one.
    ("ResourcePolicy", "CustomStatements"): [{"type": "object"}],
}
# Properties the translator reads that SAM's schema leaves out: definition
# name (its last part) -> {property: its schema}.
TRANSLATOR_ADDS = {
    # model/eventsources/push.py and model/stepfunctions/events.py,
    # EventBridgeRule.property_types: the rule's State (ENABLED, DISABLED...).
    "EventBridgeRuleEventProperties": {"State": {"type": "string"}},
}
PY_TYPES = {str: "string", dict: "object", list: "array", bool: "boolean", int: "integer"}


def validator_forms(validate):
    """The JSON types a samtranslator validator (model/types.py) accepts,
    read from its closure; None when it accepts anything or is unknown."""
    name = getattr(validate, "__qualname__", "")
    cells = [c.cell_contents for c in (validate.__closure__ or ())]
    if name.startswith("is_type."):
        return {PY_TYPES[c] for c in cells if c in PY_TYPES} or None
    if name.startswith("one_of."):
        forms = set()
        for v in (cells[0] if cells else ()):
            f = validator_forms(v)
            if f is None:
                return None
            forms |= f
        return forms
    if name.startswith("list_of."):
        return {"array"}
    if name.startswith("dict_of."):
        return {"object"}
    if name.startswith("IS_STR_ENUM."):
        return {"string"}
    return None


def translator_properties():
    """(SAM type or event Type, "function"/"statemachine"/"") -> {property:
    JSON types the translator's validator accepts}, from the classes that
    transform them (model/sam_resources.py, model/eventsources,
    model/stepfunctions/events.py). Only the types of the properties SAM's
    schema has are widened: the pull sources share one list of every
    source's properties (Kafka's Topics among SQS's), no sign SQS takes them."""
    import inspect
    from samtranslator.model import sam_resources
    from samtranslator.model.eventsources import cloudwatchlogs, pull, push, scheduler
    from samtranslator.model.stepfunctions import events as sfn_events
    out = {}
    for owner, modules in (("", [sam_resources]), ("function", [push, pull, cloudwatchlogs, scheduler]),
                           ("statemachine", [sfn_events])):
        for module in modules:
            for _, cls in inspect.getmembers(module, inspect.isclass):
                kind, types = getattr(cls, "resource_type", None), getattr(cls, "property_types", None)
                if isinstance(kind, str) and isinstance(types, dict) and cls.__module__ == module.__name__:
                    forms = {name: validator_forms(t.validate) for name, t in types.items()
                             if getattr(t, "validate", None)}
                    out.setdefault((kind, owner), {}).update(forms)
    return out


class SamSpec:
    def __init__(self, schema, translator=None):
        self.defs = schema["definitions"]
        self.type_defs = {}  # definition name -> spec type definition
        # Definition name -> {property: JSON types the translator accepts}.
        self.translated = {}
        for (kind, owner), forms in (translator or {}).items():
            for name in self.definitions_of(schema, kind, owner):
                self.translated.setdefault(name, {}).update(forms)

    def definitions_of(self, schema, kind, owner):
        """The definitions of the Properties of SAM type kind (owner ""),
        or of the event kind under a function's or state machine's Events."""
        names = []
        for member in schema["properties"]["Resources"]["additionalProperties"]["anyOf"]:
            d = self.defs[member["$ref"][len(REF):]]
            enum = d["properties"]["Type"].get("enum", [])
            props = d["properties"].get("Properties", {}).get("$ref", "")[len(REF):]
            if not props:
                continue
            if owner == "" and enum == [kind]:
                names.append(props)
            if owner and enum == ["AWS::Serverless::" + {"function": "Function",
                                                         "statemachine": "StateMachine"}[owner]]:
                events = self.defs[props]["properties"].get("Events", {})
                for event in events.get("additionalProperties", {}).get("anyOf", []):
                    e = self.defs.get(event.get("$ref", "")[len(REF):], {})
                    ref = e.get("properties", {}).get("Properties", {})
                    ref = ref.get("$ref") or next((a["$ref"] for a in ref.get("allOf", []) if "$ref" in a), "")
                    if ref and e["properties"].get("Type", {}).get("enum") == [kind]:
                        names.append(ref[len(REF):])
        return names

    def kinds(self, node, depth=0):
        """The JSON types a schema node admits; None for any."""
        if depth > 8:
            return None
        if "$ref" in node:
            name = node["$ref"][len(REF):]
            d = self.defs[name]
            return None if name == "PassThroughProp" else {"object"} if "properties" in d else self.kinds(d, depth + 1)
        if "anyOf" in node or "allOf" in node:
            out = set()
            for m in node.get("anyOf", node.get("allOf")):
                k = self.kinds(m, depth + 1)
                if k is None:
                    return None
                out |= k
            return out
        t = node.get("type")
        if t is None:
            return {"string"} if "enum" in node else None
        return set(t) if isinstance(t, list) else {t} | ({"number"} if t == "integer" else set())

    def widened(self, def_name, name, node):
        """node, with the forms the translator takes besides (its validator,
        or TRANSLATOR_READS): the translator is what deploys a SAM template,
        and it accepts more than SAM's schema in places."""
        extra = list(TRANSLATOR_READS.get((def_name.split("__")[-1], name), []))
        forms = self.translated.get(def_name, {}).get(name)
        have = self.kinds(node)
        if forms and have is not None:
            extra += [{"type": f} for f in sorted(forms - have)]
        return {"anyOf": [node] + extra} if extra else node

    def definition_type(self, name):
        """A $ref: a record becomes a type definition, anything else inline."""
        d = self.defs[name]
        if name == "PassThroughProp" or "properties" not in d:
            return self.convert(d) if name != "PassThroughProp" else {"type": "json"}
        if name not in self.type_defs:
            self.type_defs[name] = None  # recursion guard
            self.type_defs[name] = {
                "$id": "sam:" + name,
                "name": name.split("__")[-1],
                "documentation": d.get("markdownDescription", d.get("description", "")),
                "properties": self.properties(d, def_name=name),
            }
        return {"type": "ref", "reference": {"$ref": "sam:" + name}}

    def convert(self, node):
        if "$ref" in node:
            return self.definition_type(node["$ref"][len(REF):])
        if "allOf" in node and len(node["allOf"]) == 1:
            return self.convert(node["allOf"][0])
        if "anyOf" in node:
            return self.union(node["anyOf"])
        kind = node.get("type")
        if kind == "string" or (kind is None and "enum" in node):
            t = {"type": "string"}
            if "enum" in node:
                t["allowedValues"] = [str(v) for v in node["enum"]]
            return t
        if kind in ("integer", "number", "boolean"):
            return {"type": kind}
        if kind == "array":
            items = node.get("items")
            return {"type": "array", "element": self.convert(items) if isinstance(items, dict) else {"type": "json"}}
        if kind == "object" and isinstance(node.get("additionalProperties"), dict):
            return {"type": "map", "element": self.convert(node["additionalProperties"])}
        return {"type": "json"}

    @staticmethod
    def is_any_object(node):
        return set(node) - {"title", "markdownDescription", "description"} == {"type"} and node["type"] == "object"

    def union(self, members):
        """SAM's `SamIntrinsicable[X]` is anyOf [object, X], the object being
        an intrinsic function, which cfc types by what it returns; but the
        same `object` is also a plain map (an inline policy among Policies),
        so in a union it is any object, not any value."""
        types = []
        for m in members:
            t = {"type": "map", "element": {"type": "json"}} if self.is_any_object(m) else self.convert(m)
            if t["type"] == "json":
                return t  # Anything goes.
            for member in t["types"] if t["type"] == "union" else [t]:  # One level.
                if member not in types:
                    types.append(member)
        return types[0] if len(types) == 1 else {"type": "union", "types": types}

    def properties(self, d, skip=(), def_name=""):
        required = set(d.get("required", []))
        nodes = dict(d.get("properties", {}))
        for name, node in TRANSLATOR_ADDS.get(def_name.split("__")[-1], {}).items():
            nodes.setdefault(name, node)
        out = {}
        for name, node in sorted(nodes.items()):
            if name in skip:
                continue
            p = {"type": self.convert(self.widened(def_name, name, node))}
            if name in required:
                p["required"] = True
            doc = node.get("markdownDescription", node.get("description"))
            if doc:
                p["documentation"] = doc
            out[name] = p
        return out


def sam_resources(schema):
    """(CloudFormation type, definition name of its Properties) per SAM type."""
    out = []
    for member in schema["properties"]["Resources"]["additionalProperties"]["anyOf"]:
        d = schema["definitions"][member["$ref"][len(REF):]]
        enum = d["properties"]["Type"].get("enum", [])
        if len(enum) != 1 or not enum[0].startswith("AWS::Serverless::"):
            continue  # any_cfn_resource: the resources SAM leaves alone
        props = d["properties"].get("Properties")
        out.append((enum[0], props["$ref"][len(REF):] if props else None, d))
    return out


def main(argv):
    if len(argv) != 4:
        sys.exit("usage: sam-spec-gen.py DB.json.gz PIN OUT.json")
    db_path, pin_path, out_path = argv[1:]
    pinned = open(pin_path).read().strip()
    try:
        import samtranslator
        from samtranslator.internal.schema_source.schema import SamModel, get_schema
    except ImportError as e:
        sys.exit("sam-spec-gen: this Python (%s) cannot import samtranslator (%s); "
                 "configure with -DCFC_SAM_PYTHON=<a python3 with aws-sam-translator %s>"
                 % (sys.executable, e, pinned))
    if samtranslator.__version__ != pinned:
        sys.exit("sam-spec-gen: samtranslator is %s but tools/catalog/sam-translator.version pins %s"
                 % (samtranslator.__version__, pinned))
    schema = get_schema(SamModel)
    db = json.load(gzip.open(db_path))["schema"]
    cfn = {r["cloudFormationType"]: r for r in db["resource"]["entities"]}
    spec = SamSpec(schema, translator_properties())
    resources = []
    for cfn_type, props_name, resource_def in sam_resources(schema):
        props = spec.defs[props_name] if props_name else {"properties": {}}
        entry = {
            "cloudFormationType": cfn_type,
            "documentation": props.get("markdownDescription", "SAM's %s (transformed by "
                                       "AWS::Serverless-2016-10-31)" % cfn_type),
            "properties": spec.properties(props, def_name=props_name or ""),
            "attributes": {},
        }
        generated = GENERATED.get(cfn_type)
        if generated:
            if generated not in cfn:
                sys.exit("sam-spec-gen: %s makes %s, which the specification lacks" % (cfn_type, generated))
            entry["attributes"] = cfn[generated].get("attributes", {})
        resources.append(entry)
    missing = set(GENERATED) - {r["cloudFormationType"] for r in resources}
    if missing:
        sys.exit("sam-spec-gen: samtranslator %s has no %s" % (pinned, ", ".join(sorted(missing))))
    out = {"source": "aws-sam-translator " + samtranslator.__version__,
           "resource": resources,
           "typeDefinition": [t for _, t in sorted(spec.type_defs.items())]}
    with open(out_path + ".tmp", "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
    os.replace(out_path + ".tmp", out_path)


if __name__ == "__main__":
    main(sys.argv)
