import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../history/history-event.js";
import type { TestOperation } from "../operations/test-operation.js";
import { assertHistory } from "./assert-history.js";
import { assertOperations } from "./assert-operations.js";
import { DurableAssertionError } from "./durable-assertion-error.js";

const events: HistoryEvent[] = [
  { EventId: 1, EventType: "ExecutionStarted" },
  { EventId: 2, EventType: "StepStarted", Name: "charge", SubType: "Step" },
  {
    EventId: 3,
    EventType: "StepSucceeded",
    Name: "charge",
    SubType: "Step",
    StepSucceededDetails: { Result: { Payload: '"ok"' } },
  },
  { EventId: 4, EventType: "InvocationCompleted" },
  { EventId: 5, EventType: "ExecutionSucceeded" },
];

function captured(fn: () => void): DurableAssertionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DurableAssertionError) return e;
    throw e;
  }
  throw new Error("assertion did not throw");
}

describe("assertHistory", () => {
  it("passes on matching event types and partial events", () => {
    assertHistory(events, [
      "ExecutionStarted",
      { EventType: "StepStarted", Name: "charge" },
      { StepSucceededDetails: { Result: { Payload: /ok/ } } },
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    assertHistory({ Events: events }, ["ExecutionStarted"], { match: "prefix" });
    assertHistory({ history: events }, ["ExecutionStarted", "StepStarted"], { match: "prefix" });
  });

  it("reports the first differing member with both sides listed", () => {
    const error = captured(() =>
      assertHistory(events, [
        "ExecutionStarted",
        { EventType: "StepStarted", Name: "pay" },
        "StepSucceeded",
        "InvocationCompleted",
        "ExecutionSucceeded",
      ]),
    );
    expect(error.message).toContain(
      'history events differ at position 1: mismatch at Name: expected "pay", got "charge"',
    );
    expect(error.message).toContain(
      '>  1  {"EventType":"StepStarted","Name":"pay"} | 2 StepStarted (Step) "charge"',
    );
    expect(error.actual).toBe(events);
  });

  it("fails on a missing or an extra event", () => {
    expect(captured(() => assertHistory(events, ["ExecutionStarted"])).message).toContain(
      "unexpected extra item(s) from position 1",
    );
    const longer = [...events.map((e) => e.EventType), "ExecutionFailed"];
    expect(captured(() => assertHistory(events, longer)).message).toContain(
      "the sequence ended after 5 item(s)",
    );
  });
});

describe("assertOperations", () => {
  const ops: TestOperation[] = [
    { id: "a", type: "STEP", subType: "Step", name: "charge", status: "SUCCEEDED" },
    { id: "b", type: "WAIT", subType: "Wait", status: "SUCCEEDED" },
    { id: "c", type: "CALLBACK", subType: "Callback", name: "manager approval", status: "STARTED" },
  ];

  it("matches 'TYPE name' shorthands and partial operations", () => {
    assertOperations(ops, ["STEP charge", "WAIT", "CALLBACK manager approval"]);
    assertOperations({ operations: ops }, [{ type: "STEP", status: "SUCCEEDED" }], { match: "prefix" });
  });

  it("throws a readable diff on a renamed operation", () => {
    const error = captured(() => assertOperations(ops, ["STEP pay", "WAIT", "CALLBACK manager approval"]));
    expect(error.message).toContain('mismatch at name: expected "pay", got "charge"');
    expect(error.message).toContain('STEP (Step) "charge" SUCCEEDED');
  });
});
