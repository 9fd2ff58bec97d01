import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The model is browser JavaScript served as a static asset; load it the way the page does, as a module.
const modelUrl = new URL("../../src/ui/assets/timeline.js", import.meta.url).href;

interface TimelineOperation {
  id: string;
  parentId?: string;
  name?: string;
  kind: string;
  subType?: string;
  status: string;
  startMs: number;
  endMs?: number;
  barEndMs: number;
  running: boolean;
  depth: number;
  attempts: number;
  scheduledEndMs?: number;
  events: unknown[];
}
interface TimelineModel {
  buildTimeline(
    events: object[],
    nowMs: number,
  ): {
    execution?: TimelineOperation;
    operations: TimelineOperation[];
    invocations: Array<{ startMs: number; endMs: number; requestId?: string; error?: string }>;
    startMs: number;
    endMs: number;
  };
  toMillis(value: unknown): number | undefined;
}

const load = async (): Promise<TimelineModel> => (await import(/* @vite-ignore */ modelUrl)) as TimelineModel;

const T0 = 1_800_000_000; // epoch seconds
const ev = (EventId: number, EventType: string, at: number, extra: object = {}) => ({
  EventId,
  EventType,
  EventTimestamp: T0 + at,
  [`${EventType}Details`]: {},
  ...extra,
});

describe("timeline model (ui/assets/timeline.js)", () => {
  it("exists where the UI serves it from", () => {
    expect(fileURLToPath(modelUrl)).toMatch(/src[\\/]ui[\\/]assets[\\/]timeline\.js$/);
  });

  it("builds operations with status, nesting, retries and invocations", async () => {
    const { buildTimeline } = await load();
    const events = [
      ev(1, "ExecutionStarted", 0, { Id: "exec" }),
      ev(2, "StepStarted", 0.1, { Id: "s1", Name: "charge", SubType: "Step" }),
      ev(3, "StepFailed", 0.2, {
        Id: "s1",
        Name: "charge",
        SubType: "Step",
        StepFailedDetails: { RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 1 } },
      }),
      ev(4, "InvocationCompleted", 0.3, {
        InvocationCompletedDetails: { StartTimestamp: T0, EndTimestamp: T0 + 0.3, RequestId: "r1" },
      }),
      ev(5, "StepStarted", 1.3, { Id: "s1", Name: "charge", SubType: "Step" }),
      ev(6, "StepSucceeded", 1.4, { Id: "s1", Name: "charge", SubType: "Step" }),
      ev(7, "ContextStarted", 1.5, { Id: "c1", Name: "shipping", SubType: "RunInChildContext" }),
      ev(8, "StepStarted", 1.6, { Id: "c1-s", Name: "label", SubType: "Step", ParentId: "c1" }),
      ev(9, "StepSucceeded", 1.7, { Id: "c1-s", Name: "label", SubType: "Step", ParentId: "c1" }),
      ev(10, "WaitStarted", 1.8, {
        Id: "w1",
        SubType: "Wait",
        WaitStartedDetails: { Duration: 60, ScheduledEndTimestamp: T0 + 61.8 },
      }),
      ev(11, "InvocationCompleted", 1.9, {
        InvocationCompletedDetails: {
          StartTimestamp: T0 + 1.3,
          EndTimestamp: T0 + 1.9,
          RequestId: "r2",
          Error: { Payload: { ErrorType: "Runtime.ExitError", ErrorMessage: "exit status 1" } },
        },
      }),
    ];
    const now = (T0 + 10) * 1000;
    const model = buildTimeline(events, now);
    expect(model.execution?.status).toBe("STARTED");
    expect(model.execution?.running).toBe(true);
    expect(model.startMs).toBe(T0 * 1000);
    expect(model.endMs).toBe(now);
    expect(model.operations.map((op) => [op.id, op.depth, op.status])).toEqual([
      ["s1", 0, "SUCCEEDED"],
      ["c1", 0, "STARTED"],
      ["c1-s", 1, "SUCCEEDED"],
      ["w1", 0, "STARTED"],
    ]);
    const [charge, shipping, label, wait] = model.operations;
    expect(charge?.attempts).toBe(2);
    expect(charge?.startMs).toBe((T0 + 0.1) * 1000);
    expect(charge?.endMs).toBe((T0 + 1.4) * 1000);
    expect(charge?.events).toHaveLength(4);
    expect(shipping?.running).toBe(true);
    expect(shipping?.barEndMs).toBe(now);
    expect(label?.parentId).toBe("c1");
    expect(wait?.scheduledEndMs).toBe((T0 + 61.8) * 1000);
    expect(model.invocations).toEqual([
      expect.objectContaining({ requestId: "r1", startMs: T0 * 1000, error: undefined }),
      expect.objectContaining({ requestId: "r2", error: "Runtime.ExitError: exit status 1" }),
    ]);
  });

  it("marks a step waiting for its retry as PENDING and terminal events as such", async () => {
    const { buildTimeline } = await load();
    const model = buildTimeline(
      [
        ev(1, "ExecutionStarted", 0, { Id: "e" }),
        ev(2, "StepStarted", 1, { Id: "s" }),
        ev(3, "StepFailed", 2, {
          Id: "s",
          StepFailedDetails: { RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 } },
        }),
        ev(4, "CallbackStarted", 3, { Id: "cb" }),
        ev(5, "CallbackTimedOut", 4, { Id: "cb" }),
        ev(6, "ExecutionFailed", 5, { Id: "e" }),
      ],
      0,
    );
    expect(model.operations.map((op) => op.status)).toEqual(["PENDING", "TIMED_OUT"]);
    expect(model.execution?.status).toBe("FAILED");
    expect(model.execution?.running).toBe(false);
    // A closed execution's timeline ends at its last event, not at "now".
    expect(model.endMs).toBe((T0 + 5) * 1000);
    expect(model.operations[0]?.barEndMs).toBe((T0 + 5) * 1000);
  });

  it("reads epoch seconds, ISO strings and Dates", async () => {
    const { toMillis } = await load();
    expect(toMillis(1.5)).toBe(1500);
    expect(toMillis("1970-01-01T00:00:02.000Z")).toBe(2000);
    expect(toMillis(new Date(3000))).toBe(3000);
    expect(toMillis(undefined)).toBeUndefined();
    expect(toMillis("not a date")).toBeUndefined();
  });
});
