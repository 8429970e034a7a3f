// Checks the TextMate grammar with the engine VS Code uses (vscode-textmate
// on vscode-oniguruma): every regex compiles; every example and stdlib module
// tokenizes with no `invalid` token and ends outside any begin/end rule; and
// the snippets below get the expected scopes. Run: npm install && npm test.
"use strict";

const assert = require("assert");
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const onig = require("vscode-oniguruma");

const root = path.join(__dirname, "..", "..", "..");
const grammarPath = path.join(__dirname, "..", "syntaxes", "cfc.tmLanguage.json");

function regexes(node, out = []) {
  if (Array.isArray(node)) node.forEach((x) => regexes(x, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (["match", "begin", "end", "while"].includes(key) && typeof value === "string") out.push(value);
      else regexes(value, out);
    }
  }
  return out;
}

function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  const tokens = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      tokens.push({ line: i + 1, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = r.ruleStack;
  });
  return { tokens, closed: stack.depth === 1 };
}

// [snippet, token text, a scope the token must have]
const expectations = [
  ["/// Doc comment", " Doc comment", "comment.line.documentation.cfc"],
  ["// plain", " plain", "comment.line.double-slash.cfc"],
  ["/* a\nb */ let x = 1", " a", "comment.block.cfc"],
  ["assert n > 0, \"positive\"", "assert", "keyword.control.assert.cfc"],
  ["resource queue aws.sqs.Queue { }", "resource", "keyword.declaration.resource.cfc"],
  ["resource queue aws.sqs.Queue { }", "queue", "entity.name.variable.resource.cfc"],
  ["resource queue aws.sqs.Queue { }", "sqs", "entity.name.namespace.cfc"],
  ["resource queue aws.sqs.Queue { }", "Queue", "entity.name.type.cfc"],
  ["resource api serverless.Function {}", "Function", "entity.name.type.cfc"],
  ["param stage: \"dev\" | \"prod\" = \"dev\"", "stage", "entity.name.variable.param.cfc"],
  ["param count: int? = 3", "int", "support.type.primitive.cfc"],
  ["let t = 90s", "s", "keyword.other.unit.cfc"],
  ["let t = 5m", "5", "constant.numeric.duration.cfc"],
  ["let m = 128MB", "MB", "keyword.other.unit.cfc"],
  ["let m = 10GiB", "10", "constant.numeric.size.cfc"],
  ["let n = 1_000", "1_000", "constant.numeric.integer.cfc"],
  ["let n = 2.5E-3", "2.5E-3", "constant.numeric.float.cfc"],
  ["let n = 10mb", "10mb", "invalid.illegal.numeric.cfc"],
  ["let n = 1_000x", "1_000x", "invalid.illegal.numeric.cfc"],
  ["let n = 1_000ms", "ms", "keyword.other.unit.cfc"],
  ["let b = true", "true", "constant.language.boolean.true.cfc"],
  ["let o = none", "none", "constant.language.null.cfc"],
  ["let s = \"a\\n\\u{1F600}\"", "\\n", "constant.character.escape.cfc"],
  ["let s = \"a\\u{1F600}\"", "\\u{1F600}", "constant.character.escape.cfc"],
  ["let s = \"a\\q\"", "\\q", "invalid.illegal.escape.cfc"],
  ["let s = \"${stage}\"", "${", "punctuation.section.interpolation.begin.cfc"],
  ["let s = \"${stage}\"", "stage", "meta.interpolation.cfc"],
  ["let s = \"${x == \"p\" ? \"live\" : \"test\"}-${n}\"", "live", "meta.interpolation.cfc"],
  ["let s = \"${merge({a: 1}, {b: 2}).a}x\"", "x", "string.quoted.double.cfc"],
  ["let s = \"\"\"\necho ${HOME} \\n\n\"\"\"", "echo ${HOME} \\n", "string.quoted.triple.cfc"],
  ["@dependsOn(queue)\nresource a aws.s3.Bucket", "dependsOn", "entity.name.function.decorator.cfc"],
  ["import std.storage", "import", "keyword.control.import.cfc"],
  ["import \"./net.cfn\" as net", "as", "keyword.control.as.cfc"],
  ["for i, x in items {\n}", "in", "keyword.control.loop.in.cfc"],
  ["component Site {\n  param type: string\n}", "Site", "entity.name.type.component.cfc"],
  ["component Site {\n  param type: string\n}", "type", "entity.name.variable.param.cfc"],
  ["fn send(kind: string) -> string = kind", "send", "entity.name.function.cfc"],
  ["fn send(kind: string) -> string = kind", "kind", "variable.parameter.cfc"],
  ["type Runtime = \"a\"\n  | \"b\"", "Runtime", "entity.name.type.alias.cfc"],
  ["type Runtime = \"a\"\n  | \"b\"", "|", "keyword.operator.type.union.cfc"],
  ["description \"A stack\"", "description", "keyword.declaration.description.cfc"],
  ["resource a X.Y {\n  description: description\n  type: \"t\"\n}", "type", "variable.other.property.cfc"],
  ["resource a X.Y {\n  BucketName: \"x\"\n}", "BucketName", "variable.other.property.cfc"],
  ["output arn = queue.Arn", "Arn", "variable.other.property.cfc"],
  ["output r = aws.region", "aws", "variable.language.aws.cfc"],
  ["let j = join(\"-\", xs)", "join", "support.function.builtin.cfc"],
  ["let c = a >= b && !d || e != f", ">=", "keyword.operator.comparison.cfc"],
  ["let c = a >= b && !d || e != f", "&&", "keyword.operator.logical.cfc"],
  ["let c = a ? b : c", "?", "keyword.operator.ternary.cfc"],
  ["let q = 'single'", "'single'", "string.quoted.single.cfc"],
];

async function main() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const raw = fs.readFileSync(grammarPath, "utf8");

  const all = regexes(JSON.parse(raw));
  for (const re of all) {
    assert.doesNotThrow(() => new onig.OnigScanner([re]).dispose(), `regex does not compile: ${re}`);
  }

  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope) => (scope === "source.cfc" ? vsctm.parseRawGrammar(raw, grammarPath) : null),
  });
  const grammar = await registry.loadGrammar("source.cfc");

  let failures = 0;
  const files = [];
  for (const dir of ["examples", "stdlib"]) {
    (function walk(d) {
      if (!fs.existsSync(d)) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".cfn")) files.push(p);
      }
    })(path.join(root, dir));
  }
  for (const file of files) {
    const { tokens, closed } = tokenize(grammar, fs.readFileSync(file, "utf8"));
    const invalid = tokens.filter((t) => t.scopes.some((s) => s.startsWith("invalid")));
    if (!closed || invalid.length) {
      failures++;
      console.log(`FAIL ${path.relative(root, file)}: ${closed ? "" : "a rule is left open at the end; "}` +
        invalid.map((t) => `line ${t.line}: invalid ${JSON.stringify(t.text)}`).join(", "));
    }
  }

  for (const [snippet, text, scope] of expectations) {
    const { tokens } = tokenize(grammar, snippet);
    const token = tokens.find((t) => t.text === text && t.scopes.includes(scope));
    if (!token) {
      failures++;
      const seen = tokens.filter((t) => t.text === text).map((t) => t.scopes.slice(1).join(" "));
      console.log(`FAIL ${JSON.stringify(snippet)}: ${JSON.stringify(text)} is not ${scope}` +
        (seen.length ? ` (it is: ${seen.join(" | ")})` : " (no such token)"));
    }
  }

  console.log(`${all.length} regexes, ${files.length} files, ${expectations.length} snippets: ` +
    (failures ? `${failures} failures` : "all pass"));
  process.exitCode = failures ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
