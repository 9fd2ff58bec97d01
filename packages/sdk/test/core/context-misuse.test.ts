// A durable operation called from inside a step or check function (through a captured outer context) fails
// the execution with ContextMisuseError, before its id is taken; concurrent operations of the handler while a
// step function is suspended are not misuse. The patterns below include those a hook-free detector (reading
// V8's async stacks) missed: a missed one corrupts the id sequence or hangs the invocation.
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { NestingType, type DurableContext } from "../../src/index.js";
import { useUserCodeScope } from "../../src/context/user-code-scope.js";
import { harness } from "./harness.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const misuse = { Status: "FAILED", Error: { ErrorType: "ContextMisuseError" } };

// TypeScript's helper for async functions when compiling for targets below ES2017 (generators, no async frames).
function awaiter<T>(body: () => Generator<unknown, T, unknown>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const generator = body();
    const step = (result: IteratorResult<unknown, T>): void => {
      if (result.done) resolve(result.value);
      else Promise.resolve(result.value).then(fulfilled, rejected);
    };
    const fulfilled = (value: unknown): void => {
      try {
        step(generator.next(value));
      } catch (error) {
        reject(error as Error);
      }
    };
    const rejected = (error: unknown): void => {
      try {
        step(generator.throw(error));
      } catch (thrown) {
        reject(thrown as Error);
      }
    };
    fulfilled(undefined);
  });
}

// Node ≥ 24 follows user code with AsyncLocalStorage, Node 20 and 22 with V8's promise hooks: both run here.
describe.each(["promise-hooks", "async-local-storage"] as const)("context misuse (%s)", (kind) => {
  beforeAll(() => useUserCodeScope(kind));

  it("an operation called synchronously inside a step function", async () => {
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
    expect(await h.invoke()).toMatchObject(misuse);
  });

  it("operations of the handler while a step function is suspended are not misuse", async () => {
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
    const h = harness(async (_e, ctx) =>
      ctx.runInChildContext("child", async (child) => {
        await ctx.step("outer", async () => {
          await pause(1);
          return child.step("inner", async () => 1);
        });
        return 0;
      }),
    );
    expect(await h.invoke()).toMatchObject(misuse);
  });

  it("map items calling their own contexts while other items' steps are suspended are not misuse", async () => {
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

  it("an operation in a helper whose promise has a second reaction (p.catch(log); await p)", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.step("outer", async () => {
        const helper = async () => {
          await pause(1);
          return ctx.step("inner", async () => 2);
        };
        const p = helper();
        p.catch(() => undefined);
        return await p;
      }),
    );
    expect(await h.invoke()).toMatchObject(misuse);
  });

  it("an operation in a helper started before it is awaited", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.step("outer", async () => {
        const audit = (async () => {
          await pause(1);
          await ctx.step("inner", async () => 2);
        })();
        await pause(20);
        await audit;
        return 1;
      }),
    );
    expect(await h.invoke()).toMatchObject(misuse);
  });

  it("an operation on a sibling context from a step function", async () => {
    const h = harness(async (_e, ctx) => {
      let other: DurableContext | undefined;
      const a = ctx.runInChildContext("a", async (c) => {
        other = c;
        await c.wait("aw", { seconds: 5 });
        return 1;
      });
      const b = ctx.runInChildContext("b", async (c) =>
        c.step("b1", async () => {
          await pause(1);
          return other!.step("stolen", async () => 2);
        }),
      );
      return [await a, await b];
    });
    expect(await h.invoke()).toMatchObject(misuse);
  });

  it("an operation after an await in step code compiled for targets below ES2017", async () => {
    const h = harness(async (_e, ctx) =>
      ctx.step("outer", () =>
        awaiter(function* () {
          yield pause(1);
          return ctx.wait("inner", { seconds: 1 });
        }),
      ),
    );
    expect(await h.invoke()).toMatchObject(misuse);
  });

  it("a step awaiting a child context started outside it is not misuse", async () => {
    const h = harness(async (_e, ctx) => {
      const child = ctx.runInChildContext("child", async (c) => {
        await c.step("c1", async () => {
          await pause(5);
          return 1;
        });
        return c.step("c2", async () => 2);
      });
      return ctx.step("s", async () => (await child) + 10);
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "12" });
  });

  it("a step after a failed step is not misuse", async () => {
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

  // V8's promise hooks see promises only: code run by a timer (or I/O, or event emitter) callback started in a
  // step function is outside the step's scope under them, so these two are reported on Node ≥ 24 only.
  it.runIf(kind === "async-local-storage")(
    "an operation called directly from a timer callback in a step function",
    async () => {
      const h = harness(async (_e, ctx) =>
        ctx.step("outer", async () => {
          await new Promise((resolve, reject) =>
            setTimeout(() => ctx.wait("inner", { seconds: 1 }).then(resolve, reject), 1),
          );
          return 1;
        }),
      );
      expect(await h.invoke()).toMatchObject(misuse);
    },
  );

  it.runIf(kind === "async-local-storage")(
    "an operation after an await inside a timer callback in a step function",
    async () => {
      const h = harness(async (_e, ctx) =>
        ctx.step("outer", async () => {
          await new Promise((resolve, reject) =>
            setTimeout(async () => {
              await pause(1);
              ctx.wait("inner", { seconds: 1 }).then(resolve, reject);
            }, 1),
          );
          return 1;
        }),
      );
      expect(await h.invoke()).toMatchObject(misuse);
    },
  );

  it("a callback bound to the handler's async context, run by step code, is not misuse", async () => {
    const h = harness(async (_e, ctx) => {
      let later: Promise<number> | undefined;
      // As pools and EventEmitterAsyncResource do: the waiter's callback runs in the waiter's context.
      const onReady = AsyncResource.bind(() => {
        later = ctx.step("after", async () => 2);
      });
      await ctx.step("s", async () => {
        await pause(1);
        onReady();
        return 1;
      });
      return later;
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "2" });
  });

  it("misuse after an await is reported when the application turns on async hooks after the first step", async () => {
    await harness(async (_e, ctx) => ctx.step("first", async () => 1)).invoke();
    const applicationStore = new AsyncLocalStorage<number>();
    applicationStore.enterWith(1);
    try {
      const h = harness(async (_e, ctx) =>
        ctx.step("outer", async () => {
          await pause(1);
          return ctx.wait("inner", { seconds: 1 });
        }),
      );
      expect(await h.invoke()).toMatchObject(misuse);
    } finally {
      applicationStore.disable();
    }
  });
});
