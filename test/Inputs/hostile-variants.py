#!/usr/bin/env python3
"""hostile-variants.py — the hostile-input classes of issues 17 and 19, with
variants no earlier test tried, run against the Release `cfc`.

    hostile-variants.py CFC WORKDIR [--only SUBSTRING]... [--class CLASS]...
                        [--wall SECONDS] [--cpu SECONDS] [--rss MB]
                        [--sanitizers] [--table]

Each case writes its inputs (every file under 1 MB, the issues' bound) into
WORKDIR/<case>, then runs the commands a user, a CI job or an editor would:
`cfc build`, `check`, `fmt --check` and `graph` on programs, `cfc import` on
templates (and `cfc build` of what it wrote), `cfc lsp` over stdio for the
server's classes. Every run must:
  - end with exit 0, 1 or 2 (never a signal, a hang or an abort);
  - take at most --cpu seconds of CPU and --wall seconds of wall time (1 s
    each by default; the lit test allows more because other tests and
    builds share the cores, which slows even CPU time);
  - peak at most 500 MB resident (wait4's ru_maxrss; --rss for the
    sanitizers' build, whose shadow memory counts too);
  - on exit 1 or 2, say why with a diagnostic code ([CFCnnnn]).
The server must answer the request that follows the hostile messages within
the same bound. A line per run (case, command, exit, CPU, wall, peak RSS) is
printed; --table prints them as the Markdown table docs/fuzzing.md keeps.
--class runs the cases of one class (nesting, wide, sharing, import, files,
server); the suite runs each class as a test of its own, so that lit spreads
the sweep over the cores.

--sanitizers is the sweep in the sanitizers' build (tools/sanitize), where it
looks for what AddressSanitizer and UndefinedBehaviorSanitizer find, and the
Release build's pass keeps every bound. There every case still runs, each
through every stage it reaches, with two cuts (SANITIZER_CUTS):
  - a program (nesting, wide and sharing cases) runs `cfc build`, which
    parses, checks, lowers and emits it, and one of `check`, `fmt --check`
    and `graph` in turn (by the case's place in the list, so always the
    same one): each command still meets a third of each class. The files
    class keeps all four: there each command opens the files its own way.
  - lsp_many_documents opens 1,000 documents of a stack each instead of
    10,000, and lsp_many_documents_analysed analyses 500 instead of 3,000:
    at 10,000 the server took 231 CPU-seconds and 5.5 GB under
    AddressSanitizer, half the sweep.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

MB = 1 << 20
INPUT_BOUND = 1_000_000  # bytes: "any input under 1 MB"
CPU_BOUND = 1.0
RSS_BOUND = 500 * MB
HANG = 20.0  # seconds after which a run is a hang, killed

CASES = []
SANITIZERS = False  # --sanitizers: the cuts SANITIZER_CUTS describes
SANITIZER_CUTS = ("under --sanitizers, a program runs `cfc build` and one of check, fmt --check and graph "
                  "in turn; lsp_many_documents opens 1,000 documents, lsp_many_documents_analysed 500")

# Failures known and not fixed yet, with why: reported as KNOWN, they do not
# fail the run (docs/fuzzing.md lists them with their figures).
KNOWN = {}


def case(cls):
    def register(fn):
        CASES.append((fn.__name__, cls, fn))
        return fn
    return register


def write(path, text):
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    assert len(data) < INPUT_BOUND, f"{path}: {len(data)} bytes is over the 1 MB bound"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def lines(*parts):
    return "\n".join(parts) + "\n"


Q = "resource q aws.sqs.Queue {}"


def meta(expr):
    """A queue carrying EXPR in its Metadata: any value reaches the template."""
    return f"@attributes({{Metadata: {{x: {expr}}}}})\nresource q aws.sqs.Queue {{}}"


# Programs: every run is build, check, fmt --check and graph of main.cfn
# (with --sanitizers, build and one of the others by turns).
PROGRAM = ["build", "check", "fmt", "graph"]


def program(d, text, name="main.cfn"):
    write(os.path.join(d, name), text)
    commands = PROGRAM
    if SANITIZERS:
        place = [n for n, _, _ in CASES].index(os.path.basename(d))
        commands = ["build", PROGRAM[1 + place % 3]]
    return [(c, os.path.join(d, name)) for c in commands]


# ---- nesting through every construct --------------------------------------

@case("nesting")
def nest_lists(d):
    return program(d, meta("[" * 100000 + "1" + "]" * 100000))


@case("nesting")
def nest_objects(d):
    return program(d, meta("{a: " * 60000 + "1" + "}" * 60000))


@case("nesting")
def nest_parentheses(d):
    return program(d, meta("(" * 200000 + "1" + ")" * 200000))


@case("nesting")
def nest_unary_not(d):
    return program(d, meta("!" * 400000 + "true"))


@case("nesting")
def nest_unary_minus(d):
    return program(d, meta("- " * 300000 + "1"))


@case("nesting")
def nest_binary_plus(d):
    return program(d, meta(" + ".join(["1"] * 200000)))


@case("nesting")
def nest_binary_and(d):
    return program(d, meta(" && ".join(["true"] * 120000)))


@case("nesting")
def nest_binary_right(d):
    # `1 + (1 + (1 + ...))`: the tree leans the other way.
    return program(d, meta("(1 + " * 100000 + "1" + ")" * 100000))


@case("nesting")
def nest_conditional(d):
    return program(d, meta("true ? 1 : " * 80000 + "2"))


@case("nesting")
def nest_interpolation(d):
    return program(d, meta('"${' * 100000 + '"x"' + '}"' * 100000))


@case("nesting")
def nest_interpolation_deploy(d):
    return program(d, meta('"a${' * 60000 + "aws.region" + '}"' * 60000))


@case("nesting")
def nest_calls(d):
    return program(d, meta("length(" * 100000 + '"x"' + ")" * 100000))


@case("nesting")
def nest_calls_user(d):
    return program(d, "fn f(x: int) -> int = x + 1\n" + meta("f(" * 100000 + "1" + ")" * 100000))


@case("nesting")
def nest_members(d):
    return program(d, "let o = {a: 1}\n" + meta("o" + ".a" * 300000))


@case("nesting")
def nest_index(d):
    return program(d, "let l = [1]\n" + meta("l" + "[0]" * 200000))


@case("nesting")
def nest_calls_chained(d):
    return program(d, "fn f(x: int) -> int = x\n" + meta("f" + "(1)" * 200000))


@case("nesting")
def nest_recursive_fn(d):
    return program(d, "fn f(n: int) -> int = n == 0 ? 0 : f(n - 1) + 1\n" + meta("f(1000000)"))


@case("nesting")
def nest_mutual_fns(d):
    return program(d, "fn f(n: int) -> int = n == 0 ? 0 : g(n - 1)\nfn g(n: int) -> int = f(n)\n" +
                   meta("f(100000)"))


@case("nesting")
def nest_deploy_functions(d):
    # Deploy-time intrinsics inside one another: join of split of ...
    return program(d, meta("join(\",\", split(\",\", " * 30000 + "aws.region" + "))" * 30000))


@case("nesting")
def nest_base64_deploy(d):
    return program(d, meta("base64(" * 100000 + "aws.region" + ")" * 100000))


@case("nesting")
def nest_for_loops(d):
    text = "".join(f"for i{k} in [1, 2] {{\n" for k in range(2000)) + Q + "\n" + "}\n" * 2000
    return program(d, text)


@case("nesting")
def nest_for_product(d):
    xs = "[" + ", ".join(str(i) for i in range(1000)) + "]"
    return program(d, f"let xs = {xs}\nfor a in xs {{\nfor b in xs {{\nfor c in xs {{\n"
                      f"resource q aws.sqs.Queue {{ DelaySeconds: a }}\n}}\n}}\n}}\n")


@case("nesting")
def nest_component_chain(d):
    text = []
    for k in range(3000):
        inner = f"resource c C{k + 1} {{}}" if k < 2999 else Q
        text.append(f"component C{k} {{\n  {inner}\n}}")
    text.append("resource top C0 {}")
    return program(d, lines(*text))


@case("nesting")
def nest_component_recursive(d):
    return program(d, lines("component C {", "  resource c C {}", "}", "resource top C {}"))


@case("nesting")
def nest_component_doubling(d):
    text = []
    for k in range(60):
        inner = f"resource a C{k + 1} {{}}\n  resource b C{k + 1} {{}}" if k < 59 else Q
        text.append(f"component C{k} {{\n  {inner}\n}}")
    text.append("resource top C0 {}")
    return program(d, lines(*text))


@case("nesting")
def nest_component_output_chain(d):
    text = ["component Id {", "  param v: [string]", "  output o = [v, v]", "}"]
    text.append('resource i0 Id { v: ["x"] }')
    for k in range(1, 45):
        text.append(f"resource i{k} Id {{ v: i{k - 1}.o }}")
    text.append(meta("i44.o"))
    return program(d, lines(*text))


@case("nesting")
def nest_imports_chain(d):
    n = 2000
    for k in range(n):
        body = f'import "./m{k + 1}.cfn" as m\nlet v = m.v' if k < n - 1 else 'let v = "x"'
        write(os.path.join(d, "lib", f"m{k}.cfn"), body + "\n")
    return program(d, lines('import "./lib/m0.cfn" as m', "resource q aws.sqs.Queue { QueueName: m.v }"))


@case("nesting")
def nest_imports_cycle(d):
    write(os.path.join(d, "lib", "a.cfn"), 'import "./b.cfn" as b\nlet v = b.v\n')
    write(os.path.join(d, "lib", "b.cfn"), 'import "./a.cfn" as a\nlet v = a.v\n')
    write(os.path.join(d, "lib", "self.cfn"), 'import "./self.cfn" as s\nlet v = s.v\n')
    return program(d, lines('import "./lib/a.cfn" as a', 'import "./lib/self.cfn" as s',
                            "resource q aws.sqs.Queue { QueueName: a.v }"))


@case("nesting")
def nest_imports_diamond(d):
    # Each module imports the next twice under two names: 2^40 paths.
    n = 40
    for k in range(n):
        body = (f'import "./m{k + 1}.cfn" as a\nimport "./m{k + 1}.cfn" as b\nlet v = [a.v, b.v]'
                if k < n - 1 else 'let v = "x"')
        write(os.path.join(d, "lib", f"m{k}.cfn"), body + "\n")
    return program(d, lines('import "./lib/m0.cfn" as m', meta("m.v")))


@case("nesting")
def nest_types(d):
    return program(d, "type T = " + "[" * 100000 + "string" + "]" * 100000 + "\n" + Q + "\n")


@case("nesting")
def nest_type_aliases(d):
    text = ["type T0 = string"] + [f"type T{k} = [T{k - 1}]" for k in range(1, 20000)]
    return program(d, lines(*text, "param p: T19999", Q))


@case("nesting")
def nest_type_alias_cycle(d):
    text = [f"type T{k} = T{(k + 1) % 20000}" for k in range(20000)]
    return program(d, lines(*text, "param p: T0", Q))


@case("nesting")
def nest_decorators(d):
    return program(d, "@retain\n" * 100000 + Q + "\n")


@case("nesting")
def nest_unclosed(d):
    # Openers never closed, of every kind, mixed.
    return program(d, "let x = " + "([{(" * 60000 + "\n" + Q + "\n")


@case("nesting")
def nest_unclosed_interpolation(d):
    return program(d, "let x = " + '"${' * 150000 + "\n")


# ---- chains and wide sections ----------------------------------------------

@case("wide")
def chain_depends_on(d):
    text = ["resource r0 aws.sqs.Queue {}"] + [f"@dependsOn(r{k - 1})\nresource r{k} aws.sqs.Queue {{}}"
                                                for k in range(1, 10000)]
    return program(d, lines(*text))


@case("wide")
def cycle_depends_on(d):
    text = [f"@dependsOn(r{(k + 1) % 10000})\nresource r{k} aws.sqs.Queue {{}}" for k in range(10000)]
    return program(d, lines(*text))


@case("wide")
def cycle_references(d):
    text = [f"resource r{k} aws.sqs.Queue {{ QueueName: r{(k + 1) % 10000}.QueueName }}" for k in range(10000)]
    return program(d, lines(*text))


@case("wide")
def chain_conditions(d):
    text = ['param stage: string = "dev"', 'let c0 = stage == "prod"'] + \
        [f"let c{k} = c{k - 1} && stage != \"x{k}\"" for k in range(1, 10000)]
    return program(d, lines(*text, "@if(c9999)", Q))


@case("wide")
def chain_conditions_doubled(d):
    text = ['param stage: string = "dev"', 'let c0 = stage == "prod"'] + \
        [f"let c{k} = c{k - 1} && c{k - 1}" for k in range(1, 60)]
    return program(d, lines(*text, "@if(c59)", Q))


@case("wide")
def many_lets(d):
    return program(d, lines(*[f"let v{k} = {k}" for k in range(50000)], Q))


@case("wide")
def many_params(d):
    return program(d, lines(*[f'param p{k}: string = "x"' for k in range(35000)], Q))


@case("wide")
def many_outputs(d):
    return program(d, lines(Q, *[f"output o{k} = q.Arn" for k in range(40000)]))


@case("wide")
def many_resources(d):
    return program(d, lines(*[f"resource q{k} aws.sqs.Queue {{}}" for k in range(25000)]))


@case("wide")
def many_errors(d):
    return program(d, lines(*[f"resource q{k} aws.sqs.Queue {{ Nope: 1 }}" for k in range(20000)]))


@case("wide")
def many_syntax_errors(d):
    return program(d, ")]}" * 300000)


@case("wide")
def many_fields(d):
    return program(d, meta("{" + ", ".join(f"k{k}: {k}" for k in range(60000)) + "}"))


@case("wide")
def many_list_elements(d):
    return program(d, meta("[" + ",".join("1" for _ in range(400000)) + "]"))


@case("wide")
def many_resources_loop(d):
    xs = "[" + ", ".join(str(i) for i in range(10000)) + "]"
    return program(d, f"for i in {xs} {{\nresource q aws.sqs.Queue {{ DelaySeconds: i }}\n}}\n")


@case("wide")
def one_line_program(d):
    return program(d, " ".join(f"let v{k} = [{k}, \"s{k}\"]" for k in range(30000)) + " " + Q)


@case("wide")
def long_name(d):
    name = "n" * 450000
    return program(d, f"let {name} = 1\nresource q aws.sqs.Queue {{ DelaySeconds: {name} }}\n")


@case("wide")
def long_string(d):
    return program(d, meta('"' + "\\n\\t\\u{1F600}" * 60000 + '"'))


@case("wide")
def long_number(d):
    return program(d, meta("1" * 900000))


@case("wide")
def long_float(d):
    return program(d, meta("1." + "1" * 900000 + "e99999999"))


# ---- sharing and doubling ---------------------------------------------------

def doubling(step, base, n=40):
    text = [f"let s0 = {base}"] + [f"let s{k} = {step.format(p=f's{k - 1}')}" for k in range(1, n + 1)]
    return lines(*text, meta(f"s{n}"))


@case("sharing")
def double_string_concat(d):
    return program(d, doubling("{p} + {p}", '"ab"'))


@case("sharing")
def double_string_interpolation(d):
    return program(d, doubling('"${{{p}}}${{{p}}}"', '"ab"'))


@case("sharing")
def double_deploy_string(d):
    return program(d, doubling('"${{{p}}}-${{{p}}}"', "aws.region"))


@case("sharing")
def double_deploy_join(d):
    return program(d, doubling('join("-", [{p}, {p}])', "aws.region"))


@case("sharing")
def double_deploy_conditional(d):
    return program(d, 'param stage: string = "dev"\n' +
                   doubling('stage == "prod" ? {p} : [{p}]', "aws.region"))


@case("sharing")
def double_object(d):
    return program(d, doubling("{{a: {p}, b: {p}}}", "{x: 1}"))


@case("sharing")
def double_merge(d):
    return program(d, doubling("merge({p}, {{k: {p}}})", "{x: 1}"))


@case("sharing")
def double_function(d):
    return program(d, "fn twice(x: json) -> json = [x, x]\n" +
                   meta("twice(" * 40 + '"x"' + ")" * 40))


@case("sharing")
def double_function_recursive(d):
    return program(d, "fn t(n: int) -> int = n == 0 ? 1 : t(n - 1) + t(n - 1)\n" + meta("t(60)"))


@case("sharing")
def double_function_string(d):
    return program(d, 'fn t(s: string, n: int) -> string = n == 0 ? s : t(s + s, n - 1)\n' + meta('t("x", 60)'))


@case("sharing")
def double_param_default(d):
    text = ['param p0: [string] = ["x"]'] + [f"param p{k}: json = [p{k - 1}, p{k - 1}]" for k in range(1, 41)]
    return program(d, lines(*text, meta("p40")))


@case("sharing")
def double_for_over_doubled(d):
    return program(d, doubling("[{p}, {p}]", '["a"]', 30).replace(meta("s30"), "") +
                   "for x in s30 {\n" + Q + "\n}\n")


@case("sharing")
def double_for_nested_lets(d):
    return program(d, doubling("[{p}, {p}]", '["a"]', 20).replace(meta("s20"), "") +
                   "for x in s20 {\nfor y in s20 {\n  let z = [x, y]\n}\n}\n" + Q + "\n")


@case("sharing")
def double_keys(d):
    return program(d, doubling("merge({p}, {{\"k${{length(keys({p}))}}\": {p}}})", "{x: 1}", 30))


@case("sharing")
def double_upper(d):
    return program(d, doubling("upper({p} + lower({p}))", '"ab"'))


@case("sharing")
def double_tags(d):
    return program(d, doubling("merge({p}, {p})", "{a: \"b\"}").replace(meta("s40"), "@tags(s40)\n" + Q))


@case("sharing")
def double_outputs(d):
    return program(d, doubling("[{p}, {p}]", '["a"]', 30).replace(meta("s30"), Q) +
                   "".join(f"output o{k} = s30\n" for k in range(5)))


@case("sharing")
def double_resource_properties(d):
    return program(d, doubling("[{p}, {p}]", "q0.Arn", 30).replace(meta("s30"), "") +
                   "resource q0 aws.sqs.Queue {}\n"
                   "resource t aws.sns.Topic { Tags: [{Key: \"k\", Value: join(\",\", s30)}] }\n")


# ---- templates: cfc import, then cfc build of what it wrote -----------------

def template(d, name, text):
    path = os.path.join(d, name)
    write(path, text)
    return [("import", path)]


def res_json(metadata_json):
    return '{"Resources": {"A": {"Type": "AWS::SQS::Queue", "Metadata": ' + metadata_json + "}}}"


def res_yaml(metadata_yaml):
    return "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Metadata: " + metadata_yaml + "\n"


@case("import")
def json_mixed_nesting(d):
    return template(d, "t.json", res_json('{"a": [' * 50000 + "1" + "]}" * 50000))


@case("import")
def json_deep_and_wide(d):
    # 250 levels, and 150,000 values at the deepest: the combined case
    # whose text was copied once per level.
    inner = "[" + ",".join("1" for _ in range(150000)) + "]"
    return template(d, "t.json", res_json('{"a": ' * 250 + inner + "}" * 250))


@case("import")
def json_deep_and_wide_strings(d):
    inner = "[" + ",".join(f'"v{k}"' for k in range(80000)) + "]"
    return template(d, "t.json", res_json('[' * 250 + inner + "]" * 250))


@case("import")
def json_deep_wide_each_level(d):
    # Wide at every level: each of 200 levels holds 2,000 values.
    wide = ",".join("1" for _ in range(2000))
    return template(d, "t.json", res_json(("[" + wide + ",") * 200 + "1" + "]" * 200))


@case("import")
def json_long_string_escapes(d):
    return template(d, "t.json", res_json('"' + "\\n\\t\\\\\\\"\\u00e9" * 40000 + '"'))


@case("import")
def json_surrogates(d):
    s = "\\ud83d\\ude00" * 20000 + "\\ud800" + "\\udc00x" + "\\ud83d"
    return template(d, "t.json", res_json('"' + s + '"'))


@case("import")
def json_long_number(d):
    return template(d, "t.json", res_json("1" * 900000))


@case("import")
def json_long_exponent(d):
    return template(d, "t.json", res_json("[1e999999999, -1e-999999999, 0." + "0" * 400000 + "1]"))


@case("import")
def json_long_integer_property(d):
    return template(d, "t.json", '{"Resources": {"A": {"Type": "AWS::SQS::Queue", "Properties": '
                    '{"DelaySeconds": ' + "9" * 500000 + '}}}}')


@case("import")
def json_long_key(d):
    return template(d, "t.json", res_json('{"' + "k" * 900000 + '": 1}'))


@case("import")
def json_long_logical_id(d):
    return template(d, "t.json", '{"Resources": {"' + "A" * 900000 + '": {"Type": "AWS::SQS::Queue"}}}')


@case("import")
def json_many_resources(d):
    return template(d, "t.json", json.dumps({"Resources": {f"Q{k}": {"Type": "AWS::SQS::Queue"}
                                                           for k in range(25000)}}))


@case("import")
def json_many_parameters(d):
    return template(d, "t.json", json.dumps({"Parameters": {f"P{k}": {"Type": "String"} for k in range(30000)},
                                             "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}))


@case("import")
def json_many_outputs(d):
    return template(d, "t.json", json.dumps({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}},
                                             "Outputs": {f"O{k}": {"Value": {"Ref": "Q"}}
                                                         for k in range(25000)}}))


@case("import")
def json_many_conditions(d):
    conds = {f"C{k}": {"Fn::Equals": [{"Ref": "AWS::Region"}, f"r{k}"]} for k in range(15000)}
    return template(d, "t.json", json.dumps({"Conditions": conds, "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}))


@case("import")
def json_colliding_names(d):
    # Logical IDs that all make the same cfc name once their punctuation
    # is dropped: each needs a name of its own.
    import itertools
    marks = "!#%&*+-.:;<=>?@^|~"
    ids = ["Q" + "".join(p) for p in itertools.product(marks, repeat=3)][:5000]
    return template(d, "t.json", json.dumps({"Resources": {i: {"Type": "AWS::SQS::Queue"} for i in ids}}))


@case("import")
def json_colliding_parameter_names(d):
    import itertools
    marks = "!#%&*+-.:;<=>?@^|~"
    ids = ["P" + "".join(p) for p in itertools.product(marks, repeat=3)][:5000]
    return template(d, "t.json", json.dumps({"Parameters": {i: {"Type": "String"} for i in ids},
                                             "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}))


@case("import")
def json_condition_chain(d):
    conds = {"C0": {"Fn::Equals": [{"Ref": "AWS::Region"}, "x"]}}
    conds.update({f"C{k}": {"Fn::And": [{"Condition": f"C{k - 1}"}, {"Condition": f"C{k - 1}"}]}
                  for k in range(1, 10000)})
    return template(d, "t.json", json.dumps({"Conditions": conds, "Resources": {
        "Q": {"Type": "AWS::SQS::Queue", "Condition": "C9999"}}}))


@case("import")
def json_condition_chain_reversed(d):
    # Each condition names the one after it: resolved in an order of its own.
    conds = {f"C{k}": {"Fn::Not": [{"Condition": f"C{k + 1}"}]} for k in range(10000)}
    conds["C10000"] = {"Fn::Equals": [{"Ref": "AWS::Region"}, "x"]}
    return template(d, "t.json", json.dumps({"Conditions": conds, "Resources": {
        "Q": {"Type": "AWS::SQS::Queue", "Condition": "C0"}}}))


@case("import")
def json_condition_cycle(d):
    conds = {f"C{k}": {"Fn::Not": [{"Condition": f"C{(k + 1) % 10000}"}]} for k in range(10000)}
    return template(d, "t.json", json.dumps({"Conditions": conds, "Resources": {
        "Q": {"Type": "AWS::SQS::Queue", "Condition": "C0"}}}))


@case("import")
def json_condition_nested(d):
    c = {"Fn::Equals": ["a", "b"]}
    for _ in range(240):
        c = {"Fn::Not": [c]}
    return template(d, "t.json", json.dumps({"Conditions": {"C": c}, "Resources": {
        "Q": {"Type": "AWS::SQS::Queue", "Condition": "C"}}}))


@case("import")
def json_condition_nested_shared(d):
    # The same condition object written out, nested: And of itself 18 deep
    # is 2^18 operands once written.
    c = {"Fn::Equals": [{"Ref": "AWS::Region"}, "b"]}
    text = json.dumps(c)
    for _ in range(17):
        text = '{"Fn::And": [' + text + ", " + text + "]}"
        if len(text) > 400000:
            break
    return template(d, "t.json", '{"Conditions": {"C": ' + text + '}, "Resources": '
                    '{"Q": {"Type": "AWS::SQS::Queue", "Condition": "C"}}}')


@case("import")
def json_depends_on_chain(d):
    res = {"Q0": {"Type": "AWS::SQS::Queue"}}
    res.update({f"Q{k}": {"Type": "AWS::SQS::Queue", "DependsOn": f"Q{k - 1}"} for k in range(1, 10000)})
    return template(d, "t.json", json.dumps({"Resources": res}))


@case("import")
def json_depends_on_cycle(d):
    res = {f"Q{k}": {"Type": "AWS::SQS::Queue", "DependsOn": [f"Q{(k + 1) % 10000}"]} for k in range(10000)}
    return template(d, "t.json", json.dumps({"Resources": res}))


@case("import")
def json_getatt_chain(d):
    res = {"Q0": {"Type": "AWS::SQS::Queue"}}
    res.update({f"Q{k}": {"Type": "AWS::SQS::Queue", "Properties": {
        "QueueName": {"Fn::GetAtt": [f"Q{k - 1}", "QueueName"]}}} for k in range(1, 9000)})
    return template(d, "t.json", json.dumps({"Resources": res}))


@case("import")
def json_ref_cycle(d):
    res = {f"Q{k}": {"Type": "AWS::SQS::Queue", "Properties": {
        "QueueName": {"Ref": f"Q{(k + 1) % 10000}"}}} for k in range(10000)}
    return template(d, "t.json", json.dumps({"Resources": res}))


def nested_intrinsic(wrap, depth, leaf):
    text = leaf
    for _ in range(depth):
        text = wrap.replace("@", text)
    return text


INTRINSICS = {
    "sub": '{"Fn::Sub": ["${x}", {"x": @}]}',
    "select": '{"Fn::Select": [0, [@]]}',
    "if": '{"Fn::If": ["C", @, @]}',
    "if_one_sided": '{"Fn::If": ["C", @, "b"]}',
    "join": '{"Fn::Join": [",", [@, "a"]]}',
    "base64": '{"Fn::Base64": @}',
    "findinmap": '{"Fn::FindInMap": ["M", @, "k"]}',
    "getazs": '{"Fn::GetAZs": @}',
    "split": '{"Fn::Split": [",", @]}',
    "cidr": '{"Fn::Cidr": [@, 1, 8]}',
    "importvalue": '{"Fn::ImportValue": @}',
    "getatt_arg": '{"Fn::GetAtt": ["Q", @]}',
    "ref_arg": '{"Ref": @}',
    "unknown": '{"Fn::Nope": @}',
    "transform": '{"Fn::Transform": {"Name": "X", "Parameters": {"a": @}}}',
    "tojsonstring": '{"Fn::ToJsonString": @}',
    "length": '{"Fn::Length": [@]}',
}


def intrinsic_template(body):
    return ('{"Conditions": {"C": {"Fn::Equals": [{"Ref": "AWS::Region"}, "x"]}}, '
            '"Mappings": {"M": {"a": {"k": "v"}}}, "Resources": {"Q": {"Type": "AWS::SQS::Queue", '
            '"Metadata": {"m": ' + body + '}}}}')


def make_intrinsic_case(fn, depth):
    wrap = INTRINSICS[fn]

    def run(d):
        # A function naming its argument twice (Fn::If's branches) doubles
        # the text per level: as deep as 1 MB allows.
        body = nested_intrinsic(wrap, depth if wrap.count("@") == 1 else 14, '"a"')
        return template(d, "t.json", intrinsic_template(body))
    return run


for _fn in INTRINSICS:
    for _depth in (250, 2000):
        CASES.append((f"intrinsic_{_fn}_{_depth}", "import", make_intrinsic_case(_fn, _depth)))


@case("import")
def json_foreach_nested(d):
    text = '{"Q": {"Type": "AWS::SQS::Queue"}}'
    for k in range(300):
        text = ('{"Fn::ForEach::L%d": ["X%d", ["a", "b"], ' % (k, k)) + text + "]}"
    return template(d, "t.json", '{"Transform": "AWS::LanguageExtensions", "Resources": ' + text + "}")


@case("import")
def json_foreach_many(d):
    loops = {f"Fn::ForEach::L{k}": [f"X{k}", ["a", "b"], {f"R{k}${{X{k}}}": {"Type": "AWS::SQS::Queue"}}]
             for k in range(10000)}
    return template(d, "t.json", json.dumps({"Transform": "AWS::LanguageExtensions", "Resources": loops}))


@case("import")
def json_duplicate_keys_deep(d):
    return template(d, "t.json", res_json('{"a": ' * 200 + '{"k": 1, "k": 2}' + "}" * 200))


@case("import")
def json_not_an_object(d):
    return template(d, "t.json", "[" + ",".join(["{}"] * 200000) + "]")


@case("import")
def json_truncated(d):
    return template(d, "t.json", res_json('{"a": ' * 200 + '"x'))


@case("import")
def json_empty(d):
    return template(d, "t.json", "")


@case("import")
def json_bom(d):
    return template(d, "t.json", "\ufeff" + json.dumps({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}))


@case("import")
def json_nul_and_invalid_utf8(d):
    return template(d, "t.json", b'{"Resources": {"Q\x00\xff\xfe": {"Type": "AWS::SQS::Queue"}}}')


# YAML.

@case("import")
def yaml_block_mapping_deep(d):
    text = "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Metadata:\n"
    text += "".join(" " * (6 + k) + "a:\n" for k in range(1300)) + " " * 1306 + "b: 1\n"
    return template(d, "t.yaml", text)


@case("import")
def yaml_block_sequence_compact(d):
    return template(d, "t.yaml", res_yaml("\n      " + "- " * 200000 + "x"))


@case("import")
def yaml_flow_mixed(d):
    return template(d, "t.yaml", res_yaml("{a: [" * 60000 + "1" + "]}" * 60000))


@case("import")
def yaml_flow_unclosed(d):
    return template(d, "t.yaml", res_yaml("[{" * 200000))


@case("import")
def yaml_deep_and_wide(d):
    inner = "[" + ",".join("1" for _ in range(150000)) + "]"
    return template(d, "t.yaml", res_yaml("[" * 250 + inner + "]" * 250))


@case("import")
def yaml_alias_bomb_mappings(d):
    text = "a0: &a0 {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x, k9: x}\n"
    for i in range(1, 10):
        text += f"a{i}: &a{i} {{" + ", ".join(f"k{j}: *a{i - 1}" for j in range(10)) + "}\n"
    return template(d, "t.yaml", text + res_yaml("*a9"))


@case("import")
def yaml_merge_key_bomb(d):
    text = "a0: &a0 {k: x}\n"
    for i in range(1, 30):
        text += f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}], k{i}: *a{i - 1}}}\n"
    return template(d, "t.yaml", text + res_yaml("*a29"))


@case("import")
def yaml_merge_key_wide(d):
    text = "a: &a {" + ", ".join(f"k{j}: {j}" for j in range(5000)) + "}\n"
    text += "Resources:\n" + "".join(f"  Q{k}:\n    <<: {{Type: AWS::SQS::Queue}}\n    Metadata:\n      <<: *a\n"
                                      for k in range(100))
    return template(d, "t.yaml", text)


@case("import")
def yaml_alias_in_keys(d):
    text = "k: &k [" + ", ".join(["x"] * 1000) + "]\n"
    text += res_yaml("{" + ", ".join(f"? *k : {j}" for j in range(500)) + "}")
    return template(d, "t.yaml", text)


@case("import")
def yaml_alias_chain(d):
    # Each anchor is an alias of the one before: a chain, not a bomb.
    text = "a0: &a0 x\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 20000))
    return template(d, "t.yaml", text + res_yaml("*a19999"))


@case("import")
def yaml_undefined_alias(d):
    return template(d, "t.yaml", res_yaml("*nope"))


@case("import")
def yaml_recursive_alias(d):
    return template(d, "t.yaml", "a: &a [*a]\n" + res_yaml("*a"))


@case("import")
def yaml_short_tags_nested(d):
    return template(d, "t.yaml", res_yaml("!Base64 " * 100000 + "x"))


@case("import")
def yaml_short_tags_mixed(d):
    return template(d, "t.yaml", res_yaml("[" + "!Base64 [" * 60000 + "x" + "]" * 60000 + "]"))


@case("import")
def yaml_unknown_tags(d):
    return template(d, "t.yaml", res_yaml("[" + ", ".join(f"!Tag{k} x" for k in range(60000)) + "]"))


@case("import")
def yaml_huge_scalar(d):
    return template(d, "t.yaml", res_yaml("x" * 900000))


@case("import")
def yaml_huge_quoted_scalar(d):
    return template(d, "t.yaml", res_yaml('"' + "\\x41\\u00e9\\n" * 60000 + '"'))


@case("import")
def yaml_folded_blank_lines(d):
    return template(d, "t.yaml", res_yaml("'" + "\n" * 400000 + "x'"))


@case("import")
def yaml_block_scalar_indented(d):
    text = res_yaml("|\n" + "".join(" " * 900 + "line\n" for _ in range(1000)))
    return template(d, "t.yaml", text)


@case("import")
def yaml_block_scalar_deep(d):
    text = "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Metadata:\n"
    text += "".join(" " * (6 + k) + "a:\n" for k in range(200)) + " " * 206 + "b: |\n"
    text += "".join(" " * 208 + f"line {k}\n" for k in range(3000))
    return template(d, "t.yaml", text)


@case("import")
def yaml_many_documents(d):
    return template(d, "t.yaml", "Resources: {A: {Type: AWS::SQS::Queue}}\n" + "---\na: 1\n" * 100000)


@case("import")
def yaml_many_empty_documents(d):
    return template(d, "t.yaml", "---\n" * 200000)


@case("import")
def yaml_long_key(d):
    return template(d, "t.yaml", res_yaml("{" + "k" * 900000 + ": 1}"))


@case("import")
def yaml_long_plain_key_block(d):
    return template(d, "t.yaml", "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Metadata:\n      " +
                    "k" * 900000 + ": 1\n")


@case("import")
def yaml_many_keys_duplicate_last(d):
    text = "".join(f"      k{k}: 1\n" for k in range(60000)) + "      k0: 2\n"
    return template(d, "t.yaml", "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Metadata:\n" + text)


@case("import")
def yaml_long_number(d):
    return template(d, "t.yaml", res_yaml("1" * 900000))


@case("import")
def yaml_crlf_bom(d):
    return template(d, "t.yaml", "\ufeffResources:\r\n  A:\r\n    Type: AWS::SQS::Queue\r\n"
                    "    Metadata: {a: 'x\r\n\r\n  y'}\r\n")


@case("import")
def yaml_invalid_utf8(d):
    return template(d, "t.yaml", b"Resources:\n  A\xff:\n    Type: AWS::SQS::Queue\n    Metadata: \xc3\x28\xed\xa0\x80\n")


@case("import")
def yaml_tabs_and_cr(d):
    return template(d, "t.yaml", "Resources:\r  A:\r\tType: AWS::SQS::Queue\r" + "\t" * 100000)


@case("import")
def yaml_many_resources(d):
    return template(d, "t.yaml", "Resources:\n" + "".join(f"  Q{k}:\n    Type: AWS::SQS::Queue\n"
                                                           for k in range(25000)))


@case("import")
def yaml_condition_chain(d):
    text = "Conditions:\n  C0: !Equals [!Ref 'AWS::Region', x]\n"
    text += "".join(f"  C{k}: !And [!Condition C{k - 1}, !Condition C{k - 1}]\n" for k in range(1, 10000))
    return template(d, "t.yaml", text + "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: C9999\n")


# ---- files ------------------------------------------------------------------

def folder_runs(d):
    return [("build", d), ("check", d), ("fmt", d), ("graph", d)]


@case("files")
def files_symlink_loop(d):
    os.makedirs(d, exist_ok=True)
    write(os.path.join(d, "main.cfn"), Q + "\n")
    os.symlink("b.cfn", os.path.join(d, "a.cfn"))
    os.symlink("a.cfn", os.path.join(d, "b.cfn"))
    os.symlink("self.cfn", os.path.join(d, "self.cfn"))
    return folder_runs(d) + [("build", os.path.join(d, "a.cfn"))]


@case("files")
def files_symlink_dir_loop(d):
    os.makedirs(os.path.join(d, "sub"), exist_ok=True)
    write(os.path.join(d, "main.cfn"), Q + "\n")
    os.symlink("..", os.path.join(d, "sub", "up"))
    os.symlink(".", os.path.join(d, "here.cfn"))
    return folder_runs(d)


@case("files")
def files_directory_named_cfn(d):
    os.makedirs(os.path.join(d, "dir.cfn"), exist_ok=True)
    os.makedirs(os.path.join(d, "t.json"), exist_ok=True)
    write(os.path.join(d, "main.cfn"), Q + "\n")
    return folder_runs(d) + [("build", os.path.join(d, "dir.cfn")), ("import", os.path.join(d, "t.json"))]


@case("files")
def files_fifo(d):
    os.makedirs(d, exist_ok=True)
    write(os.path.join(d, "main.cfn"), Q + "\n")
    os.mkfifo(os.path.join(d, "pipe.cfn"))
    os.mkfifo(os.path.join(d, "t.yaml"))
    write(os.path.join(d, "imp", "main.cfn"), 'import "../pipe.cfn" as p\n' + Q + "\n")
    return folder_runs(d) + [("build", os.path.join(d, "pipe.cfn")), ("import", os.path.join(d, "t.yaml")),
                             ("build", os.path.join(d, "imp", "main.cfn"))]


@case("files")
def files_devices(d):
    os.makedirs(d, exist_ok=True)
    write(os.path.join(d, "main.cfn"), 'import "/dev/zero" as z\nimport "/dev/stdin" as s\n' + Q + "\n")
    return [("build", os.path.join(d, "main.cfn")), ("import", "/dev/zero"), ("import", "/dev/stdin"),
            ("build", "/dev/urandom")]


@case("files")
def files_empty(d):
    write(os.path.join(d, "main.cfn"), "")
    write(os.path.join(d, "t.json"), "")
    write(os.path.join(d, "t.yaml"), "")
    return folder_runs(d) + [("import", os.path.join(d, "t.json")), ("import", os.path.join(d, "t.yaml"))]


@case("files")
def files_not_utf8(d):
    write(os.path.join(d, "main.cfn"), b"let s = \"\xff\xfe\xc0\x80\xed\xa0\x80\"\n" + b"\x80" * 500000 + b"\n" +
          Q.encode() + b"\n")
    return folder_runs(d)


@case("files")
def files_bom_crlf(d):
    write(os.path.join(d, "main.cfn"), "\ufeff" + "let s = \"a\"\r\n" * 50000 + Q + "\r\n")
    write(os.path.join(d, "b.cfn"), "\ufeff\ufeff" + Q.replace("q ", "b ") + "\r\r\r")
    return folder_runs(d)


@case("files")
def files_nul(d):
    write(os.path.join(d, "main.cfn"), "let s = \"a\x00b\"\n" + "\x00" * 500000 + Q + "\n")
    return folder_runs(d)


@case("files")
def files_lone_cr(d):
    write(os.path.join(d, "main.cfn"), "let s = 1\r" * 90000 + Q + "\r")
    return folder_runs(d)


@case("files")
def files_many(d):
    for k in range(5000):
        write(os.path.join(d, f"f{k}.cfn"), f"resource q{k} aws.sqs.Queue {{}}\n")
    return folder_runs(d)


@case("files")
def files_deep_folders(d):
    p = d
    for k in range(100):
        p = os.path.join(p, "d")
    write(os.path.join(p, "main.cfn"), Q + "\n")
    write(os.path.join(d, "main.cfn"), Q.replace("q ", "r ") + "\n")
    return folder_runs(d)


@case("files")
def files_unreadable(d):
    write(os.path.join(d, "main.cfn"), Q + "\n")
    write(os.path.join(d, "secret.cfn"), Q + "\n")
    os.chmod(os.path.join(d, "secret.cfn"), 0)
    return folder_runs(d)


@case("files")
def files_config_hostile(d):
    write(os.path.join(d, "main.cfn"), Q + "\n")
    write(os.path.join(d, "cfc.yaml"), "a: &a [" + ", ".join(["x"] * 10) + "]\n" +
          "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i > 1 else "*a"] * 10) + "]\n" for i in range(1, 9)) +
          "stacks: " + "[" * 100000 + "\n")
    return folder_runs(d)


# ---- the language server ----------------------------------------------------

def doc(uri, text, version=1):
    return {"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "cfc", "version": version, "text": text}}}


def request(id_, method, params):
    return {"jsonrpc": "2.0", "id": id_, "method": method, "params": params}


def pos(uri, line, character):
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


U = "file:///w/main.cfn"


@case("server")
def lsp_many_small_edits(d):
    text = lines(*[f"let v{k} = {k}" for k in range(1000)], Q)
    changes = [{"range": {"start": {"line": k % 1000, "character": 4}, "end": {"line": k % 1000, "character": 5}},
                "text": "w"} for k in range(8000)]
    change = {"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": U, "version": 2}, "contentChanges": changes}}
    return [("lsp", [doc(U, text), change], request(900, "textDocument/hover", pos(U, 1000, 10)))]


@case("server")
def lsp_many_changes_messages(d):
    msgs = [doc(U, Q + "\n")]
    for k in range(3000):
        msgs.append({"jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": U, "version": k + 2}, "contentChanges": [
                         {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                          "text": f"let a{k} = [{k}]\n"}]}})
    return [("lsp", msgs, request(900, "textDocument/documentSymbol", {"textDocument": {"uri": U}}))]


@case("server")
def lsp_many_documents(d):
    n = 1000 if SANITIZERS else 10000
    msgs = [doc(f"file:///w/d{k}/main.cfn", f"resource q{k} aws.sqs.Queue {{}}\n") for k in range(n)]
    return [("lsp", msgs, request(900, "textDocument/hover", pos(f"file:///w/d{n - 1}/main.cfn", 0, 10)))]


@case("server")
def lsp_many_documents_analysed(d):
    # Each its own stack, each analysed (a hover waits for its document's
    # analysis): every analysis once kept a copy of every open document's
    # text, 1.5 GB for 3,000 documents.
    n = 500 if SANITIZERS else 3000
    uris = [f"file:///w/a{k}/main.cfn" for k in range(n)]
    msgs = [doc(u, f"resource q{k} aws.sqs.Queue {{}}\n") for k, u in enumerate(uris)]
    msgs += [request(1000 + k, "textDocument/hover", pos(u, 0, 10)) for k, u in enumerate(uris)]
    return [("lsp", msgs, request(900, "textDocument/hover", pos(uris[0], 0, 10)))]


@case("server")
def lsp_many_documents_one_stack(d):
    msgs = [doc(f"file:///w/s/f{k}.cfn", f"resource q{k} aws.sqs.Queue {{}}\n") for k in range(2000)]
    return [("lsp", msgs, request(900, "textDocument/hover", pos("file:///w/s/f1999.cfn", 0, 10)))]


@case("server")
def lsp_rename_many_uses(d):
    text = "let x = 1\n" + meta("[" + ", ".join(["x"] * 100000) + "]") + "\n"
    return [("lsp", [doc(U, text)], request(900, "textDocument/rename", {**pos(U, 0, 4), "newName": "y"}))]


@case("server")
def lsp_references_many_uses(d):
    text = "let x = 1\n" + meta("[" + ", ".join(["x"] * 100000) + "]") + "\n"
    return [("lsp", [doc(U, text)], request(900, "textDocument/references",
                                            {**pos(U, 0, 4), "context": {"includeDeclaration": True}}))]


@case("server")
def lsp_highlight_many_uses(d):
    text = "let x = 1\n" + meta("[" + ", ".join(["x"] * 100000) + "]") + "\n"
    return [("lsp", [doc(U, text)], request(900, "textDocument/documentHighlight", pos(U, 0, 4)))]


@case("server")
def lsp_completion_long_line(d):
    line = "let v = [" + ", ".join(f"a{k}" for k in range(100000)) + ", "
    text = "let a0 = 1\n" + line + "\n" + Q + "\n"
    return [("lsp", [doc(U, text)], request(900, "textDocument/completion", pos(U, 1, len(line))))]


@case("server")
def lsp_completion_deep(d):
    text = "let v = " + "[" * 100000 + "\n"
    return [("lsp", [doc(U, text)], request(900, "textDocument/completion", pos(U, 0, 100008)))]


@case("server")
def lsp_signature_deep_calls(d):
    text = "let v = " + "length(" * 100000 + "\n"
    return [("lsp", [doc(U, text)], request(900, "textDocument/signatureHelp", pos(U, 0, 700008)))]


@case("server")
def lsp_hover_deep(d):
    text = meta("[" * 50000 + "1" + "]" * 50000)
    return [("lsp", [doc(U, text)], request(900, "textDocument/hover", pos(U, 0, 50040)))]


@case("server")
def lsp_semantic_tokens_deep(d):
    text = meta("(" * 200000 + "1" + ")" * 200000)
    return [("lsp", [doc(U, text)], request(900, "textDocument/semanticTokens/full", {"textDocument": {"uri": U}}))]


@case("server")
def lsp_symbols_many(d):
    text = lines(*[f"let v{k} = {k}" for k in range(40000)], Q)
    return [("lsp", [doc(U, text)], request(900, "textDocument/documentSymbol", {"textDocument": {"uri": U}}))]


@case("server")
def lsp_folding_deep(d):
    text = meta("[\n" * 60000 + "1" + "]" * 60000)
    return [("lsp", [doc(U, text)], request(900, "textDocument/foldingRange", {"textDocument": {"uri": U}}))]


@case("server")
def lsp_formatting_deep(d):
    text = meta("{a: " * 60000 + "1" + "}" * 60000)
    return [("lsp", [doc(U, text)], request(900, "textDocument/formatting",
                                            {"textDocument": {"uri": U}, "options": {"tabSize": 2, "insertSpaces": True}}))]


@case("server")
def lsp_doubled_interpolation(d):
    return [("lsp", [doc(U, doubling('"${{{p}}}-${{{p}}}"', "aws.region"))],
             request(900, "textDocument/inlayHint", {"textDocument": {"uri": U}, "range": {
                 "start": {"line": 0, "character": 0}, "end": {"line": 50, "character": 0}}}))]


@case("server")
def lsp_code_lens_many(d):
    text = lines(*[f"resource q{k} aws.sqs.Queue {{}}" for k in range(20000)])
    return [("lsp", [doc(U, text)], request(900, "textDocument/codeLens", {"textDocument": {"uri": U}}))]


@case("server")
def lsp_workspace_symbols(d):
    msgs = [doc(f"file:///w/d{k}/main.cfn", lines(*[f"let v{j} = {j}" for j in range(50)])) for k in range(400)]
    return [("lsp", msgs, request(900, "workspace/symbol", {"query": "v"}))]


# ---- running ----------------------------------------------------------------

def measure(argv, stdin=None, cwd=None, env=None):
    """Runs argv; returns (exit, signal, cpu, wall, peak_rss, output)."""
    out_path = os.path.join(cwd or ".", ".out")
    with open(out_path, "wb") as out:
        start = time.monotonic()
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL if stdin is None else stdin, stdout=out,
                             stderr=subprocess.STDOUT, cwd=cwd, env=env, start_new_session=True)
        deadline = start + HANG
        status, usage = None, None
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(p.pid, signal.SIGKILL)
                _, status, usage = os.wait4(p.pid, 0)
                break
            time.sleep(0.005)
        wall = time.monotonic() - start
    p.returncode = 0
    with open(out_path, "rb") as f:
        output = f.read(1 << 20).decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    return code, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss * 1024, output


def command_argv(cfc, cmd, path, workdir):
    if cmd == "build":
        return [cfc, "build", path, "-o", os.path.join(workdir, "out.json")]
    if cmd == "fmt":
        return [cfc, "fmt", "--check", path]
    if cmd == "import":
        return [cfc, "import", path, "-o", os.path.join(workdir, "imported.cfn")]
    return [cfc, cmd, path]


class Server:
    """`cfc lsp` over stdio with Content-Length framing, as an editor runs it:
    a thread reads everything the server writes while messages are sent (a
    server blocked writing diagnostics nobody reads would stop reading)."""

    def __init__(self, cfc, cwd, env):
        self.p = subprocess.Popen([cfc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, cwd=cwd, env=env, start_new_session=True)
        self.answers, self.lock = {}, threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    with self.lock:
                        self.answers["eof"] = True
                        self.lock.notify_all()
                    return
                if not line.strip():
                    break
                key, _, value = line.decode().partition(":")
                if key.strip().lower() == "content-length":
                    length = int(value)
                    arrived = time.monotonic()
            message = json.loads(f.read(length))
            if "id" in message and "method" not in message:
                # Timed to the answer's first byte: reading a 10 MB answer
                # in Python is not the server's time.
                message["arrived"] = arrived
                with self.lock:
                    self.answers[message["id"]] = message
                    self.lock.notify_all()

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        assert len(body) < INPUT_BOUND, f"a message of {len(body)} bytes is over the 1 MB bound"
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def wait_for(self, id_, deadline):
        """The answer to id_; None on a timeout or when the server is gone."""
        with self.lock:
            while id_ not in self.answers and "eof" not in self.answers:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.lock.wait(left)
            return self.answers.get(id_)

    def finish(self):
        try:
            self.send(request(999, "shutdown", None))
            self.wait_for(999, time.monotonic() + HANG)
            self.send({"jsonrpc": "2.0", "method": "exit"})
            self.p.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        deadline = time.monotonic() + HANG
        while True:
            pid, status, usage = os.wait4(self.p.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status), usage
            if time.monotonic() > deadline:
                os.killpg(self.p.pid, signal.SIGKILL)
                _, status, usage = os.wait4(self.p.pid, 0)
                return os.waitstatus_to_exitcode(status), usage
            time.sleep(0.01)


def run_server(cfc, messages, final, cwd, env, wall_bound):
    """Sends the messages, then the final request; the server must answer it
    within the bound. Returns (ok, exit, cpu, wall of the answer, rss, why)."""
    s = Server(cfc, cwd, env)
    s.send(request(0, "initialize", {"processId": None, "rootUri": "file:///w", "capabilities": {}}))
    s.wait_for(0, time.monotonic() + HANG)
    s.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    why = ""
    try:
        for m in messages:
            s.send(m)
    except (BrokenPipeError, OSError):
        why = "the server stopped reading"
    start = time.monotonic()
    answer = None
    if not why:
        try:
            s.send(final)
            answer = s.wait_for(final["id"], start + HANG)
        except (BrokenPipeError, OSError):
            pass
    wall = (answer["arrived"] if answer else time.monotonic()) - start
    code, usage = s.finish()
    if answer is None and not why:
        why = "no answer to the request that followed"
    elif answer is not None and wall > wall_bound:
        why = f"answered after {wall:.2f} s"
    cpu = usage.ru_utime + usage.ru_stime
    return (not why and code == 0), code, cpu, wall, usage.ru_maxrss * 1024, why


def main():
    args = sys.argv[1:]
    only, classes, table, wall_bound = [], [], False, 1.0
    while args and args[-1] and (args[-2:-1] and args[-2].startswith("--") or args[-1].startswith("--")):
        if args[-1] == "--table":
            table = True
            args.pop()
        elif args[-1] == "--sanitizers":
            global SANITIZERS
            SANITIZERS = True
            args.pop()
        elif args[-2] == "--only":
            only.append(args.pop())
            args.pop()
        elif args[-2] == "--class":
            classes.append(args.pop())
            args.pop()
        elif args[-2] == "--wall":
            global HANG
            wall_bound = float(args.pop())
            HANG = max(HANG, 2 * wall_bound)  # a run twice the bound is a hang
            args.pop()
        elif args[-2] == "--cpu":
            global CPU_BOUND
            CPU_BOUND = float(args.pop())
            args.pop()
        elif args[-2] == "--rss":
            global RSS_BOUND
            RSS_BOUND = float(args.pop()) * MB
            args.pop()
        else:
            break
    cfc, workdir = os.path.abspath(shutil.which(args[0]) or args[0]), os.path.abspath(args[1])
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    env = {k: v for k, v in os.environ.items() if k != "CFC_ARENA_CHECK"}
    env["TERM"] = "dumb"
    failures, known, rows, started = [], [], [], time.monotonic()
    unknown = set(classes) - {c for _, c, _ in CASES}
    if unknown:
        sys.exit("hostile-variants.py: no class " + ", ".join(sorted(unknown)))
    for name, cls, make in CASES:
        if only and not any(o in name or o == cls for o in only):
            continue
        if classes and cls not in classes:
            continue
        d = os.path.join(workdir, name)
        os.makedirs(d, exist_ok=True)
        for step in make(d):
            if step[0] == "lsp":
                ok, code, cpu, wall, rss, why = run_server(cfc, step[1], step[2], d, env, wall_bound)
                cmd = f"lsp {step[2]['method']}"
                if ok and rss > RSS_BOUND:
                    ok, why = False, f"peak {rss / MB:.0f} MB"
            else:
                cmd, path = step
                code, cpu, wall, rss, output = measure(command_argv(cfc, cmd, path, d), cwd=d, env=env)
                why = ""
                if code not in (0, 1, 2):
                    why = f"exit {code}"
                elif cpu > CPU_BOUND:
                    why = f"{cpu:.2f} s of CPU"
                elif wall > wall_bound:
                    why = f"{wall:.2f} s of wall time"
                elif rss > RSS_BOUND:
                    why = f"peak {rss / MB:.0f} MB"
                elif code != 0 and not re.search(r"\[CFC\d{4}\]", output) and not (
                        cmd == "fmt" and code == 1 and output.strip()):
                    why = "no diagnostic code: " + output[:200].replace("\n", " | ")
                ok = not why
                # What cfc import wrote must build within the bound too.
                if ok and cmd == "import" and code == 0:
                    cmd2 = "build(imported)"
                    src = os.path.join(d, "imported.cfn")
                    c2, cpu2, wall2, rss2, out2 = measure(command_argv(cfc, "build", src, d), cwd=d, env=env)
                    rows.append((name, cls, cmd2, c2, cpu2, wall2, rss2))
                    # The bounds are for inputs under 1 MB: the source import
                    # wrote may be larger than its template (a list of short
                    # values becomes one line each).
                    small = os.path.getsize(src) < INPUT_BOUND
                    w2 = ("" if c2 in (0, 1) and (not small or cpu2 <= CPU_BOUND and wall2 <= wall_bound and
                                                  rss2 <= RSS_BOUND)
                          and (c2 == 0 or re.search(r"\[CFC\d{4}\]", out2)) else
                          f"exit {c2}, {cpu2:.2f} s CPU, {wall2:.2f} s wall, {rss2 / MB:.0f} MB: " +
                          out2[:200].replace("\n", " | "))
                    print(f"{'FAIL' if w2 else 'ok  '} {name:40} {cmd2:16} exit {c2} cpu {cpu2:5.2f} "
                          f"wall {wall2:5.2f} rss {rss2 / MB:6.1f} MB {w2}", flush=True)
                    if w2:
                        failures.append(f"{name} {cmd2}: {w2}")
            rows.append((name, cls, cmd, code, cpu, wall, rss))
            status = "ok  " if not why else "KNOWN" if name in KNOWN else "FAIL"
            print(f"{status} {name:40} {cmd:16} exit {code} cpu {cpu:5.2f} wall {wall:5.2f} "
                  f"rss {rss / MB:6.1f} MB {why}", flush=True)
            if why and name in KNOWN:
                known.append(f"{name} {cmd}: {why} ({KNOWN[name]})")
            elif why:
                failures.append(f"{name} {cmd}: {why}")
    elapsed = time.monotonic() - started
    if table:
        print("\n| class | cases | runs | worst CPU (s) | worst wall (s) | worst peak RSS (MB) |")
        print("| --- | --- | --- | --- | --- | --- |")
        for cls in dict.fromkeys(r[1] for r in rows):
            rs = [r for r in rows if r[1] == cls]
            print(f"| {cls} | {len(set(r[0] for r in rs))} | {len(rs)} | {max(r[4] for r in rs):.2f} | "
                  f"{max(r[5] for r in rs):.2f} | {max(r[6] for r in rs) / MB:.0f} |")
    if SANITIZERS:
        print(SANITIZER_CUTS)
    print(f"{len(rows)} runs in {elapsed:.1f} s, {len(failures)} failed, {len(known)} known")
    for f in failures:
        print("FAILED:", f)
    for k in known:
        print("KNOWN:", k)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
