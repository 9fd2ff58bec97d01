import { describe, expect, it } from "vitest";
import { ChildContextError, InvokeError, StepError, retryPresets } from "../../src/index.js";
import { hashOperationId } from "../../src/replay/operation-id.js";
import { callSummary, harness } from "./harness.js";

const ID1 = hashOperationId("1");

describe("runInChildContext (SDK.md §4.7)", () => {
  it("START and SUCCEED are fire-and-forget; children carry ParentId and nested raw ids", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.runInChildContext("group", async (child) => {
        const a = await child.step("a", async () => 1);
        return a + 1;
      }),
    );
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "2" });
    const updates = h.backend.allUpdates();
    expect(updates).toEqual([
      { Id: ID1, Type: "CONTEXT", SubType: "RunInChildContext", Action: "START", Name: "group" },
      {
        Id: hashOperationId("1-1"),
        ParentId: ID1,
        Type: "STEP",
        SubType: "Step",
        Action: "START",
        Name: "a",
      },
      {
        Id: hashOperationId("1-1"),
        ParentId: ID1,
        Type: "STEP",
        SubType: "Step",
        Action: "SUCCEED",
        Name: "a",
        Payload: "1",
      },
      {
        Id: ID1,
        Type: "CONTEXT",
        SubType: "RunInChildContext",
        Action: "SUCCEED",
        Name: "group",
        Payload: "2",
      },
    ]);
    // START (ff) travels with the child's step START+SUCCEED; the final SUCCEED (ff) is flushed at the end.
    expect(callSummary(h.backend.calls).map((c) => c.length)).toEqual([3, 1]);
  });

  it("replay of a SUCCEEDED context returns the stored result without running fn", async () => {
    let runs = 0;
    const h = harness(async (_e, ctx) => {
      const v = await ctx.runInChildContext(async () => {
        runs++;
        return { n: 1 };
      });
      await ctx.wait({ seconds: 1 });
      return v;
    });
    await h.invoke();
    h.backend.advanceTime(1);
    const calls = h.backend.calls.length;
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '{"n":1}' });
    expect(runs).toBe(1);
    expect(h.backend.calls.length).toBe(calls);
  });

  it("a failing fn: FAIL carries what fn threw, the caller gets ChildContextError (live and replay alike)", async () => {
    const seen: string[] = [];
    const h = harness(async (_e, ctx) => {
      try {
        await ctx.runInChildContext("c", async (child) => {
          await child.step(
            async () => {
              throw new TypeError("inner");
            },
            { retryStrategy: retryPresets.noRetry },
          );
        });
      } catch (e) {
        const err = e as ChildContextError;
        seen.push(`${err.constructor.name}|${err.message}|${err.cause?.constructor.name}`);
      }
      await ctx.wait({ seconds: 1 });
      return "ok";
    });
    await h.invoke();
    expect(h.backend.allUpdates().find((u) => u.Id === ID1 && u.Action === "FAIL")?.Error).toEqual({
      ErrorType: "StepError",
      ErrorMessage: "inner",
    });
    h.backend.advanceTime(1);
    await h.invoke();
    expect(seen).toEqual(["ChildContextError|inner|StepError", "ChildContextError|inner|StepError"]);
  });

  it("errorMapper changes only what the caller receives", async () => {
    let caught: unknown;
    const h = harness(async (_e, ctx) => {
      try {
        await ctx.runInChildContext(
          async () => {
            throw new RangeError("r");
          },
          { errorMapper: (e) => new InvokeError(`mapped: ${e.message}`, e) },
        );
      } catch (e) {
        caught = e;
      }
      return 1;
    });
    await h.invoke();
    expect(caught).toBeInstanceOf(InvokeError);
    expect(h.backend.allUpdates().at(-1)?.Error).toEqual({ ErrorType: "RangeError", ErrorMessage: "r" });
  });

  it("results over 256 KiB are stored as the summary with ReplayChildren and rebuilt on replay", async () => {
    const big = "x".repeat(300_000);
    let runs = 0;
    const h = harness(
      async (_e, ctx) => {
        const v = await ctx.runInChildContext(
          "big",
          async (child) => {
            runs++;
            return child.step(async () => big);
          },
          { summaryGenerator: (r) => `len=${r.length}` },
        );
        await ctx.wait({ seconds: 1 });
        return v.length;
      },
      { config: { payloadLimits: { STEP: 1_000_000 } } },
    );
    await h.invoke();
    const succeed = h.backend.allUpdates().find((u) => u.Id === ID1 && u.Action === "SUCCEED");
    expect(succeed).toMatchObject({ Payload: "len=300000", ContextOptions: { ReplayChildren: true } });
    h.backend.advanceTime(1);
    const calls = h.backend.calls.length;
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "300000" });
    expect(runs).toBe(2); // re-run to rebuild from the children's records
    expect(h.backend.calls.length).toBe(calls); // ...without sending anything
  });

  it("virtualContext sends no CONTEXT updates; children are parented to the enclosing context", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.runInChildContext("outer", async (outer) =>
        outer.runInChildContext("flat", async (flat) => flat.step("s", async () => 1), {
          virtualContext: true,
        }),
      ),
    );
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "1" });
    const updates = h.backend.allUpdates();
    expect(updates.filter((u) => u.Name === "flat")).toEqual([]);
    expect(updates.find((u) => u.Name === "s")).toMatchObject({
      Id: hashOperationId("1-1-1"),
      ParentId: ID1,
    });
  });

  it("custom subType is sent on every update", async () => {
    const h = harness(async (_e, ctx) => ctx.runInChildContext("c", async () => 1, { subType: "Custom" }));
    await h.invoke();
    expect(h.backend.allUpdates().map((u) => u.SubType)).toEqual(["Custom", "Custom"]);
  });

  it("a suspended child suspends the invocation; the context resumes without a new START", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.runInChildContext("c", async (child) => {
        await child.wait({ seconds: 2 });
        return child.step(async () => "done");
      }),
    );
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    h.backend.advanceTime(2);
    const before = h.backend.calls.length;
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    const later = h.backend.calls.slice(before).flatMap((c) => c.updates);
    expect(later.filter((u) => u.Id === ID1).map((u) => u.Action)).toEqual(["SUCCEED"]);
  });

  it("a failed step inside arrives as StepError", async () => {
    let caught: unknown;
    const h = harness(async (_e, ctx) => {
      try {
        await ctx.runInChildContext(async (c) =>
          c.step(async () => Promise.reject(new Error("e")), { retryStrategy: retryPresets.noRetry }),
        );
      } catch (e) {
        caught = e;
      }
      return 0;
    });
    await h.invoke();
    expect((caught as ChildContextError).cause).toBeInstanceOf(StepError);
  });
});
