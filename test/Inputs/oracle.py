#!/usr/bin/env python3
"""Runs ../shared/oracle/validate-template.py as it is, with one repair: the
keys of `patternProperties` in AWS's schemas may use ECMA classes such as
\\p{L} that Python's `re` cannot compile (AWS::Cognito::UserPoolIdentityProvider
does), which makes the oracle crash on any template using such a type. The
oracle already skips uncompilable `pattern` values; this translates the keys
the same way instead of crashing. Usage: oracle.py ORACLE.py ARGS..."""
import importlib.util
import re
import sys

# Ranges for the ECMA Unicode classes, written to stand inside a [...] class.
ECMA_RANGES = {"L": "a-zA-Z\\u00aa-\\uffff", "N": "0-9", "M": "\\u0300-\\u036f", "Z": "\\s",
               "P": "!-/:-@\\[-`{-~", "S": "$+<=>^`|~"}


def translate_classes(pattern):
    """\\p{X} becomes its ranges, wrapped in [...] unless already inside one."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and pattern[i + 1:i + 2] == "p" and pattern[i + 2:i + 3] == "{":
            end = pattern.find("}", i)
            ranges = ECMA_RANGES.get(pattern[i + 3:end], "\\s\\S")
            out.append(ranges if in_class else "[" + ranges + "]")
            i = end + 1
            continue
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def translate(pattern):
    try:
        re.compile(pattern)
        return pattern
    except re.error:
        pattern = translate_classes(pattern)
        try:
            re.compile(pattern)
            return pattern
        except re.error:
            return ".*"  # Unknown to Python: accept rather than misjudge.


spec = importlib.util.spec_from_file_location("validate_template", sys.argv[1])
oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oracle)
original_wrap = oracle._wrap


def wrap(node):
    if isinstance(node, dict) and isinstance(node.get("patternProperties"), dict):
        node = dict(node)
        node["patternProperties"] = {translate(k): v for k, v in node["patternProperties"].items()}
    return original_wrap(node)


oracle._wrap = wrap
sys.exit(oracle.main(sys.argv[2:]))
