// withRetry: attempts re-run the block, durable backoff waits between them (named
// `<name>-backoff-<n>`), wrapped in a child context by default.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ChildContextError,
  withRetry,
  type ChildConfig,
  type DurableContext,
  type WithRetryConfig,
} from "../../src/index.js";
import { hashOperationId as h } from "../../src/replay/operation-id.js";
import { harness } from "../core/harness.js";
import { resultOf } from "./invocation-result.js";

const upTo =
  (max: number, seconds = 2) =>
  (_e: Error, attempt: number) => ({
    shouldRetry: attempt < max,
    delay: { seconds },
  });

describe("withRetry", () => {
  it("re-runs the block after a durable backoff wait until it succeeds", async () => {
    const attempts: number[] = [];
    const run = harness(async (_e, ctx: DurableContext) =>
      withRetry(
        ctx,
        "charge",
        async (c, attempt) => {
          attempts.push(attempt);
          return c.step(
            `try-${attempt}`,
            async () => {
              if (attempt < 2) throw new Error("declined");
              return "paid";
            },
            { retryStrategy: () => ({ shouldRetry: false }) },
          );
        },
        { retryStrategy: upTo(3) },
      ),
    );
    expect((await run.invoke()).Status).toBe("PENDING");
    expect(run.backend.allUpdates().map((u) => `${u.Action} ${u.Type} ${u.Name ?? "-"} ${u.Id}`)).toEqual([
      `START CONTEXT charge ${h("1")}`,
      `START STEP try-1 ${h("1-1")}`,
      `FAIL STEP try-1 ${h("1-1")}`,
      `START WAIT charge-backoff-1 ${h("1-2")}`,
    ]);
    expect(run.backend.allUpdates()[3]?.WaitOptions).toEqual({ WaitSeconds: 2 });
    run.backend.advanceTime(2);
    expect(await run.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"paid"' });
    expect(attempts).toEqual([1, 1, 2]); // attempt 1 replays from its record, then attempt 2 runs live
    expect(run.backend.allUpdates().at(-1)).toMatchObject({
      Id: h("1"),
      Action: "SUCCEED",
      Payload: '"paid"',
    });
  });

  it("gives up with ChildContextError carrying the last error, or rethrows it unwrapped", async () => {
    const run = harness(async (_e, ctx: DurableContext) => {
      const failing = async (): Promise<never> => {
        throw new RangeError("always");
      };
      const wrapped = await withRetry(ctx, failing, { retryStrategy: () => ({ shouldRetry: false }) }).catch(
        (e: unknown) => e,
      );
      const bare = await withRetry(ctx, failing, {
        retryStrategy: () => ({ shouldRetry: false }),
        wrapWithRunInChildContext: false,
      }).catch((e: unknown) => e);
      return [wrapped instanceof ChildContextError, (wrapped as Error).message, bare instanceof RangeError];
    });
    expect(resultOf(await run.invoke())).toEqual([true, "always", true]);
    // anonymous: the wrapping context has no name
    expect(run.backend.allUpdates()[0]).toEqual({
      Id: h("1"),
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      Action: "START",
    });
  });

  it("waits 1 s when the strategy gives no delay, unnamed without a name", async () => {
    const run = harness(async (_e, ctx: DurableContext) =>
      withRetry(
        ctx,
        async (_c, attempt) => {
          if (attempt === 1) throw new Error("once");
          return attempt;
        },
        { retryStrategy: () => ({ shouldRetry: true }) },
      ),
    );
    expect((await run.invoke()).Status).toBe("PENDING");
    expect(run.backend.allUpdates().at(-1)).toEqual({
      Id: h("1-1"),
      ParentId: h("1"),
      Type: "WAIT",
      SubType: "Wait",
      Action: "START",
      WaitOptions: { WaitSeconds: 1 },
    });
    run.backend.advanceTime(1);
    expect(await run.invoke()).toEqual({ Status: "SUCCEEDED", Result: "2" });
  });
});

describe("withRetry types", () => {
  it("infers the result type from the retried function in both overloads", () => {
    const _typed = (ctx: DurableContext) => {
      const named = withRetry(ctx, "n", async () => 1, { retryStrategy: upTo(2) });
      const anonymous = withRetry(ctx, async (_c, attempt) => `#${attempt}`, { retryStrategy: upTo(2) });
      return { named, anonymous };
    };
    expectTypeOf<ReturnType<typeof _typed>["named"]>().toEqualTypeOf<Promise<number>>();
    expectTypeOf<ReturnType<typeof _typed>["anonymous"]>().toEqualTypeOf<Promise<string>>();
    expectTypeOf<WithRetryConfig<number>["childContextConfig"]>().toEqualTypeOf<
      ChildConfig<number> | undefined
    >();
  });
});
