import { describe, expect, it } from "vitest";
import { logFieldMatches, matchLogs, pyStrip } from "../runner/log-match.js";
import { executionLogRecords, type CapturedLine } from "../runner/log-records.js";
import { PlaceholderContext } from "../runner/placeholders.js";
import { PyFloat } from "../runner/py-value.js";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/a/b";
const line = (timeMs: number, record: object | string): CapturedLine => ({
  timeMs,
  stream: "stdout",
  line: typeof record === "string" ? record : JSON.stringify(record),
});

describe("log records", () => {
  it("keeps top-level JSON objects of this execution, ordered by capture time then emission", () => {
    const records = executionLogRecords(
      [
        line(5, { durableExecutionArn: ARN, n: 2 }),
        line(3, { executionArn: ARN, n: 1 }),
        line(5, { executionArn: ARN, n: 3 }),
        line(1, { executionArn: "other", n: 0 }),
        line(1, "2026-01-01T00:00:00Z INFO plain text"),
        line(1, `[${JSON.stringify({ executionArn: ARN })}]`),
        line(2, "{not json"),
      ],
      ARN,
    );
    expect(records.map((r) => r.fields["n"])).toEqual([1, 2, 3]);
  });
});

describe("log field matching", () => {
  it("compares strings after strip(), and /re/ with re.search on str(actual)", () => {
    expect(logFieldMatches("hello", "  hello\n")).toBe(true);
    expect(logFieldMatches("/^\\d{4}-/", "2026-01-01T00:00:00Z")).toBe(true);
    expect(logFieldMatches("/(?i)context/", "Child Context")).toBe(true);
    expect(logFieldMatches("/^[1-9]\\d*$/", 12)).toBe(true);
    expect(logFieldMatches("12", 12)).toBe(true);
    expect(logFieldMatches("None", null)).toBe(true);
  });

  it("needs identity for booleans", () => {
    expect(logFieldMatches(true, true)).toBe(true);
    expect(logFieldMatches(true, "true")).toBe(false);
    expect(logFieldMatches(true, 1)).toBe(false);
    expect(logFieldMatches(false, false)).toBe(true);
  });

  it("compares numbers as floats, anything else by str()", () => {
    expect(logFieldMatches(2, new PyFloat(2))).toBe(true);
    expect(logFieldMatches(2, 3)).toBe(false);
    expect(logFieldMatches(null, null)).toBe(true);
    expect(logFieldMatches({ a: 1 }, { a: 1 })).toBe(true);
  });

  it("strips exactly Python's whitespace", () => {
    expect(pyStrip("\u0085 x \u3000")).toBe("x");
    expect(pyStrip("\ufeffx")).toBe("\ufeffx");
  });
});

describe("ExpectedLogs", () => {
  const records = executionLogRecords(
    [
      line(10, { durableExecutionArn: ARN, plugin: "P", hook: "invocation-start", first: true }),
      line(20, { executionArn: ARN, message: "Greeting step running for: abc" }),
      line(20, { durableExecutionArn: ARN, plugin: "P", hook: "op", op: "id-1" }),
      line(30, { durableExecutionArn: ARN, plugin: "P", hook: "invocation-end", status: "SUCCEEDED" }),
    ],
    ARN,
  );

  it("substitutes placeholders bound earlier (e.g. by the history) before matching", () => {
    const ctx = new PlaceholderContext();
    ctx.bind("INPUT_1", "abc");
    ctx.bind("STEP1", "id-1");
    const errors = matchLogs(
      [
        { match: { message: "/Greeting step running for: ${INPUT_1}/" }, count: 1 },
        { match: { hook: "op", op: "${STEP1}" }, count: 1 },
      ],
      records,
      ctx,
    );
    expect(errors).toEqual([]);
  });

  it("checks count, min_count, max_count and the default of at least one", () => {
    const ctx = new PlaceholderContext();
    expect(matchLogs([{ match: { plugin: "P" }, count: 3 }], records, ctx)).toEqual([]);
    expect(matchLogs([{ match: { plugin: "P" }, min_count: 2, max_count: 3 }], records, ctx)).toEqual([]);
    expect(matchLogs([{ match: { plugin: "P", first: false }, count: 0 }], records, ctx)).toEqual([]);
    expect(matchLogs([{ match: { plugin: "nope" }, max_count: 1 }], records, ctx)).toEqual([]);
    expect(matchLogs([{ match: { plugin: "nope" } }], records, ctx)[0]).toMatch(
      /expected at least 1 match\(es\), got 0/,
    );
    expect(matchLogs([{ match: { plugin: "P" }, count: 2 }], records, ctx)[0]).toMatch(/expected exactly 2/);
    expect(matchLogs([{ match: { plugin: "P" }, max_count: 2 }], records, ctx)[0]).toMatch(/at most 2/);
  });

  it("requires every match field to exist in the record", () => {
    const ctx = new PlaceholderContext();
    expect(matchLogs([{ match: { plugin: "P", missing: "*" }, count: 0 }], records, ctx)).toEqual([]);
  });

  it("checks after/before ordering, with equal capture times counting as concurrent", () => {
    const ctx = new PlaceholderContext();
    const start = { hook: "invocation-start" };
    const end = { hook: "invocation-end" };
    const step = { message: "/Greeting/" };
    expect(matchLogs([{ match: step, after: start, before: [end] }], records, ctx)).toEqual([]);
    expect(matchLogs([{ match: end, after: [start, step] }], records, ctx)).toEqual([]);
    // Same capture time (20 ms): satisfies both directions.
    expect(matchLogs([{ match: { hook: "op" }, after: step, before: step }], records, ctx)).toEqual([]);
    expect(matchLogs([{ match: start, after: end }], records, ctx)[0]).toMatch(/earlier than anchor/);
    expect(matchLogs([{ match: end, before: start }], records, ctx)[0]).toMatch(/later than anchor/);
  });

  it("fails an anchor that matches nothing, but not an ordering without own matches", () => {
    const ctx = new PlaceholderContext();
    expect(
      matchLogs([{ match: { hook: "x" }, count: 0, after: { hook: "invocation-start" } }], records, ctx),
    ).toEqual([]);
    expect(matchLogs([{ match: { hook: "op" }, after: { hook: "ghost" } }], records, ctx)[0]).toMatch(
      /matched no log record/,
    );
  });

  it("rejects a missing or empty match mapping", () => {
    const ctx = new PlaceholderContext();
    expect(matchLogs([{ count: 1 }], records, ctx)[0]).toMatch(/match must be a non-empty mapping/);
    expect(matchLogs([{ match: {} }], records, ctx)[0]).toMatch(/match must be a non-empty mapping/);
  });
});
