// Executions started by one SDK replay under the other (SDK.md goal (c)) for the batch shapes
// whose replay is subtle: summarized (> 256 KiB) NESTED and FLAT batches, an in-flight item at
// early completion, failed items, and waitForCallback. The first invocation runs under one SDK,
// the rest under the other, on the same in-memory backend.
import { withDurableExecution as officialWithDurableExecution } from "@aws/durable-execution-sdk-js";
import { describe, expect, it } from "vitest";
import { MemoryTransport } from "../support/memory-transport.js";
import { NestingType, withDurableExecution, type DurableContext } from "../../src/index.js";
import { lambdaContext } from "../core/harness.js";
import { resultOf } from "./invocation-result.js";

type Body = (ctx: DurableContext) => Promise<unknown>;
type Sdk = "ours" | "official";
type Invoke = (backend: MemoryTransport) => Promise<{ Status: string }>;

const BIG = 100_000;

function handlerUnder(sdk: Sdk, body: Body, backend: MemoryTransport): Invoke {
  const config = { durableExecutionClient: backend };
  const entry =
    sdk === "ours"
      ? withDurableExecution(async (_e: unknown, ctx: DurableContext) => body(ctx), config)
      : officialWithDurableExecution(
          async (_e: unknown, ctx) => body(ctx as unknown as DurableContext),
          config as never,
        );
  return async (b) =>
    await (entry as (e: unknown, c: unknown) => Promise<{ Status: string }>)(
      b.invocationEvent(),
      lambdaContext(),
    );
}

/**
 * Invocation 1 under `first`, then `between(backend)` (time passes, callbacks answer), then
 * invocation 2 under `second`; returns both outputs and the updates invocation 2 sent.
 */
async function handOver(first: Sdk, second: Sdk, body: Body, between: (backend: MemoryTransport) => void) {
  const backend = new MemoryTransport();
  const out1 = await handlerUnder(first, body, backend)(backend);
  const sent = backend.allUpdates().length;
  between(backend);
  const out2 = await handlerUnder(second, body, backend)(backend);
  return { out1, out2, backend, later: backend.allUpdates().slice(sent) };
}

const pairs: Array<[Sdk, Sdk]> = [
  ["official", "ours"],
  ["ours", "official"],
];

describe.each(pairs)("started under %s, resumed under %s", (first, second) => {
  it("a summarized NESTED map rebuilds from its item records", async () => {
    const body: Body = async (ctx) => {
      const r = await ctx.map(
        "large",
        [0, 1, 2, 3],
        async (c, i: number) => c.step(async () => String(i).repeat(BIG)),
        {
          maxConcurrency: 1,
          completionConfig: { toleratedFailureCount: 1 },
        },
      );
      await ctx.wait({ seconds: 1 });
      return { reason: r.completionReason, lengths: r.getResults().map((s) => s.length) };
    };
    const { out1, out2, later } = await handOver(first, second, body, (b) => b.advanceTime(1));
    expect(out1.Status).toBe("PENDING");
    expect(resultOf(out2)).toEqual({ reason: "ALL_COMPLETED", lengths: [BIG, BIG, BIG, BIG] });
    expect(later).toEqual([]);
  });

  it("a summarized FLAT parallel rebuilds (not empty)", async () => {
    const body: Body = async (ctx) => {
      const r = await ctx.parallel(
        "flat",
        [0, 1, 2].map((i) => async (c: DurableContext) => c.step(async () => String(i).repeat(BIG))),
        { nesting: NestingType.FLAT },
      );
      await ctx.wait({ seconds: 1 });
      return r.all.map((item) => `${item.index}:${item.status}`);
    };
    const { out2, later } = await handOver(first, second, body, (b) => b.advanceTime(1));
    expect(resultOf(out2)).toEqual(["0:SUCCEEDED", "1:SUCCEEDED", "2:SUCCEEDED"]);
    expect(later).toEqual([]);
  });

  it("a summarized batch completed by minSuccessful with an item still waiting does not hang", async () => {
    const body: Body = async (ctx) => {
      const r = await ctx.parallel<string>(
        [
          async (c) => {
            await c.wait({ seconds: 100 });
            return "slow";
          },
          async (c) => c.step(async () => "a".repeat(BIG * 2)),
          async (c) => c.step(async () => "b".repeat(BIG * 2)),
        ],
        { completionConfig: { minSuccessful: 2 } },
      );
      await ctx.wait({ seconds: 1 });
      return { reason: r.completionReason, done: r.succeeded().map((i) => i.index) };
    };
    const { out2 } = await handOver(first, second, body, (b) => b.advanceTime(1));
    expect(resultOf(out2)).toEqual({ reason: "MIN_SUCCESSFUL_REACHED", done: [1, 2] });
  });

  it("a batch with a failed item keeps its error class and message", async () => {
    const body: Body = async (ctx) => {
      const r = await ctx.map(
        ["ok", "bad"],
        async (_c, item: string) => {
          if (item === "bad") throw new RangeError("bad item");
          return item;
        },
        { completionConfig: { toleratedFailureCount: 1 }, maxConcurrency: 1 },
      );
      await ctx.wait({ seconds: 1 });
      const [error] = r.getErrors();
      return { results: r.getResults(), error: [error?.name, error?.message], status: r.status };
    };
    const { out2 } = await handOver(first, second, body, (b) => b.advanceTime(1));
    expect(resultOf(out2)).toEqual({
      results: ["ok"],
      error: ["ChildContextError", "bad item"],
      status: "FAILED",
    });
  });

  it("a waitForCallback started by one SDK completes under the other", async () => {
    const body: Body = async (ctx) => ctx.waitForCallback("approval", async () => undefined);
    const { out1, out2, later } = await handOver(first, second, body, (b) => {
      const callback = b.operations().find((o) => o.Type === "CALLBACK");
      b.completeCallback(b.callbackIdOf(callback?.Id as string) as string, "approved");
    });
    expect(out1.Status).toBe("PENDING");
    expect(resultOf(out2)).toBe("approved");
    expect(later.map((u) => `${u.Action} ${u.Type}/${u.SubType} ${u.Payload}`)).toEqual([
      'SUCCEED CONTEXT/WaitForCallback "approved"',
    ]);
  });

  it("a combinator awaited after a later step takes the same id under both SDKs", async () => {
    const body: Body = async (ctx) => {
      const a = ctx.step("a", async () => 1);
      const both = ctx.promise.all("both", [a]);
      const b = await ctx.step("b", async () => 2);
      const [va] = await both;
      await ctx.wait({ seconds: 1 });
      return [va, b];
    };
    const { out1, out2, later } = await handOver(first, second, body, (b) => b.advanceTime(1));
    expect(out1.Status).toBe("PENDING");
    expect(resultOf(out2)).toEqual([1, 2]);
    expect(later).toEqual([]);
  });
});

describe.each([NestingType.NESTED, NestingType.FLAT])(
  "a summary written by the official SDK 2.4.0 (%s), replayed by ours",
  (nesting) => {
    it("rebuilds the BatchResult the official live run returned, in-flight item included", async () => {
      const seen: unknown[] = [];
      const body: Body = async (ctx) => {
        const r = await ctx.map(
          "batch",
          [0, 1, 2, 3, 4],
          async (c, i: number) => {
            if (i === 1) throw new Error("item 1 failed");
            if (i === 2) {
              await c.wait({ seconds: 100 }); // still waiting at completion
              return "late";
            }
            return c.step(async () => String(i).repeat(BIG * 1.5));
          },
          { nesting, maxConcurrency: 2, completionConfig: { minSuccessful: 2, toleratedFailureCount: 1 } },
        );
        seen.push({
          all: r.all.map((item) => `${item.index}:${item.status}:${item.error?.message ?? ""}`),
          reason: r.completionReason,
          status: r.status,
          counts: [r.successCount, r.failureCount, r.startedCount, r.totalCount],
        });
        await ctx.wait({ seconds: 1 });
        return "done";
      };
      const { out1, out2 } = await handOver("official", "ours", body, (b) => b.advanceTime(1));
      expect(out1.Status).toBe("PENDING");
      expect(out2.Status).toBe("SUCCEEDED");
      expect(seen[0]).toEqual({
        all: ["0:SUCCEEDED:", "1:FAILED:item 1 failed", "2:STARTED:", "3:SUCCEEDED:"],
        reason: "MIN_SUCCESSFUL_REACHED",
        status: "FAILED",
        counts: [2, 1, 1, 4],
      });
      expect(seen[1]).toEqual(seen[0]);
    });
  },
);
