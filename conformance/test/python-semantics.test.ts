import { describe, expect, it } from "vitest";
import { pyEquals } from "../runner/py-equal.js";
import { pyJsonDumps, pyJsonLoads, PyJsonDecodeError } from "../runner/py-json.js";
import { floatRepr, pyRepr, pyStr } from "../runner/py-str.js";
import { PyFloat } from "../runner/py-value.js";
import { parsePyyaml } from "../runner/requirement.js";

describe("Python str()", () => {
  it("prints scalars as CPython does", () => {
    expect(pyStr(null)).toBe("None");
    expect(pyStr(true)).toBe("True");
    expect(pyStr(false)).toBe("False");
    expect(pyStr(2)).toBe("2");
    expect(pyStr(new PyFloat(2))).toBe("2.0");
    expect(pyStr(1.5)).toBe("1.5");
    expect(pyStr("text")).toBe("text");
  });

  it("prints containers with repr() of their items", () => {
    expect(pyStr({ a: 1 })).toBe("{'a': 1}");
    expect(pyStr({ a: [1, new PyFloat(2), null, "x", true] })).toBe("{'a': [1, 2.0, None, 'x', True]}");
    expect(pyStr([])).toBe("[]");
    expect(pyStr({})).toBe("{}");
  });

  it("quotes strings like repr()", () => {
    expect(pyRepr("it's")).toBe(`"it's"`);
    expect(pyRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pyRepr("a\nb\t\\")).toBe("'a\\nb\\t\\\\'");
    expect(pyRepr("\u0001é\u200b😀")).toBe("'\\x01é\\u200b😀'");
  });

  it("formats floats with repr() thresholds", () => {
    expect(floatRepr(1)).toBe("1.0");
    expect(floatRepr(1e16)).toBe("1e+16");
    expect(floatRepr(1.5e16)).toBe("1.5e+16");
    expect(floatRepr(1e15)).toBe("1000000000000000.0");
    expect(floatRepr(0.0001)).toBe("0.0001");
    expect(floatRepr(0.00001)).toBe("1e-05");
    expect(floatRepr(1.2345e-7)).toBe("1.2345e-07");
    expect(floatRepr(0.1)).toBe("0.1");
    expect(floatRepr(-0)).toBe("-0.0");
    expect(floatRepr(1e100)).toBe("1e+100");
    expect(floatRepr(123.456)).toBe("123.456");
    expect(floatRepr(Infinity)).toBe("inf");
    expect(floatRepr(NaN)).toBe("nan");
  });

  it("prints huge ints without an exponent", () => {
    expect(pyStr(1e21)).toBe("1000000000000000000000");
  });
});

describe("Python json.dumps", () => {
  it("uses the default separators", () => {
    expect(pyJsonDumps({ status: "approved" })).toBe('{"status": "approved"}');
    expect(pyJsonDumps({ a: [1, 2], b: { c: null } })).toBe('{"a": [1, 2], "b": {"c": null}}');
    expect(pyJsonDumps([])).toBe("[]");
    expect(pyJsonDumps({})).toBe("{}");
  });

  it("keeps floats as Python prints them", () => {
    expect(pyJsonDumps(new PyFloat(1))).toBe("1.0");
    expect(pyJsonDumps(new PyFloat(1e16))).toBe("1e+16");
    expect(pyJsonDumps(2.5)).toBe("2.5");
    expect(pyJsonDumps(new PyFloat(NaN))).toBe("NaN");
    expect(pyJsonDumps(new PyFloat(-Infinity))).toBe("-Infinity");
    expect(pyJsonDumps(true)).toBe("true");
  });

  it("escapes to ASCII like ensure_ascii=True", () => {
    expect(pyJsonDumps("héllo")).toBe('"h\\u00e9llo"');
    expect(pyJsonDumps("😀")).toBe('"\\ud83d\\ude00"');
    expect(pyJsonDumps('q"\\\n\r\t\b\f')).toBe('"q\\"\\\\\\n\\r\\t\\b\\f"');
    expect(pyJsonDumps("\u0001\u007f")).toBe('"\\u0001\\u007f"');
    expect(pyJsonDumps("/<>&'")).toBe(`"/<>&'"`);
    expect(pyJsonDumps({ ké: "v" })).toBe('{"k\\u00e9": "v"}');
  });
});

describe("Python json.loads", () => {
  it("keeps floats apart from ints", () => {
    expect(pyJsonLoads("[1, 1.0, 1e2, -0.5]")).toEqual([
      1,
      new PyFloat(1),
      new PyFloat(100),
      new PyFloat(-0.5),
    ]);
    expect(pyStr(pyJsonLoads('{"a": 2.0}'))).toBe("{'a': 2.0}");
  });

  it("accepts what Python accepts and rejects the rest", () => {
    expect(pyJsonLoads(' "x\\u00e9" ')).toBe("xé");
    expect(pyJsonLoads("NaN")).toBeInstanceOf(PyFloat);
    expect(pyJsonLoads('{"a": 1, "a": 2}')).toEqual({ a: 2 });
    expect(() => pyJsonLoads("Hello, World!")).toThrow(PyJsonDecodeError);
    expect(() => pyJsonLoads("[1,]")).toThrow(PyJsonDecodeError);
    expect(() => pyJsonLoads("1 2")).toThrow(/Extra data/);
  });
});

describe("Python ==", () => {
  it("compares numbers across int, float and bool", () => {
    expect(pyEquals(1, new PyFloat(1))).toBe(true);
    expect(pyEquals(true, 1)).toBe(true);
    expect(pyEquals(new PyFloat(1), true)).toBe(true);
    expect(pyEquals(false, 0)).toBe(true);
    expect(pyEquals(2, true)).toBe(false);
    expect(pyEquals("1", 1)).toBe(false);
    expect(pyEquals(null, 0)).toBe(false);
    expect(pyEquals(null, null)).toBe(true);
  });

  it("compares mappings order-insensitively and lists in order", () => {
    expect(pyEquals({ a: 1, b: [1, 2] }, { b: [1, new PyFloat(2)], a: true })).toBe(true);
    expect(pyEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(pyEquals([1, 2], [2, 1])).toBe(false);
    expect(pyEquals([], {})).toBe(false);
  });
});

describe("YAML as PyYAML reads it", () => {
  it("resolves YAML 1.1 scalars like PyYAML", () => {
    const doc = parsePyyaml(
      "a: 1.0\nb: y\nc: 1e3\nd: 1.0e+3\ne: on\nf: 010\ng: {}\nh:\ni: '*'\nj: ~\nk: 'true'\nl: No\n",
    );
    expect(doc).toEqual({
      a: new PyFloat(1),
      b: "y",
      c: "1e3",
      d: new PyFloat(1000),
      e: true,
      f: 8,
      g: {},
      h: null,
      i: "*",
      j: null,
      k: "true",
      l: false,
    });
  });

  it("lets a duplicate key win like PyYAML", () => {
    expect(parsePyyaml("a: 1\na: 2\n")).toEqual({ a: 2 });
  });
});
