import type { Event as HistoryEvent } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { outstandingOperations } from "../../src/cli/invoke-progress.js";

const event = (EventType: string, Id: string, extra: object = {}): HistoryEvent =>
  ({ EventType, Id, ...extra }) as HistoryEvent;

describe("outstandingOperations (what `durable invoke` says it is waiting for)", () => {
  it("lists started callbacks, waits, invokes and pending retries, newest first", () => {
    const newestFirst = [
      event("InvocationCompleted", ""),
      event("StepFailed", "s1", {
        Name: "charge",
        StepFailedDetails: { RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 } },
      }),
      event("StepStarted", "s1", { Name: "charge" }),
      event("ChainedInvokeStarted", "i1", {
        Name: "pay",
        ChainedInvokeStartedDetails: { FunctionName: "payments" },
      }),
      event("WaitStarted", "w1", {
        Name: "nap",
        WaitStartedDetails: { ScheduledEndTimestamp: new Date(Date.UTC(2026, 0, 1)) },
      }),
      event("CallbackStarted", "c1", { Name: "approval", CallbackStartedDetails: { CallbackId: "abc+/=" } }),
    ];
    expect(outstandingOperations(newestFirst)).toEqual([
      'retry of step "charge" (attempt 2)',
      'invoke "pay" of payments',
      'wait "nap" until 2026-01-01 00:00:00.000',
      'callback "approval" callbackId=abc+/=',
    ]);
  });

  it("leaves out what has finished", () => {
    const newestFirst = [
      event("CallbackSucceeded", "c1"),
      event("WaitSucceeded", "w1"),
      event("StepStarted", "s1"),
      event("StepFailed", "s1", {
        StepFailedDetails: { RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 1 } },
      }),
      event("WaitStarted", "w1"),
      event("CallbackStarted", "c1", { CallbackStartedDetails: { CallbackId: "x" } }),
    ];
    expect(outstandingOperations(newestFirst)).toEqual([]);
  });
});
