// Bad arguments to map, parallel, waitForCallback, stepWithCompensation, the promise combinators
// and withRetry fail the execution exactly as they do for ctx.step: InvalidOperationConfigError,
// at the call (awaited, caught or never awaited), before anything is sent.
import { describe, expect, it } from "vitest";
import { withRetry, type DurableContext } from "../../src/index.js";
import { harness } from "../core/harness.js";

type BadCall = (ctx: DurableContext) => PromiseLike<unknown>;

const noop = async (): Promise<number> => 1;

/** [operation, bad call, what the message must say (expected … received …)]. */
const cases: Array<[string, BadCall, string]> = [
  // core's own mechanism, the reference the others must match
  ["step", (ctx) => ctx.step("s", "nope" as never), "step requires a function, received string"],
  [
    "map items",
    (ctx) => ctx.map("m", "nope" as never, noop),
    'map items: expected an array, received "nope"',
  ],
  ["map function", (ctx) => ctx.map("m", [1], 5 as never), "map function: expected a function, received 5"],
  [
    "map itemNamer",
    (ctx) => ctx.map("m", [1], noop, { itemNamer: "x" as never }),
    'map itemNamer: expected a function, received "x"',
  ],
  [
    "map itemNamer result",
    (ctx) => ctx.map("m", [1], noop, { itemNamer: () => 7 as never }),
    "map itemNamer result for item 0: expected a string, received 7",
  ],
  [
    "map nesting",
    (ctx) => ctx.map("m", [1], noop, { nesting: "DEEP" as never }),
    'map nesting: expected "NESTED" or "FLAT", received "DEEP"',
  ],
  [
    "map config",
    (ctx) => ctx.map("m", [1], noop, "fast" as never),
    'map config: expected an object, received "fast"',
  ],
  [
    "map maxConcurrency",
    (ctx) => ctx.map("m", [1], noop, { maxConcurrency: 0 }),
    "map maxConcurrency: expected a positive number or undefined (unlimited), received 0",
  ],
  [
    "map itemSerdes",
    (ctx) => ctx.map("m", [1], noop, { itemSerdes: { serialize: async () => "" } as never }),
    "map itemSerdes.deserialize: expected a function, received undefined",
  ],
  [
    "parallel branches",
    (ctx) => ctx.parallel("p", {} as never),
    "parallel branches: expected an array, received an object",
  ],
  [
    "parallel branch",
    (ctx) => ctx.parallel([noop, { name: "bad" } as never]),
    "parallel branch 1: expected a function or { name?, func }, received an object",
  ],
  [
    "parallel branch name",
    (ctx) => ctx.parallel([{ name: 3 as never, func: noop }]),
    "parallel branch 0 name: expected a string, received 3",
  ],
  [
    "parallel completionConfig",
    (ctx) => ctx.parallel([noop], { completionConfig: { minSuccessful: -1 } }),
    "parallel completionConfig.minSuccessful: expected a number ≥ 0, received -1",
  ],
  [
    "waitForCallback submitter",
    (ctx) => ctx.waitForCallback("w", "nope" as never),
    'waitForCallback submitter: expected a function (callbackId, context) => Promise<void>, received "nope"',
  ],
  [
    "waitForCallback retryStrategy",
    (ctx) => ctx.waitForCallback("w", async () => {}, { retryStrategy: 3 as never }),
    "waitForCallback retryStrategy: expected a function, received 3",
  ],
  [
    "waitForCallback serdes",
    (ctx) => ctx.waitForCallback("w", async () => {}, { serdes: {} as never }),
    "waitForCallback serdes: expected an object with a deserialize function, received an object",
  ],
  [
    "waitForCallback timeout",
    (ctx) => ctx.waitForCallback("w", async () => {}, { timeout: { seconds: 1.5 } }),
    "callback timeout must be a whole number of seconds, received 1.5 s",
  ],
  [
    "stepWithCompensation step",
    (ctx) => ctx.stepWithCompensation("s", null as never, async () => {}),
    "stepWithCompensation step function: expected a function, received null",
  ],
  [
    "stepWithCompensation compensate",
    (ctx) => ctx.stepWithCompensation("s", noop, undefined as never),
    "stepWithCompensation compensate function: expected a function, received undefined",
  ],
  [
    "promise.all",
    (ctx) => ctx.promise.all("x", "nope" as never),
    'promise.all promises: expected an array of promises, received "nope"',
  ],
  [
    "promise.race",
    (ctx) => ctx.promise.race(5 as never),
    "promise.race promises: expected an array of promises, received 5",
  ],
  [
    "withRetry config",
    (ctx) => withRetry(ctx, noop, undefined as never),
    "withRetry config: expected an object { retryStrategy, wrapWithRunInChildContext? }, received undefined",
  ],
  [
    "withRetry retryStrategy",
    (ctx) => withRetry(ctx, "r", noop, { retryStrategy: "often" as never }),
    'withRetry config.retryStrategy: expected a function, received "often"',
  ],
  [
    "withRetry function",
    (ctx) => withRetry(ctx, "r", 5 as never, { retryStrategy: () => ({ shouldRetry: false }) }),
    "withRetry function: expected a function, received 5",
  ],
];

const styles: Array<[string, (call: BadCall) => (ctx: DurableContext) => Promise<unknown>]> = [
  [
    "not awaited",
    (call) => async (ctx) => {
      void call(ctx);
      return "ok";
    },
  ],
  ["awaited", (call) => async (ctx) => await call(ctx)],
  [
    "awaited and caught",
    (call) => async (ctx) => {
      try {
        await call(ctx);
      } catch {
        // a caught config error must still fail the execution, as for core's operations
      }
      return "ok";
    },
  ],
];

describe.each(cases)("%s with a bad argument", (_label, call, message) => {
  it.each(styles)(
    "%s: the execution FAILS with InvalidOperationConfigError before any update",
    async (_s, style) => {
      const run = harness(async (_e, ctx) => style(call)(ctx));
      const out = (await run.invoke()) as {
        Status: string;
        Error?: { ErrorType?: string; ErrorMessage?: string };
      };
      expect(out.Status).toBe("FAILED");
      expect(out.Error?.ErrorType).toBe("InvalidOperationConfigError");
      expect(out.Error?.ErrorMessage).toContain(message);
      expect(run.backend.allUpdates()).toEqual([]);
    },
  );
});
