// ctx.promise.all / allSettled / any / race: one CONTEXT after the inputs, only the combined
// outcome checkpointed, PromiseCombinatorError for the caller, recorded outcome on replay.
import { describe, expect, it } from "vitest";
import { PromiseCombinatorError, retryPresets, type DurableContext } from "../../src/index.js";
import { hashOperationId as h } from "../../src/replay/operation-id.js";
import { harness } from "../core/harness.js";
import { resultOf } from "./invocation-result.js";

const ok = (ctx: DurableContext, name: string, value: unknown) => ctx.step(name, async () => value);
const bad = (ctx: DurableContext, name: string, message: string) =>
  ctx.step(
    name,
    async (): Promise<never> => {
      throw new Error(message);
    },
    { retryStrategy: retryPresets.noRetry },
  );

describe("promise combinators", () => {
  it("all: the CONTEXT takes the id after its inputs and stores the combined value", async () => {
    const run = harness(async (_e, ctx) => ctx.promise.all("both", [ok(ctx, "a", 1), ok(ctx, "b", 2)]));
    expect(await run.invoke()).toEqual({ Status: "SUCCEEDED", Result: "[1,2]" });
    const context = run.backend.allUpdates().filter((u) => u.Type === "CONTEXT");
    expect(context).toEqual([
      { Id: h("3"), Type: "CONTEXT", SubType: "RunInChildContext", Action: "START", Name: "both" },
      {
        Id: h("3"),
        Type: "CONTEXT",
        SubType: "RunInChildContext",
        Action: "SUCCEED",
        Name: "both",
        Payload: "[1,2]",
      },
    ]);
    // the inputs are siblings in the calling context, not children of the combinator
    expect(
      run.backend
        .allUpdates()
        .filter((u) => u.Type === "STEP")
        .every((u) => u.ParentId === undefined),
    ).toBe(true);
  });

  it("all: a rejection FAILs the CONTEXT with the native error and reaches the caller as PromiseCombinatorError", async () => {
    const run = harness(async (_e, ctx) => {
      try {
        await ctx.promise.all([ok(ctx, "a", 1), bad(ctx, "b", "nope")]);
        return "no error";
      } catch (e) {
        return [e instanceof PromiseCombinatorError, (e as Error).message];
      }
    });
    expect(resultOf(await run.invoke())).toEqual([true, "nope"]);
    expect(run.backend.allUpdates().find((u) => u.Type === "CONTEXT" && u.Action === "FAIL")?.Error).toEqual({
      ErrorType: "StepError",
      ErrorMessage: "nope",
    });
  });

  it("allSettled keeps rejection reasons as Errors, live and on replay", async () => {
    const seen: unknown[] = [];
    const run = harness(async (_e, ctx) => {
      const settled = await ctx.promise.allSettled([ok(ctx, "a", 1), bad(ctx, "b", "nope")]);
      seen.push(
        settled.map((s) =>
          s.status === "fulfilled" ? s.value : `${(s.reason as Error).name}:${(s.reason as Error).message}`,
        ),
      );
      await ctx.wait({ seconds: 1 });
      return "done";
    });
    await run.invoke();
    expect(
      run.backend.allUpdates().find((u) => u.Type === "CONTEXT" && u.Action === "SUCCEED")?.Payload,
    ).toBe(
      '[{"status":"fulfilled","value":1},{"status":"rejected","reason":{"name":"StepError","message":"nope"}}]',
    );
    run.backend.advanceTime(1);
    await run.invoke();
    expect(seen).toEqual([
      [1, "StepError:nope"],
      [1, "StepError:nope"],
    ]);
  });

  it("any: resolves with the first success; all failing FAILs with AggregateError", async () => {
    const run = harness(async (_e, ctx) => {
      const first = await ctx.promise.any([bad(ctx, "x", "1"), ok(ctx, "y", "win")]);
      try {
        await ctx.promise.any("none", [bad(ctx, "p", "a"), bad(ctx, "q", "b")]);
      } catch (e) {
        return [first, e instanceof PromiseCombinatorError];
      }
      return "no error";
    });
    expect(resultOf(await run.invoke())).toEqual(["win", true]);
    expect(
      run.backend.allUpdates().find((u) => u.Name === "none" && u.Action === "FAIL")?.Error,
    ).toMatchObject({
      ErrorType: "AggregateError",
    });
  });

  it("race: the recorded outcome is returned on replay without waiting for the inputs again", async () => {
    const run = harness(async (_e, ctx) => {
      const winner = await ctx.promise.race("race", [
        ok(ctx, "fast", "fast"),
        ctx.runInChildContext("slow", async (c) => {
          await c.wait({ seconds: 60 });
          return "slow";
        }),
      ]);
      await ctx.wait({ seconds: 1 });
      return winner;
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    run.backend.advanceTime(1);
    expect(await run.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"fast"' });
  });
});

describe("combinator start", () => {
  it("takes its id when first awaited, like the official SDK; one never awaited sends nothing", async () => {
    const run = harness(async (_e, ctx) => {
      const a = ok(ctx, "a", 1); // id 1
      const combined = ctx.promise.all("later", [a]); // not started yet
      const unused = ctx.promise.race("unused", [a]);
      const b = await ok(ctx, "b", 2); // id 2
      const started = [combined.isExecuted, unused.isExecuted];
      const [va] = await combined; // id 3
      return [va, b, started];
    });
    expect(resultOf(await run.invoke())).toEqual([1, 2, [false, false]]);
    const contexts = run.backend.allUpdates().filter((u) => u.Type === "CONTEXT");
    expect(contexts.map((u) => [u.Action, u.Name, u.Id])).toEqual([
      ["START", "later", h("3")],
      ["SUCCEED", "later", h("3")],
    ]);
  });
});
