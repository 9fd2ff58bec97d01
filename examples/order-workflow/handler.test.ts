import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  assertOperations,
  assertReplayCompatible,
  DurableTestRunner,
  MockDurableContext,
} from "@durable-lambda/testing";
import { createOrderWorkflow, orderWorkflow, type OrderInput, type OrderResult } from "./handler.js";
import { fakeServices, PaymentDeclinedError, PaymentGatewayError, type OrderServices } from "./services.js";

const order: OrderInput = { orderId: "o-42", amountCents: 12_500, items: ["book", "lamp"] };

/** Fake services that record every call; `overrides` replace single methods. */
function recordingServices(overrides: Partial<OrderServices> = {}): {
  services: OrderServices;
  calls: string[];
} {
  const calls: string[] = [];
  return { services: { ...fakeServices((line) => calls.push(line)), ...overrides }, calls };
}

let runner: DurableTestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

describe("order workflow on the test runner", () => {
  it("completes when the manager approves, after the 30-minute review window in virtual time", async () => {
    const { services, calls } = recordingServices();
    runner = new DurableTestRunner({
      handler: createOrderWorkflow(services),
      startTime: Date.UTC(2030, 5, 1, 9),
    });
    const execution = await runner.start<OrderResult>({ payload: order });

    const approval = await execution.waitForCallback("manager approval");
    expect(execution.now()).toBe(Date.UTC(2030, 5, 1, 9, 30));
    expect(calls.at(-1)).toBe(`approvals: asked a manager to approve o-42 (callback ${approval.callbackId})`);
    await execution.sendCallbackSuccess(approval, { approved: true, approver: "dana" });

    const run = await execution.result();
    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      status: "COMPLETED",
      chargeId: "ch-o-42",
      trackingNumber: "TRK-O-42",
      approvedBy: "dana",
    });
    assertOperations(run, [
      "STEP validate order",
      "STEP reserve inventory",
      "STEP charge card",
      "WAIT fraud review window",
      { type: "CONTEXT", subType: "WaitForCallback", name: "manager approval" },
      { type: "CALLBACK", status: "SUCCEEDED" },
      { type: "STEP", subType: "Step" }, // the submitter
      "STEP ship order",
    ]);
  });

  it("retries payment gateway errors with backoff and records each attempt", async () => {
    let attempts = 0;
    const { services } = recordingServices({
      async chargeCard(orderId) {
        if (++attempts < 3) throw new PaymentGatewayError("gateway timeout");
        return { chargeId: `ch-${orderId}-retry` };
      },
    });
    runner = new DurableTestRunner({ handler: createOrderWorkflow(services) });
    const execution = await runner.start<OrderResult>({ payload: order });
    await execution.sendCallbackSuccess(await execution.waitForCallback("manager approval"), {
      approved: true,
    });
    const run = await execution.result();
    expect(run.result).toMatchObject({ status: "COMPLETED", chargeId: "ch-o-42-retry" });
    const chargeEvents = run.history.filter((e) => e.Name === "charge card").map((e) => e.EventType);
    expect(chargeEvents).toEqual([
      "StepStarted",
      "StepFailed",
      "StepStarted",
      "StepFailed",
      "StepStarted",
      "StepSucceeded",
    ]);
  });

  it("fails on a declined card and releases the reserved stock", async () => {
    const { services, calls } = recordingServices({
      async chargeCard() {
        throw new PaymentDeclinedError("insufficient funds");
      },
    });
    runner = new DurableTestRunner({ handler: createOrderWorkflow(services) });
    const run = await runner.run({ payload: order });
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatchObject({ ErrorType: "StepError", ErrorMessage: "insufficient funds" });
    expect(calls).toContain("inventory: released res-o-42");
    assertOperations(run, [
      "STEP validate order",
      "STEP reserve inventory",
      { type: "STEP", name: "charge card", status: "FAILED" },
      { type: "CONTEXT", subType: "Compensation", name: "reserve inventory" },
      "STEP release inventory",
    ]);
  });

  it("refunds and releases in reverse order when the manager rejects", async () => {
    const { services, calls } = recordingServices();
    runner = new DurableTestRunner({ handler: createOrderWorkflow(services) });
    const execution = await runner.start<OrderResult>({ payload: order });
    await execution.sendCallbackSuccess(await execution.waitForCallback("manager approval"), {
      approved: false,
      comment: "suspicious address",
    });
    const run = await execution.result();
    expect(run.result).toEqual({
      status: "CANCELLED",
      reason: "suspicious address",
      undone: ["charge card: SUCCEEDED", "reserve inventory: SUCCEEDED"],
    });
    expect(calls.slice(-2)).toEqual(["payments: refunded ch-o-42", "inventory: released res-o-42"]);
  });

  it("cancels when nobody answers within the approval timeout", async () => {
    runner = new DurableTestRunner({ handler: createOrderWorkflow(recordingServices().services) });
    const execution = await runner.start<OrderResult>({
      payload: { ...order, approvalTimeoutSeconds: 3600 },
    });
    await execution.waitForCallback("manager approval");
    await execution.advanceTime(3_600_000);
    const run = await execution.result();
    expect(run.result).toMatchObject({ status: "CANCELLED", reason: "no answer in time" });
    expect(run.history.map((e) => e.EventType)).toContain("CallbackTimedOut");
  });

  it("rejects an invalid order without touching any service", async () => {
    const { services, calls } = recordingServices();
    runner = new DurableTestRunner({ handler: createOrderWorkflow(services) });
    const run = await runner.run({ payload: { ...order, amountCents: -1 } });
    expect(run.result).toEqual({ status: "REJECTED", reason: "amountCents must be a positive integer" });
    expect(calls).toEqual([]);
  });
});

describe("order workflow on the mock context (no service)", () => {
  it("ships once the approval is preloaded, and would checkpoint only the live work", async () => {
    const run = await new MockDurableContext()
      .withStepResult("validate order", null)
      .withStepResult("reserve inventory", { reservationId: "res-x" })
      .withStepResult("charge card", { chargeId: "ch-x" })
      .withWaitElapsed("fraud review window")
      .withCallbackResult("manager approval", { approved: true, approver: "lee" })
      .run(createOrderWorkflow(recordingServices().services), order);
    expect(run.result).toEqual({
      status: "COMPLETED",
      chargeId: "ch-x",
      trackingNumber: "TRK-O-42",
      approvedBy: "lee",
    });
    expect(run.checkpoints.map((u) => `${u.Type} ${u.Action} ${u.Name ?? ""}`.trim())).toEqual([
      "CONTEXT START manager approval",
      "STEP START",
      "STEP SUCCEED",
      "CONTEXT SUCCEED manager approval",
      "STEP START ship order",
      "STEP SUCCEED ship order",
    ]);
    expect(run.unusedPreloads).toEqual([]);
  });
});

describe("order workflow replays recorded executions", () => {
  it("replays an execution recorded while it waited for approval", async () => {
    const recorded = readFileSync(
      new URL("./fixtures/awaiting-approval.history.json", import.meta.url),
      "utf8",
    );
    const report = await assertReplayCompatible(orderWorkflow, recorded);
    expect(report.status).toBe("PENDING");
  });
});
