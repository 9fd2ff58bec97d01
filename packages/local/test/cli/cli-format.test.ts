import type { Event as HistoryEvent } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { formatDuration, formatTime, summariseEventDetails } from "../../src/cli/format.js";
import { isQualified } from "../../src/cli/function-name.js";
import { renderTable, truncate } from "../../src/cli/table.js";

describe("CLI formatting", () => {
  it("renders aligned tables without trailing spaces", () => {
    expect(
      renderTable(
        ["ID", "STATUS", "NOTE"],
        [
          ["1", "RUNNING", ""],
          ["12", "OK", "x"],
        ],
      ),
    ).toBe("ID  STATUS   NOTE\n1   RUNNING\n12  OK       x\n");
  });

  it("truncates with an ellipsis", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
  });

  it("formats times and durations", () => {
    expect(formatTime(new Date(Date.UTC(2026, 10, 28, 1, 2, 3, 45)))).toBe("2026-11-28 01:02:03.045");
    expect(formatTime(undefined)).toBe("");
    expect(formatDuration(850)).toBe("850ms");
    expect(formatDuration(12_340)).toBe("12.3s");
    expect(formatDuration(245_000)).toBe("4m 05s");
    expect(formatDuration(7_380_000)).toBe("2h 03m");
    expect(formatDuration(100 * 3_600_000)).toBe("4d 04h");
  });

  it("summarises event details", () => {
    const step = {
      EventType: "StepFailed",
      StepFailedDetails: {
        Error: { Payload: { ErrorType: "TypeError", ErrorMessage: "boom" }, Truncated: false },
        RetryDetails: { CurrentAttempt: 2, NextAttemptDelaySeconds: 5 },
      },
    } as unknown as HistoryEvent;
    expect(summariseEventDetails(step)).toBe("error=TypeError: boom attempt=2 retry in 5s");
    const wait = {
      EventType: "WaitStarted",
      WaitStartedDetails: { Duration: 5, ScheduledEndTimestamp: new Date(Date.UTC(2026, 0, 1)) },
    } as unknown as HistoryEvent;
    expect(summariseEventDetails(wait)).toBe("wait=5s until 2026-01-01 00:00:00.000");
    const callback = {
      EventType: "CallbackSucceeded",
      CallbackSucceededDetails: { Result: { Payload: "x".repeat(100) } },
    } as unknown as HistoryEvent;
    expect(summariseEventDetails(callback, 10)).toBe(`result=${"x".repeat(9)}…`);
    expect(summariseEventDetails({ EventType: "ContextStarted" } as HistoryEvent)).toBe("");
  });

  it("knows qualified function identifiers", () => {
    expect(isQualified("orders")).toBe(false);
    expect(isQualified("orders:7")).toBe(true);
    expect(isQualified("123456789012:function:orders")).toBe(false);
    expect(isQualified("123456789012:function:orders:$LATEST")).toBe(true);
    expect(isQualified("arn:aws:lambda:us-east-1:123456789012:function:orders")).toBe(false);
    expect(isQualified("arn:aws:lambda:us-east-1:123456789012:function:orders:live")).toBe(true);
  });
});

describe("history nesting", () => {
  it("indents by the depth of each operation's parent chain", async () => {
    const { nestingDepths } = await import("../../src/cli/commands/history.js");
    const events = [
      { EventType: "ContextStarted", Id: "map" },
      { EventType: "ContextStarted", Id: "item", ParentId: "map" },
      { EventType: "StepStarted", Id: "step", ParentId: "item" },
    ] as HistoryEvent[];
    const depthOf = nestingDepths(events);
    expect(events.map((e) => depthOf(e.ParentId))).toEqual([0, 1, 2]);
    // A cycle in bad data cannot hang it.
    const cyclic = nestingDepths([
      { Id: "a", ParentId: "b" },
      { Id: "b", ParentId: "a" },
    ] as HistoryEvent[]);
    expect(cyclic("a")).toBeGreaterThan(0);
  });
});
