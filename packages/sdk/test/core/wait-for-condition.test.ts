import { describe, expect, it } from "vitest";
import { StepError, createWaitStrategy } from "../../src/index.js";
import { hashOperationId } from "../../src/replay/operation-id.js";
import { callSummary, harness } from "./harness.js";

const ID1 = hashOperationId("1");

describe("waitForCondition (SDK.md §4.9)", () => {
  it("START (ff) shares a call with RETRY{state, delay}; the next invocation resumes from the stored state", async () => {
    const states: number[] = [];
    const h = harness(async (_e, ctx) =>
      ctx.waitForCondition(
        "poll",
        async (s: { n: number }) => {
          states.push(s.n);
          return { n: s.n + 1 };
        },
        {
          initialState: { n: 0 },
          waitStrategy: (s, attempt) =>
            s.n >= 2 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 3 + attempt } },
        },
      ),
    );
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    expect(h.backend.calls[0]?.updates).toEqual([
      { Id: ID1, Type: "STEP", SubType: "WaitForCondition", Action: "START", Name: "poll" },
      {
        Id: ID1,
        Type: "STEP",
        SubType: "WaitForCondition",
        Action: "RETRY",
        Name: "poll",
        Payload: '{"n":1}',
        StepOptions: { NextAttemptDelaySeconds: 4 },
      },
    ]);
    h.backend.advanceTime(4);
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '{"n":2}' });
    expect(states).toEqual([0, 1]);
    expect(callSummary(h.backend.calls).at(-1)).toEqual([
      'START STEP/WaitForCondition "poll"',
      'SUCCEED STEP/WaitForCondition "poll"',
    ]);
  });

  it("a throwing check sends exactly one FAIL and the caller gets StepError", async () => {
    let caught: unknown;
    const h = harness(async (_e, ctx) => {
      try {
        await ctx.waitForCondition(
          async () => {
            throw new Error("check broke");
          },
          { initialState: 0, waitStrategy: () => ({ shouldContinue: false }) },
        );
      } catch (e) {
        caught = e;
      }
      return "x";
    });
    await h.invoke();
    const fails = h.backend.allUpdates().filter((u) => u.Action === "FAIL");
    expect(fails).toHaveLength(1);
    expect(fails[0]?.Error).toEqual({ ErrorType: "Error", ErrorMessage: "check broke" });
    expect(caught).toBeInstanceOf(StepError);
  });

  it("createWaitStrategy: maxAttempts ends with one FAIL naming the limit", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.waitForCondition(async (n: number) => n + 1, {
        initialState: 0,
        waitStrategy: createWaitStrategy({
          shouldContinuePolling: () => true,
          maxAttempts: 2,
          jitter: "NONE",
        }),
      }),
    );
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    expect(h.backend.allUpdates().at(-1)?.StepOptions).toEqual({ NextAttemptDelaySeconds: 5 });
    h.backend.advanceTime(5);
    const out = await h.invoke();
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: { ErrorMessage: "waitForCondition exceeded maximum attempts (2)" },
    });
    expect(h.backend.allUpdates().filter((u) => u.Action === "FAIL")).toHaveLength(1);
  });

  it("createWaitStrategy: timeoutSeconds clamps the last delay to the deadline and then fails", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.waitForCondition(async (n: number) => n + 1, {
        initialState: 0,
        waitStrategy: createWaitStrategy({
          shouldContinuePolling: () => true,
          initialDelay: { seconds: 30 },
          jitter: "NONE",
          timeoutSeconds: 40,
        }),
      }),
    );
    await h.invoke();
    expect(h.backend.allUpdates().at(-1)?.StepOptions).toEqual({ NextAttemptDelaySeconds: 30 });
    h.backend.advanceTime(30);
    await h.invoke();
    // 30 s elapsed of 40: the next delay (45 s) is clamped to the 10 s left.
    expect(h.backend.allUpdates().at(-1)?.StepOptions).toEqual({ NextAttemptDelaySeconds: 10 });
    h.backend.advanceTime(10);
    const out = await h.invoke();
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: { ErrorMessage: "waitForCondition exceeded its timeout (40 s)" },
    });
  });

  it("rejects a missing wait strategy with a typed error", async () => {
    const h = harness(async (_e, ctx) => ctx.waitForCondition(async () => 1, {} as never));
    expect(await h.invoke()).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "InvalidOperationConfigError" },
    });
  });
});
