import { describe, expect, it } from "vitest";
import { matchHistory, matchValue } from "../runner/history-match.js";
import { explainMismatch } from "../runner/mismatch-diff.js";
import { PlaceholderContext } from "../runner/placeholders.js";
import { PyFloat, type PyMapping } from "../runner/py-value.js";

const event = (id: number, fields: PyMapping = {}): PyMapping => ({
  EventId: id,
  EventTimestamp: "t",
  ...fields,
});

describe("placeholders", () => {
  it("binds an unbound placeholder and reuses it", () => {
    const ctx = new PlaceholderContext();
    const expected = [
      { EventId: 2, Id: "${ID1}" },
      { EventId: 3, Id: "${ID1}" },
    ];
    expect(matchHistory(expected, [event(2, { Id: "abc" }), event(3, { Id: "abc" })], ctx)).toEqual([]);
    expect(ctx.get("ID1")).toBe("abc");
    const mismatches = matchHistory(expected, [event(2, { Id: "abc" }), event(3, { Id: "xyz" })], ctx);
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]?.message).toBe(
      "Event[EventId=3].Id: placeholder ${ID1} was previously bound to 'abc', but got 'xyz'",
    );
  });

  it("binds any JSON type and compares with Python equality", () => {
    const ctx = new PlaceholderContext();
    expect(matchValue({ a: "${X}" }, { a: { n: 1 } }, ctx, "v")).toEqual([]);
    expect(matchValue("${X}", { n: new PyFloat(1) }, ctx, "v")).toEqual([]);
    expect(matchValue("${X}", { n: 2 }, ctx, "v")).toHaveLength(1);
  });

  it("keeps bindings made before a failed match", () => {
    const ctx = new PlaceholderContext();
    matchValue({ Id: "${ID1}", Name: "wrong" }, { Id: "abc", Name: "right" }, ctx, "v");
    expect(ctx.get("ID1")).toBe("abc");
  });

  it("substitutes bound names in literals and leaves unbound ones as written", () => {
    const ctx = new PlaceholderContext();
    ctx.bind("INPUT_1", "abc");
    ctx.bind("N", new PyFloat(2));
    expect(ctx.substitute({ k: ['"${INPUT_1}"', "${N}-${MISSING}"], "${INPUT_1}": 1 })).toEqual({
      k: ['"abc"', "2.0-${MISSING}"],
      "${INPUT_1}": 1,
    });
    expect(matchValue({ Payload: '"${INPUT_1}"' }, { Payload: '"abc"' }, ctx, "v")).toEqual([]);
    expect(matchValue("Hello, ${UNBOUND}!", "Hello, ${UNBOUND}!", ctx, "v")).toEqual([]);
  });

  it("binds Variables: GEN_STR draws random text, other values bind as Python str()", () => {
    const ctx = new PlaceholderContext();
    ctx.bindVariables({ A: "${GEN_STR:10}", B: "plain", C: true, D: new PyFloat(1.5), E: null });
    expect(ctx.get("A")).toMatch(/^[a-z0-9]{10}$/);
    expect(ctx.get("B")).toBe("plain");
    expect(ctx.get("C")).toBe("True");
    expect(ctx.get("D")).toBe("1.5");
    expect(ctx.get("E")).toBe("None");
  });

  it("keeps upstream's greedy placeholder pattern", () => {
    const ctx = new PlaceholderContext();
    expect(matchValue("${A}-${B}", "x-y", ctx, "v")).toEqual([]);
    expect(ctx.get("A}-${B")).toBe("x-y");
    expect(ctx.has("A")).toBe(false);
  });
});

describe("matching rules", () => {
  const ctx = () => new PlaceholderContext();

  it("accepts anything for '*' and {} but the key must exist", () => {
    expect(matchValue({ a: "*", b: {} }, { a: null, b: [1, 2] }, ctx(), "v")).toEqual([]);
    const missing = matchValue({ a: "*", b: {} }, {}, ctx(), "v").map((m) => m.message);
    expect(missing).toEqual(["v.a: key missing in actual event", "v.b: key missing in actual event"]);
  });

  it("ignores extra actual keys", () => {
    expect(matchValue({ a: 1 }, { a: 1, z: 2 }, ctx(), "v")).toEqual([]);
  });

  it("matches ${/re/} against Python str() of the actual value", () => {
    expect(matchValue("${/.*TransientError$/}", "MyTransientError", ctx(), "v")).toEqual([]);
    expect(matchValue("${/^None$/}", null, ctx(), "v")).toEqual([]);
    expect(matchValue("${/^True$/}", true, ctx(), "v")).toEqual([]);
    expect(matchValue("${/^2\\.0$/}", new PyFloat(2), ctx(), "v")).toEqual([]);
    expect(matchValue("${/^\\{'a': 1\\}$/}", { a: 1 }, ctx(), "v")).toEqual([]);
    expect(matchValue("${/(?i)^error/}", "ERROR: x", ctx(), "v")).toEqual([]);
    expect(matchValue("${/^x$/}", "y", ctx(), "v")[0]?.message).toBe(
      "v: value 'y' does not match regex pattern '^x$'",
    );
  });

  it("requires lists of the same length, compared in order", () => {
    expect(matchValue([1, "*"], [1, 9], ctx(), "v")).toEqual([]);
    expect(matchValue([1], [1, 2], ctx(), "v")[0]?.message).toBe(
      "v: list length mismatch (expected 1, got 2)",
    );
    expect(matchValue([1, 2], [2, 1], ctx(), "v")).toHaveLength(2);
  });

  it("compares literals with Python ==", () => {
    expect(matchValue({ n: 1 }, { n: new PyFloat(1) }, ctx(), "v")).toEqual([]);
    expect(matchValue({ n: true }, { n: 1 }, ctx(), "v")).toEqual([]);
    expect(matchValue({ n: "1" }, { n: 1 }, ctx(), "v")[0]?.message).toBe("v.n: expected '1', got 1");
    expect(matchValue({ m: { b: 1, a: 2 } }, { m: { a: 2, b: 1 } }, ctx(), "v")).toEqual([]);
  });
});

describe("history by EventId", () => {
  it("reports a missing EventId and an absent event", () => {
    const ctx = new PlaceholderContext();
    const m = matchHistory([{ EventType: "X" }, { EventId: 9 }], [event(2)], ctx).map((x) => x.message);
    expect(m).toEqual([
      "Expected event missing EventId: {'EventType': 'X'}",
      "No actual event found for EventId=9",
    ]);
  });

  it("lets a later duplicate EventId win", () => {
    const ctx = new PlaceholderContext();
    const actual = [event(2, { EventType: "StepStarted" }), event(2, { EventType: "StepSucceeded" })];
    expect(matchHistory([{ EventId: 2, EventType: "StepSucceeded" }], actual, ctx)).toEqual([]);
    expect(matchHistory([{ EventId: 2, EventType: "StepStarted" }], actual, ctx)).toHaveLength(1);
  });

  it("ignores unlisted events and looks ids up across int and float", () => {
    const ctx = new PlaceholderContext();
    const actual = [event(2), event(3, { EventType: "B" }), event(4)];
    expect(matchHistory([{ EventId: new PyFloat(3), EventType: "B" }], actual, ctx)).toEqual([]);
  });
});

describe("expected-vs-actual diff", () => {
  it("marks only the real differences", () => {
    const ctx = new PlaceholderContext();
    const expected = {
      EventType: "StepSucceeded",
      EventId: 3,
      Id: "${ID1}",
      EventTimestamp: "*",
      StepSucceededDetails: {},
    };
    const actual = {
      EventType: "StepFailed",
      EventId: 3,
      Id: "abc",
      EventTimestamp: "2026-01-01",
      StepFailedDetails: { Error: { Payload: { ErrorType: "Boom" } } },
    };
    matchValue(expected, actual, ctx, "e");
    const diff = explainMismatch(expected, actual, ctx);
    expect(diff).toContain("- EventType: StepSucceeded");
    expect(diff).toContain("+ EventType: StepFailed");
    expect(diff).toContain("  Id: abc");
    expect(diff).toContain("  EventTimestamp: 2026-01-01");
    expect(diff).toContain("- StepSucceededDetails: {}");
    expect(diff).toContain("+ StepFailedDetails:");
    expect(diff.filter((l) => l.startsWith("-"))).toHaveLength(2);
  });
});
