// Node's own RegExp, ECMA-262 by definition, as the judge of cfc's pattern
// engine (EcmaRegexTest.cpp). Reads JSON {"patterns": [...], "inputs": [...]}
// on stdin; writes, per pattern, a string of one letter per input: "m"
// (matches), "f" (fails), or the whole string "x" when Node cannot compile
// the pattern. JSON Schema validators compile with the "u" flag (so \p{L}
// means a Unicode class); a pattern that is invalid with it is tried without.
"use strict";
let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  const { patterns, inputs } = JSON.parse(text);
  const out = patterns.map((p) => {
    let re;
    for (const flags of ["u", ""]) {
      try {
        re = new RegExp(p, flags);
        break;
      } catch (e) {}
    }
    if (!re) return "x";
    return inputs.map((s) => (re.test(s) ? "m" : "f")).join("");
  });
  process.stdout.write(JSON.stringify(out));
});
