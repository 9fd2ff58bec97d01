import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DurableContext } from "durable-lambda";
import { assertReplayCompatible, replayHistory, ReplayDivergenceError } from "../src/index.js";

const completed = readFileSync(new URL("./fixtures/order-completed.history.json", import.meta.url), "utf8");
const inFlight = readFileSync(new URL("./fixtures/order-in-flight.history.json", import.meta.url), "utf8");

interface Order {
  orderId: string;
  amount: number;
}

// The code that produced both fixtures.
async function original(order: Order, ctx: DurableContext) {
  await ctx.step("validate", async () => order.amount > 0);
  const charge = await ctx.step("charge", async () => ({ chargeId: `ch-${order.orderId}` }));
  await ctx.wait("cool-down", { minutes: 5 });
  const status = await ctx.step("ship", async () => `shipped ${order.orderId}`);
  return { status, chargeId: charge.chargeId };
}

describe("replayHistory", () => {
  it("passes an unchanged handler on a completed history, using recorded results only", async () => {
    let ran = 0;
    const counting = async (order: Order, ctx: DurableContext) => {
      await ctx.step("validate", async () => ++ran > 0);
      const charge = await ctx.step("charge", async () => ({ chargeId: `x${++ran}` }));
      await ctx.wait("cool-down", { minutes: 5 });
      const status = await ctx.step("ship", async () => `x${++ran}`);
      return { status, chargeId: charge.chargeId, orderId: order.orderId };
    };
    const report = await replayHistory(counting, completed);
    expect(report).toMatchObject({ compatible: true, status: "SUCCEEDED", matched: 4 });
    expect(ran).toBe(0);
    await expect(assertReplayCompatible(original, completed)).resolves.toMatchObject({ compatible: true });
  });

  it("passes an unchanged handler on an in-flight history and stops at its frontier", async () => {
    let shipped = false;
    const report = await replayHistory(async (order: Order, ctx: DurableContext) => {
      await original({ ...order, amount: order.amount }, ctx);
      shipped = true;
    }, inFlight);
    expect(report).toMatchObject({ compatible: true, status: "PENDING", matched: 3 });
    expect(shipped).toBe(false);
  });

  it("catches a renamed step with both sides and the call site", async () => {
    const renamed = async (order: Order, ctx: DurableContext) => {
      await ctx.step("validate", async () => true);
      await ctx.step("charge-card", async () => ({ chargeId: order.orderId }));
      await ctx.wait("cool-down", { minutes: 5 });
    };
    const report = await replayHistory(renamed, inFlight);
    expect(report.compatible).toBe(false);
    expect(report.divergence).toMatchObject({
      kind: "mismatch",
      field: "name",
      path: '"charge-card" [2]',
      recorded: { type: "STEP", name: "charge" },
      current: { type: "STEP", name: "charge-card", rawId: "2" },
    });
    expect(report.divergence?.current?.callSite).toMatch(/replay-history\.test\.ts:\d+:\d+/);
    expect(report.divergence?.message).toMatch(
      /recorded STEP\(Step\) "charge", current code calls STEP\(Step\) "charge-card" at .*replay-history\.test\.ts/,
    );
  });

  it("catches a removed step", async () => {
    const removed = async (_order: Order, ctx: DurableContext) => {
      await ctx.step("validate", async () => true);
      await ctx.wait("cool-down", { minutes: 5 });
      await ctx.step("ship", async () => "s");
    };
    const report = await replayHistory(removed, completed);
    expect(report.divergence).toMatchObject({
      kind: "mismatch",
      field: "type",
      recorded: { type: "STEP", name: "charge" },
      current: { type: "WAIT", name: "cool-down" },
    });
  });

  it("catches reordered steps", async () => {
    const reordered = async (_order: Order, ctx: DurableContext) => {
      await ctx.step("charge", async () => ({ chargeId: "c" }));
      await ctx.step("validate", async () => true);
    };
    const report = await replayHistory(reordered, inFlight);
    expect(report.divergence).toMatchObject({
      kind: "mismatch",
      field: "name",
      recorded: { name: "validate" },
      current: { name: "charge" },
    });
  });

  it("catches a step removed from the end, which the SDK's own check cannot see", async () => {
    const truncated = async (_order: Order, ctx: DurableContext) => {
      await ctx.step("validate", async () => true);
      await ctx.step("charge", async () => ({ chargeId: "c" }));
      await ctx.wait("cool-down", { minutes: 5 });
      return "done early";
    };
    const report = await replayHistory(truncated, completed);
    expect(report.divergence).toMatchObject({ kind: "missing", recorded: { type: "STEP", name: "ship" } });
    await expect(assertReplayCompatible(truncated, completed)).rejects.toBeInstanceOf(ReplayDivergenceError);
  });

  it("accepts an Operations list (GetDurableExecutionState shape)", async () => {
    const state = {
      Operations: [
        {
          Id: "e",
          Type: "EXECUTION",
          Status: "STARTED",
          StartTimestamp: 1,
          ExecutionDetails: { InputPayload: '{"orderId":"o","amount":1}' },
        },
        {
          Id: "c4ca4238a0b92382",
          Type: "STEP",
          SubType: "Step",
          Name: "validate",
          Status: "SUCCEEDED",
          StartTimestamp: 1,
          StepDetails: { Result: "true" },
        },
        {
          Id: "c81e728d9d4c2f63",
          Type: "STEP",
          SubType: "Step",
          Name: "charge",
          Status: "STARTED",
          StartTimestamp: 2,
        },
      ],
    };
    expect(await replayHistory(original, state)).toMatchObject({
      compatible: true,
      status: "PENDING",
      matched: 2,
    });
    const renamed = async (_o: Order, ctx: DurableContext) => ctx.step("check", async () => true);
    expect((await replayHistory(renamed, state)).compatible).toBe(false);
  });
});
