import { describe, expect, it } from "vitest";
import { DurablePromise } from "../../src/index.js";
import { harness } from "./harness.js";

describe("the DurablePromise an operation returns", () => {
  it("is a DurablePromise, tagged as one, not executed until awaited, executed after", async () => {
    const seen: unknown[] = [];
    const h = harness(async (_e, ctx) => {
      const step = ctx.step("a", async () => 1);
      seen.push(step instanceof DurablePromise, Object.prototype.toString.call(step), step.isExecuted);
      const value = await step;
      seen.push(step.isExecuted, value);
      return value;
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(seen).toEqual([true, "[object DurablePromise]", false, true, 1]);
  });

  it("then, catch, finally and Promise.all each mark it executed and return plain promises", async () => {
    const seen: unknown[] = [];
    const h = harness(async (_e, ctx) => {
      const steps = [1, 2, 3, 4].map((n) => ctx.step(`s${n}`, async () => n));
      const derived = [
        steps[0]!.then((v) => v * 10),
        steps[1]!.catch(() => 0),
        steps[2]!.finally(() => undefined),
        Promise.all([steps[3]!]),
      ];
      seen.push(steps.map((s) => s.isExecuted));
      seen.push(derived.map((d) => d.constructor === Promise && !(d instanceof DurablePromise)));
      seen.push(await Promise.all(derived));
      return "ok";
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"ok"' });
    expect(seen).toEqual([
      [true, true, true, true],
      [true, true, true, true],
      [10, 2, 3, [4]],
    ]);
  });

  it("a failed operation nobody awaits is not an unhandled rejection; awaiting it later still throws", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const h = harness(async (_e, ctx) => {
        const failing = ctx.step(
          "fails",
          async () => {
            throw new Error("boom");
          },
          { retryStrategy: () => ({ shouldRetry: false }) },
        );
        await ctx.step("other", async () => 2);
        await new Promise((resolve) => setTimeout(resolve, 10));
        const executedBefore = failing.isExecuted;
        const message = await failing.then(
          () => "no error",
          (error: unknown) => (error as Error).message,
        );
        return { executedBefore, message };
      });
      expect(await h.invoke()).toEqual({
        Status: "SUCCEEDED",
        Result: JSON.stringify({ executedBefore: false, message: "boom" }),
      });
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("a DurablePromise built by user code is still a DurablePromise", async () => {
    const built = new DurablePromise(async () => 5);
    expect(built instanceof DurablePromise).toBe(true);
    expect(await built).toBe(5);
    expect(built.isExecuted).toBe(true);
  });
});
