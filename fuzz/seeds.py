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

    def add(self, name, data):
        # The content's hash in the name: a file included twice is one seed.
        digest = hashlib.sha1(data).hexdigest()[:12]
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[-60:]
        (self.folder / f"{stem}-{digest}").write_bytes(data)
        self.count += 1


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

    lsp = Corpus(args.out, "lsp")
    for path in sorted((repo / "test" / "LSP").glob("*.test")):
        messages = lsp_messages(path.read_bytes())
        lsp.add(path.stem + ".lit", "\n---\n".join(messages).encode() + b"\n")
        lsp.add(path.stem + ".framed", framed(messages))

    print(" ".join(f"{p.name}:{len(list(p.iterdir()))}" for p in sorted(args.out.iterdir())))


if __name__ == "__main__":
    main()
