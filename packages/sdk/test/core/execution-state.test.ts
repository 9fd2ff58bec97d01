import { describe, expect, it } from "vitest";
import { ExecutionState } from "../../src/replay/execution-state.js";
import { normalizeOperation } from "../../src/replay/normalize.js";
import type { WireOperation } from "../../src/types/wire.js";

const ISO = "2026-01-01T00:00:00.000Z";
const EPOCH = Date.parse(ISO) / 1000;

describe("execution state: records normalised on first read", () => {
  it.each([
    ["an ISO string", ISO],
    ["epoch seconds", EPOCH],
    ["numeric epoch seconds in a string", String(EPOCH)],
    ["a Date", new Date(ISO)],
  ])("reads timestamps given as %s as Dates", (_what, at) => {
    const state = new ExecutionState([
      {
        Id: "a",
        Type: "STEP",
        Status: "PENDING",
        StartTimestamp: at as string,
        EndTimestamp: at as string,
        StepDetails: { Attempt: 1, NextAttemptTimestamp: at as string },
      },
      {
        Id: "w",
        Type: "WAIT",
        Status: "STARTED",
        StartTimestamp: at as string,
        WaitDetails: { ScheduledEndTimestamp: at as string },
      },
    ]);
    const step = state.get("a");
    expect(step?.StartTimestamp).toEqual(new Date(ISO));
    expect(step?.EndTimestamp).toEqual(new Date(ISO));
    expect(step?.StepDetails).toEqual({ Attempt: 1, NextAttemptTimestamp: new Date(ISO) });
    expect(state.get("w")?.WaitDetails?.ScheduledEndTimestamp).toEqual(new Date(ISO));
  });

  it("reads missing or unparseable timestamps as undefined", () => {
    const op = normalizeOperation({
      Id: "a",
      Type: "STEP",
      Status: "STARTED",
      StartTimestamp: "not a date",
      StepDetails: { NextAttemptTimestamp: "" },
      WaitDetails: { ScheduledEndTimestamp: new Date(Number.NaN) },
    });
    expect(op.StartTimestamp).toBeUndefined();
    expect(op.EndTimestamp).toBeUndefined();
    expect(op.StepDetails?.NextAttemptTimestamp).toBeUndefined();
    expect(op.WaitDetails?.ScheduledEndTimestamp).toBeUndefined();
  });

  it("keeps every other field and never modifies the wire record", () => {
    const fields = {
      Id: "c",
      ParentId: "p",
      Name: "n",
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      Status: "SUCCEEDED",
      ContextDetails: { Result: "1", ReplayChildren: true },
    } as const;
    const wire: WireOperation = {
      ...fields,
      StartTimestamp: ISO,
      StepDetails: { Attempt: 2, NextAttemptTimestamp: ISO },
    };
    const copy = structuredClone(wire);
    const op = new ExecutionState([wire]).get("c");
    expect(op).toMatchObject(fields);
    expect(op?.StartTimestamp).toEqual(new Date(ISO));
    expect(wire).toEqual(copy);
  });

  it("returns the same record on every read until a merge replaces it", () => {
    const state = new ExecutionState([{ Id: "a", Type: "STEP", Status: "STARTED", StartTimestamp: ISO }]);
    const first = state.get("a");
    expect(state.get("a")).toBe(first);
    expect(first?.StartTimestamp).toBe(first?.StartTimestamp);
    state.merge([{ Id: "a", Type: "STEP", Status: "STARTED", StartTimestamp: ISO, Name: "renamed" }]);
    expect(state.get("a")?.Name).toBe("renamed");
    expect(state.get("missing")).toBeUndefined();
  });

  it("its version changes with every merge that carries operations (cached lookups stay valid until then)", () => {
    const state = new ExecutionState([{ Id: "a", Type: "STEP", Status: "STARTED", StartTimestamp: ISO }]);
    const initial = state.version;
    state.merge([]);
    state.merge(undefined);
    expect(state.version).toBe(initial);
    state.merge([{ Id: "a", Type: "STEP", Status: "STARTED", StartTimestamp: ISO }]);
    expect(state.version).not.toBe(initial);
  });

  it("merge reports and wakes status changes and new CallbackIds only", () => {
    const state = new ExecutionState([
      { Id: "s", Type: "STEP", Status: "STARTED", StartTimestamp: ISO },
      { Id: "c", Type: "CALLBACK", Status: "STARTED", StartTimestamp: ISO },
    ]);
    const woken: string[] = [];
    state.onChange("s", (op) => woken.push(`s:${op.Status}`));
    state.onChange("c", (op) => woken.push(`c:${op.CallbackDetails?.CallbackId}`));
    const changed = state.merge([
      { Id: "s", Type: "STEP", Status: "STARTED", StartTimestamp: ISO },
      {
        Id: "c",
        Type: "CALLBACK",
        Status: "STARTED",
        StartTimestamp: ISO,
        CallbackDetails: { CallbackId: "cb" },
      },
      { Id: "n", Type: "STEP", Status: "SUCCEEDED", StartTimestamp: ISO },
    ]);
    expect(changed.map((op) => op.Id)).toEqual(["c", "n"]);
    expect(woken).toEqual(["c:cb"]);
    state.merge([
      { Id: "s", Type: "STEP", Status: "SUCCEEDED", StartTimestamp: ISO, EndTimestamp: EPOCH as never },
    ]);
    expect(woken).toEqual(["c:cb", "s:SUCCEEDED"]);
    expect(state.get("s")?.EndTimestamp).toEqual(new Date(ISO));
  });

  it("a client reusing and mutating the objects it returned still wakes waiters (records are snapshots)", () => {
    const wire: WireOperation = { Id: "s", Type: "STEP", Status: "STARTED", StartTimestamp: ISO };
    const state = new ExecutionState();
    state.merge([wire]);
    const woken: string[] = [];
    state.onChange("s", (op) => woken.push(op.Status as string));
    wire.Status = "SUCCEEDED";
    wire.StepDetails = { Result: "1" };
    expect(state.get("s")?.Status).toBe("STARTED");
    expect(state.merge([wire]).map((op) => op.Status)).toEqual(["SUCCEEDED"]);
    expect(woken).toEqual(["SUCCEEDED"]);
    expect(state.get("s")?.StepDetails?.Result).toBe("1");
  });

  it("all() yields every record normalised", () => {
    const state = new ExecutionState([
      { Id: "a", Type: "STEP", Status: "SUCCEEDED", StartTimestamp: ISO },
      { Id: "b", Type: "WAIT", Status: "STARTED", StartTimestamp: EPOCH as never },
    ]);
    expect([...state.all()].map((op) => [op.Id, op.StartTimestamp?.toISOString()])).toEqual([
      ["a", ISO],
      ["b", ISO],
    ]);
  });
});

describe("execution state: finding the records of newly called operations", () => {
  const execution: WireOperation = {
    Id: "exec",
    Type: "EXECUTION",
    Status: "STARTED",
    StartTimestamp: undefined,
  };
  const step = (Id: string, Status = "SUCCEEDED"): WireOperation =>
    ({ Id, Type: "STEP", Status }) as WireOperation;

  it("finds initial records; once all are found, a new operation has none (records merged since are its elders')", () => {
    const state = new ExecutionState([execution, step("a"), step("b")]);
    expect(state.find("a")?.Id).toBe("a");
    expect(state.find("x")).toBeUndefined();
    state.merge([step("c", "STARTED")]); // an operation this invocation called
    expect(state.find("b")?.Id).toBe("b");
    // Every initial record has been found: no lookup happens, and none could find anything new.
    expect(state.find("c")).toBeUndefined();
    expect(state.get("c")?.Status).toBe("STARTED");
  });

  it("a first invocation (only the EXECUTION record) never looks up", () => {
    const state = new ExecutionState([execution]);
    state.merge([step("a", "STARTED")]);
    expect(state.find("a")).toBeUndefined();
    expect(state.find("exec")).toBeUndefined();
  });

  it("an initial record replaced by a merge before its operation is called is still found, in its new version", () => {
    const state = new ExecutionState([execution, step("a", "PENDING"), step("b")]);
    state.merge([step("a", "READY")]);
    expect(state.find("b")?.Status).toBe("SUCCEEDED");
    expect(state.find("a")?.Status).toBe("READY");
    expect(state.find("z")).toBeUndefined();
  });

  it("a record found through get (a peek) and then marked found counts once", () => {
    const state = new ExecutionState([execution, step("a"), step("b")]);
    const peeked = state.get("a")!;
    state.found(peeked);
    state.found(peeked);
    expect(state.find("b")?.Id).toBe("b");
    expect(state.find("a")).toBeUndefined(); // all found: a called operation never asks for an id twice
  });
});

describe("execution state: forgetting finished operations", () => {
  it("a forgotten record is gone; a later record for its id is new again", () => {
    const step = (Id: string, Status: string): WireOperation =>
      ({ Id, Type: "STEP", Status }) as WireOperation;
    const state = new ExecutionState();
    state.merge([step("a", "SUCCEEDED"), step("b", "STARTED")]);
    state.forget("a");
    expect(state.get("a")).toBeUndefined();
    expect(state.size).toBe(1);
    expect(state.merge([step("a", "SUCCEEDED")]).map((op) => op.Id)).toEqual(["a"]);
  });
});

describe("execution state: records keep details of any type", () => {
  it("a record carrying details of another type (or of an unknown type) keeps and parses them", () => {
    const op = normalizeOperation({
      Id: "odd",
      Type: "toString" as WireOperation["Type"],
      Status: "STARTED",
      StartTimestamp: ISO,
      ContextDetails: { Result: "1" },
      StepDetails: { Attempt: 2, NextAttemptTimestamp: ISO },
      WaitDetails: { ScheduledEndTimestamp: String(EPOCH) },
    });
    expect(op.ContextDetails).toEqual({ Result: "1" });
    expect(op.StepDetails?.NextAttemptTimestamp?.toISOString()).toBe(ISO);
    expect(op.WaitDetails?.ScheduledEndTimestamp?.toISOString()).toBe(ISO);
    expect(op.ExecutionDetails).toBeUndefined();
    expect(op.CallbackDetails).toBeUndefined();
  });

  it("a record's own details are parsed once and kept", () => {
    const op = normalizeOperation({
      Id: "w",
      Type: "WAIT",
      Status: "STARTED",
      StartTimestamp: String(EPOCH),
      WaitDetails: { ScheduledEndTimestamp: ISO },
    });
    expect(op.WaitDetails).toBe(op.WaitDetails);
    expect(op.WaitDetails?.ScheduledEndTimestamp?.toISOString()).toBe(ISO);
    expect(op.StartTimestamp).toBe(op.StartTimestamp);
    expect(op.StepDetails).toBeUndefined();
  });
});
