# Writes, into the folder given, one template per intrinsic function whose
# argument holds the same function, 30 deep, in the shape that makes the
# importer fall back to raw(...) at each level (test/Import/hostile.test).
import json
import sys

DEPTH = 30


def nest(wrap, leaf):
    value = leaf
    for _ in range(DEPTH):
        value = wrap(value)
    return value


SHAPES = {
    "Base64": lambda v: {"Fn::Base64": v},
    "Join": lambda v: {"Fn::Join": [",", {"Fn::Base64": v}]},
    "Select": lambda v: {"Fn::Select": [0, {"Fn::Base64": v}]},
    "Split": lambda v: {"Fn::Split": [",", {"Fn::Base64": v}]},
    "GetAZs": lambda v: {"Fn::GetAZs": {"Fn::Base64": v}},
    "Cidr": lambda v: {"Fn::Cidr": [{"Fn::Base64": v}, 2, 8]},
    "ImportValue": lambda v: {"Fn::ImportValue": {"Fn::Base64": v}},
    "If": lambda v: {"Fn::If": ["C", {"Fn::Base64": v}, "x"]},
}

for name, wrap in SHAPES.items():
    template = {
        "Conditions": {"C": {"Fn::Equals": ["a", "b"]}},
        "Resources": {"A": {"Type": "AWS::SQS::Queue", "Metadata": {"v": nest(wrap, "x")}}},
    }
    with open(f"{sys.argv[1]}/{name}.json", "w") as out:
        json.dump(template, out)
