#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora, one folder per target, from the
repository's own inputs: .cfn files of test/, examples/ and stdlib/;
templates of the shared corpus and test/Import; the language server's lit
transcripts (test/LSP), in their own style and framed with Content-Length.

tools/fuzz runs this before each session, into the build folder; the
folders are rewritten from scratch, so a run never sees stale seeds.
Usage: seeds.py --repo REPO --shared SHARED --out FOLDER
"""
import argparse
import hashlib
import json
import pathlib
import re
import shutil

# Lit lines in .cfn tests (RUN, CHECK...): noise to the fuzzer.
LIT_LINE = re.compile(rb"^\s*//\s*(RUN|CHECK|REQUIRES|UNSUPPORTED|XFAIL|EXPECT)[-A-Z]*:")


def cfn_sources(repo):
    for folder in ("examples", "stdlib", "test"):
        for path in sorted((repo / folder).rglob("*.cfn")):
            if "fuzz-failures" not in path.parts:
                yield path


def templates(repo, shared, suffixes):
    roots = [shared / "corpus", repo / "test" / "Import"]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in suffixes:
                yield path


def without_lit_lines(data):
    return b"".join(l for l in data.splitlines(keepends=True) if not LIT_LINE.match(l))


def lsp_messages(transcript):
    """The JSON messages of a lit transcript (`---` between them, `#` lines dropped)."""
    chunks, current = [], []
    for line in transcript.decode("utf-8", "replace").splitlines():
        if line.startswith("#"):
            continue
        if line.strip() == "---":
            chunks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    chunks.append("\n".join(current))
    return [c for c in chunks if c.strip()]


def framed(messages):
    out = b""
    for m in messages:
        body = m.encode()
        try:  # Compact, as editors send it; keep a malformed one as it is.
            body = json.dumps(json.loads(m), separators=(",", ":")).encode()
        except ValueError:
            pass
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


class Corpus:
    def __init__(self, out, target):
        self.folder = out / target
        self.folder.mkdir(parents=True)
        self.count = 0

    @classmethod
    def existing(cls, out, target):
        corpus = cls.__new__(cls)
        corpus.folder, corpus.count = out / target, 0
        return corpus

    def add(self, name, data):
        # The content's hash in the name: a file included twice is one seed.
        digest = hashlib.sha1(data).hexdigest()[:12]
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[-60:]
        (self.folder / f"{stem}-{digest}").write_bytes(data)
        self.count += 1


def hostile_programs():
    """Small programs at the edges of the evaluator's limits (issue 19): the
    fuzzers' length limit keeps random mutation from building them."""
    yield "let-chain", "resource q aws.sqs.Queue { QueueName: v0 }\n" + "".join(
        f"let v{i} = v{i + 1}\n" for i in range(1200)) + 'let v1200 = "x"\n'
    yield "doubled", 'let l0 = ["a"]\n' + "".join(
        f"let l{i} = [l{i - 1}, l{i - 1}]\n" for i in range(1, 41)) + "@attributes({Metadata: {x: l40}})\nresource q aws.sqs.Queue {}\n"
    yield "nested-lets", "let a0 = [1]\n" + "".join(
        f"let a{i} = " + "[" * 100 + f"a{i - 1}" + "]" * 100 + "\n" for i in range(1, 4)) + "output o = a3\n"
    yield "big-strings", ('fn dbl(s: string, n: int) -> string = n == 0 ? s : dbl(s + s, n - 1)\n'
                          'let big = dbl("x", 20)\nlet xs = [' + ",".join(str(i) for i in range(300)) + ']\n'
                          'for i in xs {\n  let s = "${big}${i}"\n  assert length(s) > 0, "empty"\n}\n')


def hostile_templates():
    """Templates nested, aliased and repeated past the reader's limits, as
    (name, JSON or YAML text, is_yaml)."""
    resource = '{"Resources": {"A": {"Type": "AWS::SQS::Queue", "Metadata": %s}}}'
    yield "deep-arrays", resource % ("[" * 300 + "]" * 300), False
    yield "deep-objects", resource % ('{"a": ' * 300 + "1" + "}" * 300), False
    value = '"x"'
    for _ in range(30):
        value = '{"Fn::Base64": %s}' % value
    yield "nested-base64", resource % value, False
    value = '"x"'
    for _ in range(30):
        value = '{"Fn::Join": ["", [{"Fn::Base64": %s}]]}' % value
    yield "nested-join", resource % value, False
    yield "twice", '{"Resources": {"A": {"Type": "AWS::SQS::Queue"}}, "Resources": {}}', False
    yield "huge-integer", '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 1e63}}}}', False
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10))
    yield "alias-bomb", bomb + "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Metadata: *a9\n", True
    yield "twice", "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Type: AWS::SNS::Topic\n", True
    yield "nul", 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: "a\0b"}\n', True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=pathlib.Path, required=True)
    parser.add_argument("--shared", type=pathlib.Path, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    args = parser.parse_args()
    repo, shared = args.repo.resolve(), args.shared.resolve()
    shutil.rmtree(args.out, ignore_errors=True)

    parse, pipeline = Corpus(args.out, "parser"), Corpus(args.out, "pipeline")
    for path in cfn_sources(repo):
        data = without_lit_lines(path.read_bytes())
        name = str(path.relative_to(repo))
        parse.add(name, data)
        pipeline.add(name, data)

    for target, suffixes in (("import-json", {".json"}), ("import-yaml", {".yaml", ".yml", ".template"})):
        corpus = Corpus(args.out, target)
        for path in templates(repo, shared, suffixes):
            corpus.add(path.name, path.read_bytes())

    for name, text in hostile_programs():
        parse.add("hostile-" + name, text.encode())
        pipeline.add("hostile-" + name, text.encode())
    json_corpus, yaml_corpus = Corpus.existing(args.out, "import-json"), Corpus.existing(args.out, "import-yaml")
    for name, text, is_yaml in hostile_templates():
        (yaml_corpus if is_yaml else json_corpus).add("hostile-" + name, text.encode())

    lsp = Corpus(args.out, "lsp")
    for path in sorted((repo / "test" / "LSP").glob("*.test")):
        messages = lsp_messages(path.read_bytes())
        lsp.add(path.stem + ".lit", "\n---\n".join(messages).encode() + b"\n")
        lsp.add(path.stem + ".framed", framed(messages))
    for name, text in hostile_programs():
        opened = {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": "file:///fuzz/main.cfn", "languageId": "cfn", "version": 1, "text": text}}}
        lsp.add("hostile-" + name + ".framed", framed([json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}),
                                                        json.dumps(opened)]))

    print(" ".join(f"{p.name}:{len(list(p.iterdir()))}" for p in sorted(args.out.iterdir())))


if __name__ == "__main__":
    main()
