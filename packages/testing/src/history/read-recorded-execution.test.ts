import { describe, expect, it } from "vitest";
import { HistoryFormatError } from "./history-format-error.js";
import { readRecordedExecution } from "./read-recorded-execution.js";

const history = {
  Events: [
    {
      EventId: 1,
      EventType: "ExecutionStarted",
      EventTimestamp: 1735689600,
      Id: "exec",
      ExecutionStartedDetails: {
        Input: { Payload: '{"orderId":"o-1"}', Truncated: false },
        ExecutionTimeout: 60,
      },
    },
    {
      EventId: 2,
      EventType: "StepStarted",
      EventTimestamp: 1735689600.5,
      Id: "c4ca4238a0b92382",
      Name: "charge",
      SubType: "Step",
      StepStartedDetails: {},
    },
    {
      EventId: 3,
      EventType: "StepFailed",
      EventTimestamp: 1735689601,
      Id: "c4ca4238a0b92382",
      Name: "charge",
      SubType: "Step",
      StepFailedDetails: {
        Error: { Payload: { ErrorType: "Error", ErrorMessage: "declined" }, Truncated: false },
        RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 },
      },
    },
    {
      EventId: 4,
      EventType: "InvocationCompleted",
      EventTimestamp: 1735689601,
      InvocationCompletedDetails: {},
    },
    {
      EventId: 5,
      EventType: "WaitStarted",
      EventTimestamp: 1735689602,
      Id: "c81e728d9d4c2f63",
      SubType: "Wait",
      WaitStartedDetails: { Duration: 10, ScheduledEndTimestamp: 1735689612 },
    },
    {
      EventId: 6,
      EventType: "CallbackStarted",
      EventTimestamp: 1735689602,
      Id: "eccbc87e4b5ce2fe",
      Name: "approval",
      SubType: "Callback",
      CallbackStartedDetails: { CallbackId: "cb-abc" },
    },
    {
      EventId: 7,
      EventType: "CallbackSucceeded",
      EventTimestamp: 1735689603,
      Id: "eccbc87e4b5ce2fe",
      Name: "approval",
      SubType: "Callback",
      CallbackSucceededDetails: { Result: { Payload: '{"ok":true}', Truncated: false } },
    },
  ],
};

describe("readRecordedExecution", () => {
  it("folds history events into the operation records a replay sees", () => {
    const recorded = readRecordedExecution(JSON.stringify(history));
    expect(recorded.events).toHaveLength(7);
    expect(recorded.operations.map((o) => [o.Type, o.Name, o.Status])).toEqual([
      ["EXECUTION", undefined, "STARTED"],
      ["STEP", "charge", "PENDING"],
      ["WAIT", undefined, "STARTED"],
      ["CALLBACK", "approval", "SUCCEEDED"],
    ]);
    const [execution, step, wait, callback] = recorded.operations;
    expect(execution?.ExecutionDetails?.InputPayload).toBe('{"orderId":"o-1"}');
    expect(step?.StepDetails).toEqual({
      Attempt: 1,
      Error: { ErrorType: "Error", ErrorMessage: "declined" },
    });
    expect(step?.StartTimestamp).toBe(1735689600500);
    expect(step?.EndTimestamp).toBeUndefined();
    expect(wait?.WaitDetails?.ScheduledEndTimestamp).toBe(1735689612000);
    expect(callback?.CallbackDetails).toEqual({ CallbackId: "cb-abc", Result: '{"ok":true}' });
    expect(callback?.EndTimestamp).toBe(1735689603000);
  });

  it("reads an operation list with ISO, Date and epoch-second timestamps", () => {
    const recorded = readRecordedExecution({
      Operations: [
        { Id: "a", Type: "EXECUTION", Status: "STARTED", StartTimestamp: "2025-01-01T00:00:00.000Z" },
        { Id: "b", Type: "STEP", Status: "SUCCEEDED", StartTimestamp: new Date(1000), EndTimestamp: 2 },
      ],
    });
    expect(recorded.events).toBeUndefined();
    expect(recorded.operations.map((o) => [o.StartTimestamp, o.EndTimestamp])).toEqual([
      [1735689600000, undefined],
      [1000, 2000],
    ]);
  });

  it("reads an invocation event's initial state and a bare event array", () => {
    expect(
      readRecordedExecution({
        InitialExecutionState: { Operations: [{ Id: "x", Type: "WAIT", Status: "STARTED" }] },
      }).operations[0]?.Type,
    ).toBe("WAIT");
    expect(readRecordedExecution(history.Events).operations).toHaveLength(4);
  });

  it.each([
    ["not JSON", "{nope", /not valid JSON/],
    ["an unknown shape", { Foo: [] }, /expected \{ Events.*keys \[Foo\]/],
    [
      "an event without EventType",
      { Events: [{ EventId: 1 }] },
      /Events\[0\]: expected an object with a string EventType/,
    ],
    [
      "an operation event without Id",
      { Events: [{ EventId: 1, EventType: "StepStarted" }] },
      /Events\[0\] \(StepStarted\): missing Id/,
    ],
    [
      "an operation with a bad type",
      { Operations: [{ Id: "a", Type: "NOPE", Status: "STARTED" }] },
      /unknown Type "NOPE"/,
    ],
    [
      "an operation with a bad status",
      { Operations: [{ Id: "a", Type: "STEP", Status: "DONE" }] },
      /unknown Status "DONE"/,
    ],
    ["null", null, /got null/],
  ])("rejects %s with a HistoryFormatError", (_label, input, message) => {
    expect(() => readRecordedExecution(input)).toThrowError(HistoryFormatError);
    expect(() => readRecordedExecution(input)).toThrowError(message);
  });
});
