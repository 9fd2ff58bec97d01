// A durable operation called from inside a step or check function (through a captured outer context) fails
// the execution with ContextMisuseError, before its id is taken; concurrent operations of the handler while a
// step function is suspended are not misuse. Both ways of tracking user code are exercised on any Node.
import { afterEach, describe, expect, it } from "vitest";
import { setUserCodeTracking, type UserCodeTracking } from "../../src/context/user-code-scope.js";
import { NestingType } from "../../src/index.js";
import { harness } from "./harness.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each<UserCodeTracking>(["stack", "storage"])("context misuse (%s tracking)", (mode) => {
  let previous: UserCodeTracking | undefined;
  const track = () => {
    previous = setUserCodeTracking(mode);
  };
  afterEach(() => {
    if (previous !== undefined) setUserCodeTracking(previous);
  });

  it("an operation called synchronously inside a step function", async () => {
    track();
    const h = harness(async (_e, ctx) => ctx.step("outer", async () => ctx.step("inner", async () => 1)));
    const out = await h.invoke();
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "ContextMisuseError",
        ErrorMessage: expect.stringContaining('Step "inner" was called inside Step "outer"'),
      },
    });
  });

  it("an operation called after an await inside a step function", async () => {
    track();
    const h = harness(async (_e, ctx) =>
      ctx.step("outer", async () => {
        await pause(1);
        return ctx.wait("inner", { seconds: 1 });
      }),
    );
    const out = await h.invoke();
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "ContextMisuseError",
        ErrorMessage: expect.stringContaining('Wait "inner" was called inside Step "outer"'),
      },
    });
  });

  it("an operation called inside a helper the step function awaits", async () => {
    track();
    const h = harness(async (_e, ctx) => {
      const helper = async () => {
        await pause(1);
        await ctx.step("nested", async () => 2);
      };
      return ctx.step("outer", async () => {
        await helper();
        return 1;
      });
    });
    expect(await h.invoke()).toMatchObject({ Status: "FAILED", Error: { ErrorType: "ContextMisuseError" } });
  });

  it("operations of the handler while a step function is suspended are not misuse", async () => {
    track();
    const h = harness(async (_e, ctx) => {
      const slow = ctx.step("slow", async () => {
        await pause(20);
        return "slow";
      });
      const others = (async () => {
        await pause(1);
        const a = await ctx.step("a", async () => "a");
        const b = await ctx.runInChildContext("child", async (c) => c.step("b", async () => "b"));
        return a + b;
      })();
      return [await slow, await others];
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '["slow","ab"]' });
  });

  it("an operation on a child context called from a step of its parent", async () => {
    track();
    const h = harness(async (_e, ctx) =>
      ctx.runInChildContext("child", async (child) => {
        await ctx.step("outer", async () => {
          await pause(1);
          return child.step("inner", async () => 1);
        });
        return 0;
      }),
    );
    expect(await h.invoke()).toMatchObject({ Status: "FAILED", Error: { ErrorType: "ContextMisuseError" } });
  });

  it("map items calling their own contexts while other items' steps are suspended are not misuse", async () => {
    track();
    const h = harness(async (_e, ctx) => {
      const batch = await ctx.map(
        "items",
        [1, 2, 3, 4, 5, 6],
        async (c, item: number) => {
          const a = await c.step("a", async () => {
            await pause(item % 3);
            return item;
          });
          return c.step("b", async () => a * 10);
        },
        { maxConcurrency: 3 },
      );
      return batch.getResults();
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "[10,20,30,40,50,60]" });
  });

  it("a map item's step function misusing its context before its first await (FLAT items run at once)", async () => {
    track();
    const h = harness(async (_e, ctx) => {
      const batch = await ctx.map(
        "items",
        [1, 2],
        async (c, item: number) => c.step("outer", async () => c.wait(`inner-${item}`, { seconds: 1 })),
        { nesting: NestingType.FLAT },
      );
      return batch.getResults();
    });
    const out = await h.invoke();
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "ContextMisuseError", ErrorMessage: expect.stringContaining('Wait "inner-1"') },
    });
  });

  it("a failing step function leaves no user code marked behind", async () => {
    track();
    const h = harness(async (_e, ctx) => {
      await ctx
        .step(
          "boom",
          async () => {
            throw new Error("boom");
          },
          { retryStrategy: () => ({ shouldRetry: false }) },
        )
        .catch(() => undefined);
      return ctx.step("after", async () => "ok");
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"ok"' });
  });
});
