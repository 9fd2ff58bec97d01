import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pyJsonDumps, pyJsonLoads } from "../runner/py-json.js";
import { PyRegexError, pySearch } from "../runner/py-regex.js";
import { floatRepr, pyRepr } from "../runner/py-str.js";
import { PyFloat } from "../runner/py-value.js";

// Differential check against CPython itself, when a python3 is on the PATH: the same inputs through the
// ported semantics and through Python must print the same text.
const hasPython = spawnSync("python3", ["-c", "pass"]).status === 0;

function floats(): number[] {
  // A fixed pseudo-random sequence (LCG) so failures reproduce.
  let seed = 12345;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: number[] = [
    1e16, 1e15, 9999999999999998, 0.0001, 0.00001, 5e-324, 1.7976931348623157e308, 0.1, 2.5,
  ];
  for (let i = 0; i < 2000; i++) {
    const exp = Math.floor(next() * 50) - 25;
    out.push((next() - 0.5) * 10 ** exp, Math.round(next() * 1000) * 10 ** exp);
  }
  return out;
}

const STRINGS = [
  "héllo",
  "😀",
  "a'b",
  'a"b',
  "a'\"b",
  "\u0000\u001f\u007f\u0080\u00a0\u00ad",
  "\u2028x\u3000",
  "\ud800",
  "tab\tnl\n\\",
  "日本語",
  "\u0378",
  "\ue000",
  "\u200b",
];

const REGEXES: Array<[string, string]> = [
  ["^\\w+$", "héllo"],
  ["\\bx\\b", "éx"],
  ["\\s", "\u001c"],
  ["\\s", "\ufeff"],
  ["^a$", "a\n"],
  ["a$", "a\n\n"],
  ["[\\d]+", "٣"],
  ["(?i)ǅ", "ǆ"],
  ["x{2,}", "xxx"],
  ["x{,}", ""],
  ["{", "{"],
  ["a{1", "a{1"],
  ["[^\\W\\d]", "_"],
  ["(?x) a b # c", "ab"],
  ["(?m)^b", "a\nb"],
  ["\\x41", "A"],
  ["[\\x41-\\x43]+$", "ABC"],
  ["\\0", "\u0000"],
  ["(a)(b)\\2", "abb"],
  ["(?s).", "\n"],
  [".", "\n"],
  ["[.]", "x"],
  ["a|b", "b"],
  ["[a\\-z]", "-"],
  ["[a\\-z]", "b"],
  ["[\\]]", "]"],
  ["\\$", "$"],
  ["^$", ""],
  ["\\D", "٣"],
  ["\\W", "é"],
  ["\\B", "ab"],
  ["[-a]", "-"],
  ["[a-]", "-"],
  ["[\\w-]", "-"],
  ["[%--]", ","],
  ["[^]]", "a"],
  ["\\u00e9", "é"],
  ["\\U0001F600", "😀"],
  ["[😀-😂]", "😁"],
  ["(?P<x>a)(?P=x)", "aa"],
  ["\\101", "A"],
  ["[\\101]", "A"],
  ["(?i)[a-z]+", "ÀB"],
  ["\\w", "\u0300"],
  ["\\d", "²"],
  ["\\w", "²"],
  ["(?i)^error: .*timeout$", "ERROR: Callback TIMEOUT\n"],
];

const LOADS = [
  "1.0",
  "1",
  "1e5",
  "-0.0",
  '[1, 2.5, "x"]',
  '{"a": {"b": null}}',
  "true",
  "NaN",
  "1E400",
  '"\\ud83d\\ude00"',
];

const PYTHON = `
import json, re, sys, warnings
warnings.simplefilter("ignore")
data = json.load(sys.stdin)
def search(p, s):
    try:
        return bool(re.search(p, s))
    except re.error:
        return "error"
print(json.dumps({
    "floats": [repr(float(f)) for f in data["floats"]],
    "floatDumps": [json.dumps([float(f), {"k": float(f)}]) for f in data["floats"][:200]],
    "dumps": [json.dumps(s) for s in data["strings"]],
    "repr": [repr(s) for s in data["strings"]],
    "re": [search(p, s) for p, s in data["regexes"]],
    "loads": [repr(json.loads(t)) for t in data["loads"]],
}))
`;

describe.skipIf(!hasPython)("ported semantics vs CPython", () => {
  const fs = floats();
  const input = JSON.stringify({
    // Strings, so Python reads every value as a float (JSON would turn 2650000.0 into an int).
    floats: fs.map((f) => String(f)),
    strings: STRINGS,
    regexes: REGEXES,
    loads: LOADS,
  });
  const python = JSON.parse(execFileSync("python3", ["-c", PYTHON], { input }).toString()) as Record<
    string,
    unknown[]
  >;

  it("repr(float) and json.dumps of floats", () => {
    expect(fs.map(floatRepr)).toEqual(python["floats"]);
    expect(fs.slice(0, 200).map((f) => pyJsonDumps([new PyFloat(f), { k: new PyFloat(f) }]))).toEqual(
      python["floatDumps"],
    );
  });

  it("json.dumps and repr of strings", () => {
    expect(STRINGS.map((s) => pyJsonDumps(s))).toEqual(python["dumps"]);
    expect(STRINGS.map((s) => pyRepr(s))).toEqual(python["repr"]);
  });

  it("re.search", () => {
    const ours = REGEXES.map(([p, s]) => {
      try {
        return pySearch(p, s);
      } catch (e) {
        if (e instanceof PyRegexError) return "error";
        throw e;
      }
    });
    expect(ours).toEqual(python["re"]);
  });

  it("json.loads", () => {
    expect(LOADS.map((t) => pyRepr(pyJsonLoads(t)))).toEqual(python["loads"]);
  });
});
