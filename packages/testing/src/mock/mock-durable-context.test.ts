import { describe, expect, it } from "vitest";
import { CallbackExternalError, InvokeError, StepError, type DurableContext } from "durable-lambda";
import { assertCheckpoints } from "../assertions/assert-checkpoints.js";
import { assertOperations } from "../assertions/assert-operations.js";
import { MockDurableContext } from "./mock-durable-context.js";
import { MockPreloadError } from "./preload-source.js";

interface Order {
  orderId: string;
  amount: number;
}

// A small order flow touching every preloadable kind.
async function orderFlow(order: Order, ctx: DurableContext): Promise<{ status: string; chargeId?: string }> {
  const valid = await ctx.step("validate", async () => order.amount > 0);
  if (!valid) return { status: "rejected" };
  const charge = await ctx.step("charge", async () => ({ chargeId: `ch-${order.orderId}` }));
  await ctx.wait("cool-down", { minutes: 5 });
  const approval = await ctx.waitForCallback("approval", async () => undefined, { timeout: { hours: 1 } });
  const decision = JSON.parse(approval) as { approved: boolean };
  if (!decision.approved) return { status: "declined" };
  await ctx.invoke("notify", "notifier", { orderId: order.orderId });
  return { status: "done", chargeId: charge.chargeId };
}

describe("MockDurableContext", () => {
  it("runs live operations, records them and the checkpoints the SDK would send", async () => {
    const run = await new MockDurableContext()
      .withCallbackResult("approval", { approved: true })
      .withInvokeTarget("notifier", (input: { orderId: string }) => ({ sent: input.orderId }))
      .run(orderFlow, { orderId: "o-1", amount: 5 });
    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ status: "done", chargeId: "ch-o-1" });
    assertOperations(run, [
      "STEP validate",
      "STEP charge",
      "WAIT cool-down",
      { type: "CONTEXT", subType: "WaitForCallback", name: "approval", status: "SUCCEEDED" },
      { type: "CALLBACK", name: undefined, status: "SUCCEEDED" },
      { type: "STEP", subType: "Step", name: undefined },
      { type: "CHAINED_INVOKE", name: "notify", result: { sent: "o-1" } },
    ]);
    assertCheckpoints(run, [
      "STEP START validate",
      { Type: "STEP", Action: "SUCCEED", Name: "validate", Payload: "true" },
      "STEP START charge",
      "STEP SUCCEED charge",
      { Type: "WAIT", Action: "START", Name: "cool-down", WaitOptions: { WaitSeconds: 300 } },
      "CONTEXT START approval",
      // the preloaded callback counts as replayed: no CALLBACK START
      "STEP START",
      "STEP SUCCEED",
      { Type: "CONTEXT", Action: "SUCCEED", Name: "approval", Payload: JSON.stringify('{"approved":true}') },
      { Type: "CHAINED_INVOKE", Action: "START", ChainedInvokeOptions: { FunctionName: "notifier" } },
    ]);
    expect(run.unusedPreloads).toEqual([]);
  });

  it("numbers operations like the SDK (MD5 wire ids, ParentId inside contexts)", async () => {
    const run = await new MockDurableContext().run(async (_e: unknown, ctx: DurableContext) => {
      await ctx.step(async () => 1);
      await ctx.runInChildContext("child", async (c) => c.step("inner", async () => 2));
    }, {});
    expect(run.operations.map((o) => [o.id, o.parentId])).toEqual([
      ["c4ca4238a0b92382", undefined],
      ["c81e728d9d4c2f63", undefined],
      ["8fbdbf5573b18fae", "c81e728d9d4c2f63"],
    ]);
  });

  it("preloaded steps are not run and send nothing; by name or by position", async () => {
    let charged = 0;
    const flow = async (_e: unknown, ctx: DurableContext) => {
      const a = await ctx.step("a", async () => "live-a");
      const b = await ctx.step(async () => {
        charged++;
        return "live-b";
      });
      return [a, b];
    };
    const run = await new MockDurableContext()
      .withStepResult("a", "pre-a")
      .withStepResult({ position: 2 }, "pre-b")
      .run(flow, {});
    expect(run.result).toEqual(["pre-a", "pre-b"]);
    expect(charged).toBe(0);
    expect(run.checkpoints).toEqual([]);
  });

  it("a preloaded step error throws a StepError the handler can catch; compensation runs in reverse", async () => {
    const flow = async (_e: unknown, ctx: DurableContext) => {
      await ctx.stepWithCompensation(
        "reserve",
        async () => "r-1",
        async () => undefined,
      );
      await ctx.stepWithCompensation(
        "charge",
        async () => "c-1",
        async () => undefined,
      );
      try {
        await ctx.step("ship", async () => "never");
      } catch (e) {
        const rollback = await ctx.runCompensations();
        return {
          failed: (e as Error).message,
          isStepError: e instanceof StepError,
          rollback: rollback.items.map((i) => i.name),
        };
      }
      return "shipped";
    };
    const run = await new MockDurableContext().withStepError("ship", new Error("no stock")).run(flow, {});
    expect(run.result).toEqual({ failed: "no stock", isStepError: true, rollback: ["charge", "reserve"] });
    assertOperations(run, ["STEP reserve", "STEP charge", "STEP ship", "CONTEXT charge", "CONTEXT reserve"]);
  });

  it("retries a failing live step back to back per its strategy and checkpoints RETRY then FAIL", async () => {
    let attempts = 0;
    const flow = async (_e: unknown, ctx: DurableContext) =>
      ctx.step(
        "flaky",
        async () => {
          attempts++;
          throw new Error("boom");
        },
        { retryStrategy: (_err, attempt) => ({ shouldRetry: attempt < 3, delay: { seconds: 2 } }) },
      );
    const run = await new MockDurableContext().run(flow, {});
    expect(attempts).toBe(3);
    expect(run.status).toBe("FAILED");
    expect(run.error).toBeInstanceOf(StepError);
    assertCheckpoints(run, [
      "STEP START flaky",
      {
        Action: "RETRY",
        StepOptions: { NextAttemptDelaySeconds: 2 },
        Error: { ErrorType: "Error", ErrorMessage: "boom" },
      },
      "STEP START flaky",
      "STEP RETRY flaky",
      "STEP START flaky",
      { Action: "FAIL", Error: { ErrorMessage: "boom" } },
    ]);
  });

  it("ends PENDING at an unanswered callback or an invoke without target, with the callback id available", async () => {
    const flow = async (_e: unknown, ctx: DurableContext) => {
      const [promise, id] = await ctx.createCallback("approval");
      await ctx.step("send", async () => id);
      return promise;
    };
    const run = await new MockDurableContext().run(flow, {});
    expect(run.status).toBe("PENDING");
    expect(run.getOperation("approval").callbackId).toMatch(/^mock-callback-/);
    expect(run.getOperation("send").result).toBe(run.getOperation("approval").callbackId);

    const invoking = await new MockDurableContext().run(
      async (_e: unknown, ctx: DurableContext) => ctx.invoke("other", {}),
      {},
    );
    expect(invoking.status).toBe("PENDING");
  });

  it("callback and invoke failures surface as the SDK's error classes", async () => {
    const flow = async (_e: unknown, ctx: DurableContext) => {
      const errors: string[] = [];
      const [cb] = await ctx.createCallback("cb");
      await cb.catch((e: unknown) => errors.push(e instanceof CallbackExternalError ? "callback" : "?"));
      await ctx
        .invoke("inv", "fn", {})
        .catch((e: unknown) => errors.push(e instanceof InvokeError ? "invoke" : "?"));
      return errors;
    };
    const run = await new MockDurableContext()
      .withCallbackError("cb", "denied")
      .withInvokeError("inv", "down")
      .run(flow, {});
    expect(run.result).toEqual(["callback", "invoke"]);
  });

  it("map honours the completion policy and records item contexts", async () => {
    const flow = async (_e: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "fan-out",
        [1, 2, 3, 4],
        async (c, item) =>
          c.step(
            `item-${item}`,
            async () => {
              if (item === 2) throw new Error("bad item");
              return item * 10;
            },
            { retryStrategy: () => ({ shouldRetry: false }) },
          ),
        { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 0 } },
      );
      return { reason: result.completionReason, results: result.getResults(), failed: result.failureCount };
    };
    const run = await new MockDurableContext().run(flow, {});
    expect(run.result).toEqual({ reason: "FAILURE_TOLERANCE_EXCEEDED", results: [10], failed: 1 });
    assertOperations(run, [
      "CONTEXT fan-out",
      { type: "CONTEXT", subType: "MapIteration", name: "map-item-0" },
      "STEP item-1",
      { type: "CONTEXT", subType: "MapIteration", name: "map-item-1", status: "FAILED" },
      "STEP item-2",
    ]);
  });

  it("waitForCondition polls with time skipped until the strategy stops", async () => {
    const flow = async (_e: unknown, ctx: DurableContext) =>
      ctx.waitForCondition("poll", async (n: number) => n + 1, {
        initialState: 0,
        waitStrategy: (n) =>
          n >= 3 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 5 } },
      });
    const run = await new MockDurableContext().run(flow, {});
    expect(run.result).toBe(3);
    assertCheckpoints(run, [
      "STEP START poll",
      { Action: "RETRY", Payload: "1", StepOptions: { NextAttemptDelaySeconds: 5 } },
      "STEP START poll",
      { Action: "RETRY", Payload: "2" },
      "STEP START poll",
      { Action: "SUCCEED", Payload: "3" },
    ]);
  });

  it("rejects a preload of the wrong kind with a MockPreloadError naming the call site", async () => {
    const run = await new MockDurableContext()
      .withStepResult("pause", 1)
      .run(async (_e: unknown, ctx: DurableContext) => {
        await ctx.wait("pause", { seconds: 1 });
      }, {});
    expect(run.status).toBe("FAILED");
    expect(run.error).toBeInstanceOf(MockPreloadError);
    expect(run.error?.message).toMatch(
      /a step outcome was preloaded for "pause", but the handler's operation there is a WAIT \(Wait\) at .*mock-durable-context\.test\.ts/,
    );
  });

  it("lists preloads nothing used", async () => {
    const run = await new MockDurableContext()
      .withStepResult("renamed", 1)
      .run(async (_e: unknown, ctx: DurableContext) => ctx.step("original", async () => 2), {});
    expect(run.unusedPreloads).toEqual(['step "renamed"']);
  });

  it("leaves the user's timers and promises alone", async () => {
    const run = await new MockDurableContext().run(async (_e: unknown, ctx: DurableContext) => {
      const started = Date.now();
      await ctx.step("sleep", () => new Promise((r) => setTimeout(() => r("slept"), 20)));
      return Date.now() - started >= 15;
    }, {});
    expect(run.result).toBe(true);
  });
});
