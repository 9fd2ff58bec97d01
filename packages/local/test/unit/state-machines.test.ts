import { describe, expect, it } from "vitest";
import { applyStepUpdate, stepRetryDue } from "../../src/state-machines/step.js";
import { applyWaitUpdate, waitElapsed } from "../../src/state-machines/wait.js";
import { applyCallbackUpdate, completeCallback } from "../../src/state-machines/callback.js";
import { applyContextUpdate } from "../../src/state-machines/context.js";
import { applyChainedInvokeUpdate, completeChainedInvoke } from "../../src/state-machines/chained-invoke.js";
import { applyExecutionUpdate } from "../../src/state-machines/execution.js";
import { DEFAULT_LIMITS, type TransitionContext } from "../../src/state-machines/transition.js";
import type { OperationRecord, OperationUpdate } from "../../src/wire.js";

const NOW = 1_700_000_000_000;
const ctx: TransitionContext = {
  nowMs: NOW,
  limits: DEFAULT_LIMITS,
  mintCallbackId: () => "Q2FsbGJhY2s=",
  resolveChainedTarget: (name) => ({
    functionName: name,
    version: "$LATEST",
    durable: true,
    executionArn: "arn:target",
  }),
};
const update = (u: Partial<OperationUpdate> & Pick<OperationUpdate, "Type" | "Action">): OperationUpdate => ({
  Id: "op",
  ...u,
});

describe("STEP", () => {
  it("START → RETRY → READY → START → SUCCEED counts attempts and reports CurrentAttempt", () => {
    const started = applyStepUpdate(
      undefined,
      {},
      update({ Type: "STEP", Action: "START", Name: "n", SubType: "Step" }),
      ctx,
    );
    expect(started.op).toMatchObject({ Status: "STARTED", Name: "n", StartTimestamp: NOW });
    expect(started.event).toMatchObject({
      EventType: "StepStarted",
      Name: "n",
      SubType: "Step",
      StepStartedDetails: {},
    });

    const retried = applyStepUpdate(
      started.op,
      {},
      update({
        Type: "STEP",
        Action: "RETRY",
        Error: { ErrorMessage: "x" },
        StepOptions: { NextAttemptDelaySeconds: 3 },
      }),
      ctx,
    );
    expect(retried.op.Status).toBe("PENDING");
    expect(retried.op.StepDetails).toEqual({
      Attempt: 1,
      NextAttemptTimestamp: NOW + 3000,
      Error: { ErrorMessage: "x" },
    });
    expect(retried.event).toMatchObject({
      EventType: "StepFailed",
      StepFailedDetails: { RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 3 } },
    });
    expect(retried.effects).toEqual([{ kind: "timer", timer: "step-retry", opId: "op", dueMs: NOW + 3000 }]);

    const ready = stepRetryDue(retried.op);
    expect(ready?.Status).toBe("READY");
    expect(ready?.StepDetails).not.toHaveProperty("NextAttemptTimestamp");
    expect(stepRetryDue(started.op)).toBeUndefined();

    const again = applyStepUpdate(ready, {}, update({ Type: "STEP", Action: "START" }), ctx);
    const done = applyStepUpdate(
      again.op,
      {},
      update({ Type: "STEP", Action: "SUCCEED", Payload: "42" }),
      ctx,
    );
    expect(done.op).toMatchObject({
      Status: "SUCCEEDED",
      EndTimestamp: NOW,
      StepDetails: { Attempt: 2, Result: "42" },
    });
    expect(done.event).toMatchObject({
      StepSucceededDetails: {
        Result: { Payload: "42", Truncated: false },
        RetryDetails: { CurrentAttempt: 2 },
      },
    });
    expect(done.event?.StepSucceededDetails).not.toHaveProperty("RetryDetails.NextAttemptDelaySeconds");
  });

  it("a RETRY with Payload (waitForCondition) is a StepSucceeded and keeps the state as Result", () => {
    const polled = applyStepUpdate(
      undefined,
      {},
      update({ Type: "STEP", Action: "RETRY", Payload: "1", StepOptions: { NextAttemptDelaySeconds: 5 } }),
      ctx,
    );
    expect(polled.op.StepDetails).toMatchObject({ Result: "1", Attempt: 1 });
    expect(polled.event).toMatchObject({
      EventType: "StepSucceeded",
      StepSucceededDetails: {
        Result: { Payload: "1" },
        RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 },
      },
    });
  });

  it("completes a STARTED step without a new START and rejects START on STARTED/terminal steps", () => {
    const started = applyStepUpdate(undefined, {}, update({ Type: "STEP", Action: "START" }), ctx);
    expect(() => applyStepUpdate(started.op, {}, update({ Type: "STEP", Action: "START" }), ctx)).toThrow(
      /START to STEP.*STARTED/,
    );
    const failed = applyStepUpdate(
      started.op,
      {},
      update({ Type: "STEP", Action: "FAIL", Error: { ErrorType: "E" } }),
      ctx,
    );
    expect(failed.event).toMatchObject({
      EventType: "StepFailed",
      StepFailedDetails: { Error: { Payload: { ErrorType: "E" } }, RetryDetails: { CurrentAttempt: 1 } },
    });
    expect(() => applyStepUpdate(failed.op, {}, update({ Type: "STEP", Action: "SUCCEED" }), ctx)).toThrow(
      /status FAILED/,
    );
    expect(() => applyStepUpdate(undefined, {}, update({ Type: "STEP", Action: "CANCEL" }), ctx)).toThrow(
      /CANCEL/,
    );
  });
});

describe("WAIT", () => {
  it("START schedules the end (service-computed), the timer succeeds it, CANCEL cancels", () => {
    const started = applyWaitUpdate(
      undefined,
      {},
      update({ Type: "WAIT", Action: "START", WaitOptions: { WaitSeconds: 10 } }),
      ctx,
    );
    expect(started.op.WaitDetails).toEqual({ ScheduledEndTimestamp: NOW + 10_000 });
    expect(started.event).toMatchObject({
      WaitStartedDetails: { Duration: 10, ScheduledEndTimestamp: (NOW + 10_000) / 1000 },
    });
    const elapsed = waitElapsed(started.op, started.meta, NOW + 10_000);
    expect(elapsed?.event).toMatchObject({
      EventType: "WaitSucceeded",
      WaitSucceededDetails: { Duration: 10 },
    });
    expect(waitElapsed(elapsed!.op, started.meta, NOW)).toBeUndefined();
    const cancelled = applyWaitUpdate(
      started.op,
      started.meta,
      update({ Type: "WAIT", Action: "CANCEL" }),
      ctx,
    );
    expect(cancelled.op.Status).toBe("CANCELLED");
    expect(cancelled.effects).toEqual([{ kind: "cancelTimer", timer: "wait", opId: "op" }]);
    expect(() =>
      applyWaitUpdate(
        started.op,
        {},
        update({ Type: "WAIT", Action: "START", WaitOptions: { WaitSeconds: 1 } }),
        ctx,
      ),
    ).toThrow();
  });
});

describe("CALLBACK", () => {
  it("mints the id, arms configured timers only, and completes by API or timer", () => {
    const plain = applyCallbackUpdate(undefined, {}, update({ Type: "CALLBACK", Action: "START" }), ctx);
    expect(plain.event).toMatchObject({ CallbackStartedDetails: { CallbackId: "Q2FsbGJhY2s=" } });
    expect(plain.event?.CallbackStartedDetails).toEqual({ CallbackId: "Q2FsbGJhY2s=" });
    expect(plain.effects).toEqual([]);
    const timed = applyCallbackUpdate(
      undefined,
      {},
      update({
        Type: "CALLBACK",
        Action: "START",
        CallbackOptions: { TimeoutSeconds: 5, HeartbeatTimeoutSeconds: 2 },
      }),
      ctx,
    );
    expect(timed.effects.map((e) => e.kind === "timer" && [e.timer, e.dueMs])).toEqual([
      ["callback-timeout", NOW + 5000],
      ["callback-heartbeat", NOW + 2000],
    ]);
    const ok = completeCallback(timed.op, timed.meta, { kind: "succeeded", result: "" }, NOW);
    expect(ok.event?.CallbackSucceededDetails).toEqual({ Result: { Truncated: false } });
    const hb = completeCallback(timed.op, timed.meta, { kind: "heartbeatTimedOut" }, NOW);
    expect(hb.op).toMatchObject({
      Status: "TIMED_OUT",
      CallbackDetails: { Error: { ErrorType: "Callback.Heartbeat" } },
    });
    expect(() =>
      applyCallbackUpdate(timed.op, {}, update({ Type: "CALLBACK", Action: "SUCCEED" }), ctx),
    ).toThrow();
  });
});

describe("CONTEXT, CHAINED_INVOKE, EXECUTION", () => {
  it("CONTEXT keeps ReplayChildren from either completion", () => {
    const started = applyContextUpdate(
      undefined,
      {},
      update({ Type: "CONTEXT", Action: "START", SubType: "Map" }),
      ctx,
    );
    const failed = applyContextUpdate(
      started.op,
      {},
      update({ Type: "CONTEXT", Action: "FAIL", ContextOptions: { ReplayChildren: true } }),
      ctx,
    );
    expect(failed.op.ContextDetails).toEqual({ ReplayChildren: true });
    expect(failed.event).toMatchObject({
      EventType: "ContextFailed",
      SubType: "Map",
      ContextFailedDetails: { Error: { Truncated: false } },
    });
    expect(() =>
      applyContextUpdate(failed.op, {}, update({ Type: "CONTEXT", Action: "SUCCEED" }), ctx),
    ).toThrow();
  });

  it("CHAINED_INVOKE records the target in the event and maps outcomes", () => {
    const started = applyChainedInvokeUpdate(
      undefined,
      {},
      update({
        Type: "CHAINED_INVOKE",
        Action: "START",
        Payload: "1",
        ChainedInvokeOptions: { FunctionName: "t", TenantId: "acme" },
      }),
      ctx,
    );
    expect(started.event?.ChainedInvokeStartedDetails).toEqual({
      FunctionName: "t",
      TenantId: "acme",
      Input: { Payload: "1", Truncated: false },
      ExecutedVersion: "$LATEST",
      DurableExecutionArn: "arn:target",
    });
    expect(started.meta.targetArn).toBe("arn:target");
    const stopped = completeChainedInvoke(
      started.op,
      started.meta,
      { status: "STOPPED", error: { ErrorType: "S" } },
      NOW,
    );
    expect(stopped?.event).toMatchObject({ EventType: "ChainedInvokeStopped" });
    expect(completeChainedInvoke(stopped!.op, started.meta, { status: "SUCCEEDED" }, NOW)).toBeUndefined();
  });

  it("EXECUTION accepts SUCCEED without Error and FAIL without Payload only", () => {
    expect(applyExecutionUpdate(update({ Type: "EXECUTION", Action: "SUCCEED", Payload: "r" }), ctx)).toEqual(
      { kind: "closeExecution", status: "SUCCEEDED", result: "r" },
    );
    expect(() =>
      applyExecutionUpdate(update({ Type: "EXECUTION", Action: "FAIL", Payload: "r" }), ctx),
    ).toThrow(/Payload/);
    expect(() => applyExecutionUpdate(update({ Type: "EXECUTION", Action: "START" }), ctx)).toThrow();
  });
});

describe("payload limits", () => {
  it("uses the configured per-type limit with the service's message", () => {
    const small = { ...ctx, limits: { ...DEFAULT_LIMITS, operationPayloadBytes: 4 } };
    expect(() =>
      applyContextUpdate(
        undefined,
        {},
        update({ Type: "CONTEXT", Action: "SUCCEED", Payload: "12345" }),
        small,
      ),
    ).toThrow("CONTEXT output payload size must be less than or equal to 4 bytes");
    const op: OperationRecord | undefined = undefined;
    expect(
      applyContextUpdate(op, {}, update({ Type: "CONTEXT", Action: "SUCCEED", Payload: "1234" }), small).op
        .Status,
    ).toBe("SUCCEEDED");
  });
});
