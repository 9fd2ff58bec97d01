import { describe, expect, it, vi } from "vitest";
import {
  StepError,
  StepInterruptedError,
  StepSemantics,
  StepTimeoutError,
  createRetryStrategy,
  retryPresets,
} from "../../src/index.js";
import { ExecutionState } from "../../src/replay/execution-state.js";
import { hashOperationId } from "../../src/replay/operation-id.js";
import { callSummary, harness } from "./harness.js";

const ID1 = hashOperationId("1");

describe("step wire sequences (SDK.md §4.1)", () => {
  it("at-least-once: START (ff) and SUCCEED share one call, payload is JSON", async () => {
    const h = harness(async (_e, ctx) => ctx.step("double", async () => ({ v: 2 })));
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '{"v":2}' });
    expect(h.backend.calls).toHaveLength(1);
    expect(h.backend.calls[0]?.updates).toEqual([
      { Id: ID1, Type: "STEP", SubType: "Step", Action: "START", Name: "double" },
      { Id: ID1, Type: "STEP", SubType: "Step", Action: "SUCCEED", Name: "double", Payload: '{"v":2}' },
    ]);
  });

  it("at-most-once: START is awaited before the function runs", async () => {
    let callsWhenRun = -1;
    const h = harness(async (_e, ctx) =>
      ctx.step(
        async () => {
          callsWhenRun = h.backend.calls.length;
          return 1;
        },
        { semantics: StepSemantics.AtMostOncePerRetry },
      ),
    );
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(callsWhenRun).toBe(1);
    expect(callSummary(h.backend.calls)).toEqual([["START STEP/Step"], ["SUCCEED STEP/Step"]]);
  });

  it("undefined result sends no Payload and returns undefined", async () => {
    const h = harness(async (_e, ctx) => {
      const r = await ctx.step(async () => undefined);
      return { r: r === undefined };
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '{"r":true}' });
    expect(h.backend.calls[0]?.updates[1]).not.toHaveProperty("Payload");
  });

  it("returns the serialized-then-deserialized value live", async () => {
    const h = harness(async (_e, ctx) => {
      const d = await ctx.step(async () => new Date(0));
      return typeof d;
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"string"' });
  });

  it("a failing attempt sends RETRY with the error and delay, then suspends; the next invocation re-runs", async () => {
    let attempts: number[] = [];
    const h = harness(async (_e, ctx) =>
      ctx.step(
        "flaky",
        async ({ attempt }) => {
          attempts.push(attempt);
          if (attempt === 1) throw new TypeError("boom");
          return "ok";
        },
        { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 7 } }) },
      ),
    );
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    expect(h.backend.calls.at(-1)?.updates.at(-1)).toEqual({
      Id: ID1,
      Type: "STEP",
      SubType: "Step",
      Action: "RETRY",
      Name: "flaky",
      Error: { ErrorType: "TypeError", ErrorMessage: "boom" },
      StepOptions: { NextAttemptDelaySeconds: 7 },
    });
    // Suspension is event-driven: no poll timer had to fire.
    h.backend.advanceTime(7);
    const before = h.backend.calls.length;
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"ok"' });
    expect(attempts).toEqual([1, 2]);
    expect(callSummary(h.backend.calls.slice(before))).toEqual([
      ['START STEP/Step "flaky"', 'SUCCEED STEP/Step "flaky"'],
    ]);
    attempts = [];
  });

  it("a delay-less retry decision uses 1 second", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.step(
        async () => {
          throw new Error("x");
        },
        { retryStrategy: () => ({ shouldRetry: true }) },
      ),
    );
    await h.invoke();
    expect(h.backend.allUpdates().at(-1)?.StepOptions).toEqual({ NextAttemptDelaySeconds: 1 });
  });

  it("when the strategy stops: FAIL with the original error type, caller gets StepError with cause", async () => {
    let caught: unknown;
    const h = harness(async (_e, ctx) => {
      try {
        await ctx.step(
          "bad",
          async () => {
            throw new RangeError("out of range");
          },
          { retryStrategy: retryPresets.noRetry },
        );
      } catch (e) {
        caught = e;
      }
      return "handled";
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"handled"' });
    expect(h.backend.allUpdates().at(-1)).toMatchObject({
      Action: "FAIL",
      Error: { ErrorType: "RangeError", ErrorMessage: "out of range" },
    });
    expect(caught).toBeInstanceOf(StepError);
    expect((caught as StepError).message).toBe("out of range");
    expect((caught as StepError).cause?.name).toBe("RangeError");
  });

  it("an uncaught step failure fails the invocation with StepError", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.step(
        async () => {
          throw new Error("nope");
        },
        { retryStrategy: retryPresets.noRetry },
      ),
    );
    expect(await h.invoke()).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "nope" },
    });
  });

  it("a thrown non-Error is sent as Unknown error", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.step(
        async () => {
          throw 42;
        },
        { retryStrategy: retryPresets.noRetry },
      ),
    );
    await h.invoke();
    expect(h.backend.allUpdates().at(-1)?.Error).toEqual({ ErrorMessage: "Unknown error" });
  });

  it("replay returns stored results and sends no checkpoints", async () => {
    let runs = 0;
    const h = harness(async (_e, ctx) => {
      const a = await ctx.step("a", async () => {
        runs++;
        return 5;
      });
      await ctx.wait({ seconds: 10 });
      return a;
    });
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    const calls = h.backend.calls.length;
    h.backend.advanceTime(10);
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "5" });
    expect(runs).toBe(1);
    expect(h.backend.calls.length).toBe(calls);
  });

  it("replay of a FAILED step throws the reconstructed StepError without running the function", async () => {
    let runs = 0;
    const seen: string[] = [];
    const h = harness(async (_e, ctx) => {
      try {
        await ctx.step(
          async () => {
            runs++;
            throw new TypeError("t");
          },
          { retryStrategy: retryPresets.noRetry },
        );
      } catch (e) {
        seen.push(`${(e as Error).name}:${(e as StepError).cause?.name}`);
      }
      await ctx.wait({ seconds: 1 });
      return "done";
    });
    await h.invoke();
    h.backend.advanceTime(1);
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    expect(runs).toBe(1);
    expect(seen).toEqual(["StepError:TypeError", "StepError:TypeError"]);
  });

  it("a STARTED record (crash mid-step) re-runs at-least-once steps without a new START", async () => {
    const h = harness(async (_e, ctx) => ctx.step("s", async () => "again"));
    // Simulate a crash after START: apply only the START.
    h.backend.invocationEvent();
    await h.backend.checkpoint({
      DurableExecutionArn: h.backend.arn,
      CheckpointToken: h.backend.currentToken,
      Updates: [{ Id: ID1, Type: "STEP", SubType: "Step", Name: "s", Action: "START" }],
    });
    const before = h.backend.calls.length;
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"again"' });
    expect(callSummary(h.backend.calls.slice(before))).toEqual([['SUCCEED STEP/Step "s"']]);
  });

  it("a STARTED at-most-once step is not re-run: StepInterruptedError goes through the strategy", async () => {
    let runs = 0;
    const errors: unknown[] = [];
    const h = harness(async (_e, ctx) =>
      ctx.step(
        "pay",
        async () => {
          runs++;
          return 1;
        },
        {
          semantics: StepSemantics.AtMostOncePerRetry,
          retryStrategy: (e) => {
            errors.push(e);
            return { shouldRetry: false };
          },
        },
      ),
    );
    h.backend.invocationEvent();
    await h.backend.checkpoint({
      DurableExecutionArn: h.backend.arn,
      CheckpointToken: h.backend.currentToken,
      Updates: [{ Id: ID1, Type: "STEP", SubType: "Step", Name: "pay", Action: "START" }],
    });
    const out = await h.invoke();
    expect(runs).toBe(0);
    expect(errors[0]).toBeInstanceOf(StepInterruptedError);
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "StepError" } });
    expect(h.backend.allUpdates().at(-1)).toMatchObject({
      Action: "FAIL",
      Error: { ErrorType: "StepInterruptedError" },
    });
  });

  it("timeoutSeconds turns a slow attempt into StepTimeoutError through the retry strategy", async () => {
    const seen: unknown[] = [];
    const h = harness(async (_e, ctx) =>
      ctx.step("slow", () => new Promise<string>(() => undefined), {
        timeoutSeconds: 3,
        retryStrategy: (e, attempt) => {
          seen.push(e);
          return { shouldRetry: attempt < 2, delay: { seconds: 5 } };
        },
      }),
    );
    const out = h.invoke();
    // The step is executing, so the invocation cannot suspend; fire the timeout timer.
    await new Promise((r) => setImmediate(r));
    h.backend.advanceTime(3);
    expect(h.clock.fireDue()).toBe(1);
    expect(await out).toEqual({ Status: "PENDING" });
    expect(seen[0]).toBeInstanceOf(StepTimeoutError);
    expect(h.backend.allUpdates().at(-1)).toMatchObject({
      Action: "RETRY",
      Error: { ErrorType: "StepTimeoutError" },
      StepOptions: { NextAttemptDelaySeconds: 5 },
    });
  });

  it("retries in-process while other work keeps the invocation alive (polling)", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let attempts = 0;
    const h = harness(async (_e, ctx) => {
      const flaky = ctx.step(
        "flaky",
        async () => {
          attempts++;
          if (attempts === 1) throw new Error("first");
          return "second";
        },
        {
          retryStrategy: createRetryStrategy({
            maxAttempts: 2,
            initialDelay: { seconds: 2 },
            jitter: "NONE",
          }),
        },
      );
      const busy = ctx.step("busy", async () => {
        await gate;
        return "busy-done";
      });
      return [await flaky, await busy];
    });
    const out = h.invoke();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(h.clock.pending).toBe(1); // the retry poll, scheduled at NextAttemptTimestamp
    h.backend.advanceTime(2);
    h.clock.fireDue();
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    release();
    expect(await out).toEqual({ Status: "SUCCEEDED", Result: '["second","busy-done"]' });
    expect(attempts).toBe(2);
  });

  it("rejects bad arguments with a typed error before sending anything", async () => {
    const h = harness(async (_e, ctx) => ctx.step("x", "not a function" as never));
    const out = await h.invoke();
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "InvalidOperationConfigError" } });
    expect(h.backend.calls).toHaveLength(0);
  });

  it("durable operations inside a step are reported as misuse", async () => {
    const h = harness(async (_e, ctx) => ctx.step("outer", async () => ctx.step("inner", async () => 1)));
    const out = await h.invoke();
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "ContextMisuseError" } });
  });
});

describe("step records of this invocation", () => {
  // A long first invocation need not keep a record per finished step: nothing reads it again (ids are never
  // reused), so memory and GC work per step stay flat as the step count grows.
  it("a plain step's record is dropped once its SUCCEED is acknowledged; others are kept", async () => {
    const forget = vi.spyOn(ExecutionState.prototype, "forget");
    try {
      const h = harness(async (_e, ctx) => {
        const a = await ctx.step("a", async () => 1);
        const b = await ctx.step("b", async () => a + 1, { semantics: StepSemantics.AtMostOncePerRetry });
        return (await ctx.step("c", async () => b + 1)) + 1;
      });
      expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "4" });
      expect(forget.mock.calls).toEqual([[hashOperationId("1")], [hashOperationId("3")]]);

      // Plugins may read every record (their operations snapshot): nothing is dropped.
      forget.mockClear();
      const withPlugin = harness(async (_e, ctx) => ctx.step("a", async () => 1), {
        config: { plugins: [{ onOperationEnd: async () => undefined }] },
      });
      expect(await withPlugin.invoke()).toEqual({ Status: "SUCCEEDED", Result: "1" });
      expect(forget).not.toHaveBeenCalled();
    } finally {
      forget.mockRestore();
    }
  });
});
