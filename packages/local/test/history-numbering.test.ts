import { afterEach, describe, expect, it } from "vitest";
import type { LocalService } from "@durable-lambda/local";
import { history, invokeSync, lambdaClient, scripted, startService, type Session } from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

/** Registers `body` as function "f", runs it synchronously and returns its history. */
async function run(body: (s: Session, invocation: number) => Promise<unknown>) {
  svc = await startService();
  let invocation = 0;
  svc.registerFunction({
    name: "f",
    handler: scripted(
      () => svc,
      (s) => body(s, ++invocation),
    ),
  });
  const client = lambdaClient(svc.url);
  const { arn } = await invokeSync(client, "f", null);
  return history(client, arn);
}

const op = (
  Id: string,
  Type: string,
  SubType: string,
  Action: string,
  extra: Record<string, unknown> = {},
) => ({ Id, Type, SubType, Action, ...extra });

describe("EventId numbering (SERVICE.md §13.4) on the reference sequences of §13.5", () => {
  it("1-17: at-most-once step, crash, then FAIL without retry", async () => {
    const { types, events } = await run(async (s, n) => {
      if (n === 1) {
        await s.checkpoint([op("s", "STEP", "Step", "START")]);
        throw Object.assign(new Error("process exited"), { name: "Runtime.ExitError" });
      }
      await s.checkpoint([op("s", "STEP", "Step", "FAIL", { Error: { ErrorType: "StepInterruptedError" } })]);
      return { Status: "FAILED", Error: { ErrorType: "StepInterruptedError" } };
    });
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 StepStarted",
      "3 InvocationCompleted",
      "4 StepFailed",
      "5 InvocationCompleted",
      "6 ExecutionFailed",
    ]);
    expect(events[2]).toMatchObject({
      InvocationCompletedDetails: { Error: { Payload: { ErrorType: "Runtime.ExitError" } } },
    });
    expect(events[3]).toMatchObject({ StepFailedDetails: { RetryDetails: { CurrentAttempt: 1 } } });
    expect(events[2]).not.toHaveProperty("Id");
  });

  it("7-7: waitForCallback whose submitter fails twice; the callback stays STARTED with no event", async () => {
    const { types, events } = await run(async (s, n) => {
      const parent = { ParentId: "ctx" };
      if (n === 1) {
        await s.checkpoint([
          op("ctx", "CONTEXT", "WaitForCallback", "START"),
          op("cb", "CALLBACK", "Callback", "START", parent),
          op("sub", "STEP", "Step", "START", parent),
          op("sub", "STEP", "Step", "RETRY", {
            ...parent,
            Error: { ErrorMessage: "no" },
            StepOptions: { NextAttemptDelaySeconds: 1 },
          }),
        ]);
        return { Status: "PENDING" };
      }
      await s.checkpoint([
        op("sub", "STEP", "Step", "START", parent),
        op("sub", "STEP", "Step", "FAIL", { ...parent, Error: { ErrorMessage: "no" } }),
      ]);
      await s.checkpoint([
        op("ctx", "CONTEXT", "WaitForCallback", "FAIL", { Error: { ErrorMessage: "no" } }),
      ]);
      return { Status: "FAILED", Error: { ErrorMessage: "no" } };
    });
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 ContextStarted",
      "3 CallbackStarted",
      "4 StepStarted",
      "5 StepFailed",
      "6 InvocationCompleted",
      "7 StepStarted",
      "8 StepFailed",
      "9 ContextFailed",
      "10 InvocationCompleted",
      "11 ExecutionFailed",
    ]);
    expect(events[2]).toMatchObject({ ParentId: "ctx", SubType: "Callback" });
    expect(events[7]).toMatchObject({ StepFailedDetails: { RetryDetails: { CurrentAttempt: 2 } } });
  });

  it("9-1: map over two items with one step each — nested parents, one invocation", async () => {
    const { types, events } = await run(async (s) => {
      const updates: Array<Record<string, unknown>> = [op("map", "CONTEXT", "Map", "START", { Name: "m" })];
      for (const i of [0, 1]) {
        updates.push(op(`it${i}`, "CONTEXT", "MapIteration", "START", { ParentId: "map" }));
        updates.push(op(`st${i}`, "STEP", "Step", "START", { ParentId: `it${i}` }));
        updates.push(op(`st${i}`, "STEP", "Step", "SUCCEED", { ParentId: `it${i}`, Payload: String(i) }));
        updates.push(
          op(`it${i}`, "CONTEXT", "MapIteration", "SUCCEED", { ParentId: "map", Payload: String(i) }),
        );
      }
      updates.push(op("map", "CONTEXT", "Map", "SUCCEED", { Name: "m", Payload: "[0,1]" }));
      // The SDK batches; split into two requests to check numbering across requests.
      await s.checkpoint(updates.slice(0, 5));
      await s.checkpoint(updates.slice(5));
      return { Status: "SUCCEEDED", Result: "[0,1]" };
    });
    expect(types.map((t) => t.split(" ")[1])).toEqual([
      "ExecutionStarted",
      "ContextStarted",
      "ContextStarted",
      "StepStarted",
      "StepSucceeded",
      "ContextSucceeded",
      "ContextStarted",
      "StepStarted",
      "StepSucceeded",
      "ContextSucceeded",
      "ContextSucceeded",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    expect(events.map((e) => e.EventId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(events[2]).toMatchObject({ SubType: "MapIteration", ParentId: "map" });
    expect(events[3]).toMatchObject({ ParentId: "it0" });
    expect(events[10]).toMatchObject({
      Name: "m",
      SubType: "Map",
      ContextSucceededDetails: { Result: { Payload: "[0,1]" } },
    });
  });

  it("serves history pages forwards and backwards with markers, and drops payloads without execution data", async () => {
    const { events } = await run(async (s) => {
      await s.checkpoint(
        [0, 1, 2, 3, 4].map((i) => op(`s${i}`, "STEP", "Step", "SUCCEED", { Payload: String(i) })),
      );
      return { Status: "SUCCEEDED", Result: "done" };
    });
    const arn = svc.engine.listExecutions({ functionName: "f" }).DurableExecutions[0]?.arn ?? "";
    const ids = (pages: Array<{ Events: Array<{ EventId: number }> }>) =>
      pages.flatMap((p) => p.Events.map((e) => e.EventId));
    const forward = [svc.engine.getHistory(arn, { maxItems: 3 })];
    while (forward.at(-1)?.NextMarker !== undefined)
      forward.push(svc.engine.getHistory(arn, { maxItems: 3, marker: forward.at(-1)?.NextMarker }));
    expect(ids(forward)).toEqual(events.map((e) => e.EventId));
    const backward = [svc.engine.getHistory(arn, { maxItems: 4, reverseOrder: true })];
    while (backward.at(-1)?.NextMarker !== undefined)
      backward.push(
        svc.engine.getHistory(arn, { maxItems: 4, reverseOrder: true, marker: backward.at(-1)?.NextMarker }),
      );
    expect(ids(backward)).toEqual(events.map((e) => e.EventId).reverse());
    const bare = svc.engine.getHistory(arn, { includeExecutionData: false }).Events;
    expect(bare[0]).toMatchObject({ ExecutionStartedDetails: { Input: { Truncated: false } } });
    expect(bare[0]?.ExecutionStartedDetails).not.toHaveProperty("Input.Payload");
    expect(bare.at(-1)?.ExecutionSucceededDetails).toEqual({ Result: { Truncated: false } });
    expect(() => svc.engine.getHistory(arn, { marker: "garbage" })).toThrow(/Invalid Marker/);
  });
});
