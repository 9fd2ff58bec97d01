import { describe, expect, it } from "vitest";
import { CapturedLogs } from "../../src/engine/captured-logs.js";
import type { InvocationLogLine } from "../../src/invoker/invoker.js";

const line = (n: number): InvocationLogLine => ({ stream: "stdout", line: `line ${n}`, timeMs: n });

describe("CapturedLogs", () => {
  it("keeps the most recent lines of an execution, in order", () => {
    const logs = new CapturedLogs({ linesPerExecution: 3 });
    for (let i = 1; i <= 10; i++) {
      logs.append("a", line(i));
      expect(logs.lines("a").length).toBe(Math.min(i, 3));
    }
    expect(logs.lines("a").map((l) => l.line)).toEqual(["line 8", "line 9", "line 10"]);
    expect(logs.lines("unknown")).toEqual([]);
  });

  it("forgets the execution written to least recently once too many are kept", () => {
    const logs = new CapturedLogs({ executions: 2 });
    logs.append("a", line(1));
    logs.append("b", line(2));
    logs.append("a", line(3)); // a is now the most recent
    logs.append("c", line(4));
    expect(logs.lines("b")).toEqual([]);
    expect(logs.lines("a").map((l) => l.line)).toEqual(["line 1", "line 3"]);
    expect(logs.lines("c").map((l) => l.line)).toEqual(["line 4"]);
  });

  it("returns a copy", () => {
    const logs = new CapturedLogs();
    logs.append("a", line(1));
    logs.lines("a").pop();
    expect(logs.lines("a")).toHaveLength(1);
  });
});
