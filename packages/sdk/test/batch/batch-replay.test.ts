// Replay of map/parallel: completed batches are not re-run, summarized (> 256 KiB) batches are
// rebuilt from their item records (NESTED and FLAT), in-flight items do not hang the rebuild,
// and batches whose items wait on callbacks progress across invocations.
import { describe, expect, it } from "vitest";
import { NestingType, type BatchResult } from "../../src/index.js";
import { hashOperationId as h } from "../../src/replay/operation-id.js";
import { harness } from "../core/harness.js";
import { resultOf } from "./invocation-result.js";

const BIG = 100_000; // three items of this size exceed the 256 KiB context limit together

const describeBatch = (r: BatchResult<string>) => ({
  reason: r.completionReason,
  all: r.all.map((i) => `${i.index}:${i.status}:${i.result === undefined ? "" : i.result.length}`),
});

describe("replay of a completed batch", () => {
  it("returns the stored BatchResult without re-running items or sending updates (9-17, 9-18)", async () => {
    let runs = 0;
    const run = harness(async (_e, ctx) => {
      const r = await ctx.map(
        ["ok", "fail"],
        async (_c, item: string) => {
          runs++;
          if (item === "fail") throw new Error("no");
          return item.toUpperCase();
        },
        { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
      );
      await ctx.wait({ seconds: 1 });
      return {
        reason: r.completionReason,
        status: r.status,
        results: r.getResults(),
        errors: r.getErrors().map((e) => e.message),
      };
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    const calls = run.backend.calls.length;
    run.backend.advanceTime(1);
    const out = await run.invoke();
    expect(resultOf(out)).toEqual({
      reason: "ALL_COMPLETED",
      status: "FAILED",
      results: ["OK"],
      errors: ["no"],
    });
    expect(runs).toBe(2);
    expect(
      run.backend.calls
        .slice(calls)
        .flatMap((c) => c.updates)
        .map((u) => `${u.Action} ${u.Type}`),
    ).toEqual([]);
  });
});

describe("summarized batches (> 256 KiB)", () => {
  it("store a summary with ReplayChildren and rebuild from item records on replay (9-16, #751)", async () => {
    const runs: number[] = [];
    const run = harness(async (_e, ctx) => {
      const r = await ctx.map(
        "large",
        [0, 1, 2, 3],
        async (c, i: number) => {
          runs.push(i);
          return c.step(async () => String(i).repeat(BIG));
        },
        { maxConcurrency: 1 },
      );
      await ctx.wait({ seconds: 1 });
      return {
        successCount: r.successCount,
        totalCount: r.totalCount,
        lengths: r.getResults().map((s) => s.length),
      };
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    const mapSucceed = run.backend.allUpdates().find((u) => u.Id === h("1") && u.Action === "SUCCEED");
    expect(mapSucceed?.ContextOptions).toEqual({ ReplayChildren: true });
    expect(JSON.parse(mapSucceed?.Payload as string)).toEqual({
      type: "MapResult",
      totalCount: 4,
      successCount: 4,
      failureCount: 0,
      completionReason: "ALL_COMPLETED",
      status: "SUCCEEDED",
      itemStatuses: "SSSS",
    });
    const sent = run.backend.allUpdates().length;
    run.backend.advanceTime(1);
    const out = await run.invoke();
    expect(resultOf(out)).toEqual({ successCount: 4, totalCount: 4, lengths: [BIG, BIG, BIG, BIG] });
    // the items were not re-run (their contexts returned their records) and nothing was re-sent
    expect(runs).toEqual([0, 1, 2, 3]);
    expect(
      run.backend
        .allUpdates()
        .slice(sent)
        .map((u) => `${u.Action} ${u.Type}`),
    ).toEqual([]);
  });

  it("rebuild keeps the recorded reason and reports an item that was in flight as STARTED without hanging (#751)", async () => {
    const run = harness(async (_e, ctx) => {
      const r = await ctx.parallel<string>(
        [
          async (c) => {
            await c.wait({ seconds: 100 }); // still waiting when minSuccessful is reached
            return "slow";
          },
          async (c) => c.step(async () => "a".repeat(BIG * 2)),
          async (c) => c.step(async () => "b".repeat(BIG * 2)),
        ],
        { completionConfig: { minSuccessful: 2 } },
      );
      await ctx.wait({ seconds: 1 });
      return describeBatch(r);
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    const summary = JSON.parse(
      run.backend.allUpdates().find((u) => u.Id === h("1") && u.Action === "SUCCEED")?.Payload as string,
    );
    expect(summary).toMatchObject({
      type: "ParallelResult",
      startedCount: 1,
      itemStatuses: "-SS",
      completionReason: "MIN_SUCCESSFUL_REACHED",
    });
    run.backend.advanceTime(1);
    // The in-flight branch is reported STARTED, as the live run reported it (the official SDK drops it).
    expect(resultOf(await run.invoke())).toEqual({
      reason: "MIN_SUCCESSFUL_REACHED",
      all: ["0:STARTED:", `1:SUCCEEDED:${BIG * 2}`, `2:SUCCEEDED:${BIG * 2}`],
    });
  });

  it("an item whose record contradicts its marker (not terminal) is reported STARTED instead of hanging the rebuild", async () => {
    const run = harness(async (_e, ctx) => {
      const r = await ctx.map("large", [0, 1, 2], async (_c, i: number) => String(i).repeat(BIG), {
        maxConcurrency: 1,
      });
      await ctx.wait({ seconds: 1 });
      return describeBatch(r);
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    // a foreign history: the summary says item 1 succeeded but its own record is still STARTED
    const item1 = run.backend.operation(h("1-2"));
    if (item1) item1.Status = "STARTED";
    run.backend.advanceTime(1);
    expect(resultOf(await run.invoke())).toEqual({
      reason: "ALL_COMPLETED",
      all: [`0:SUCCEEDED:${BIG}`, "1:STARTED:", `2:SUCCEEDED:${BIG}`],
    });
  });

  it("a full payload kept with ReplayChildren by plugins (childOperationsDepth) is rebuilt from its `all` entries", async () => {
    let runs = 0;
    const run = harness(
      async (_e, ctx) => {
        const r = await ctx.map(
          "kept",
          ["a", "b", "c"],
          async (_c, item: string) => {
            runs++;
            if (item === "b") throw new Error("b failed");
            return item;
          },
          { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
        );
        await ctx.wait({ seconds: 1 });
        return [
          r.completionReason,
          r.all.map((i) => `${i.index}:${i.status}`),
          r.getErrors().map((e) => e.message),
        ];
      },
      { config: { pluginsConfig: { childOperationsDepth: 1 } } },
    );
    expect((await run.invoke()).Status).toBe("PENDING");
    const stored = run.backend.allUpdates().find((u) => u.Id === h("1") && u.Action === "SUCCEED");
    expect(stored?.ContextOptions).toEqual({ ReplayChildren: true });
    expect(JSON.parse(stored?.Payload as string)).toMatchObject({ completionReason: "ALL_COMPLETED" });
    run.backend.advanceTime(1);
    expect(resultOf(await run.invoke())).toEqual([
      "ALL_COMPLETED",
      ["0:SUCCEEDED", "1:FAILED", "2:SUCCEEDED"],
      ["b failed"],
    ]);
    expect(runs).toBe(3); // rebuilt from the item records, not re-run
  });

  it("FLAT batches are rebuilt too, not returned empty (#894)", async () => {
    const run = harness(async (_e, ctx) => {
      const r = await ctx.map(
        "flat",
        [0, 1, 2],
        async (c, i: number) => c.step(async () => String(i).repeat(BIG)),
        {
          nesting: NestingType.FLAT,
          maxConcurrency: 1,
          completionConfig: { toleratedFailureCount: 3 },
        },
      );
      await ctx.wait({ seconds: 1 });
      return describeBatch(r);
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    expect(run.backend.allUpdates().some((u) => u.SubType === "MapIteration")).toBe(false);
    run.backend.advanceTime(1);
    expect(resultOf(await run.invoke())).toEqual({
      reason: "ALL_COMPLETED",
      all: [`0:SUCCEEDED:${BIG}`, `1:SUCCEEDED:${BIG}`, `2:SUCCEEDED:${BIG}`],
    });
  });

  it("a custom summaryGenerator is added under `summary`, never replacing the record", async () => {
    const run = harness(async (_e, ctx) => {
      const r = await ctx.map([0, 1, 2], async (_c, i: number) => String(i).repeat(BIG), {
        summaryGenerator: (x) => `${x.totalCount} big strings`,
      });
      return r.totalCount;
    });
    expect(resultOf(await run.invoke())).toBe(3);
    const payload = run.backend.allUpdates().find((u) => u.Id === h("1") && u.Action === "SUCCEED")?.Payload;
    expect(JSON.parse(payload as string)).toMatchObject({
      type: "MapResult",
      itemStatuses: "SSS",
      summary: "3 big strings",
    });
  });
});

describe("items that wait", () => {
  it("a map whose items wait for callbacks suspends and completes once every callback is answered (#510)", async () => {
    const run = harness(async (_e, ctx) => {
      const r = await ctx.map("approvals", ["a", "b"], (c, item: string) =>
        c.waitForCallback(`approve-${item}`, async () => undefined),
      );
      return r.getResults();
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    const callbacks = run.backend
      .operations()
      .filter((o) => o.Type === "CALLBACK")
      .map((o) => run.backend.callbackIdOf(o.Id as string) as string);
    expect(callbacks).toHaveLength(2);
    run.backend.completeCallback(callbacks[0] as string, "yes-a");
    expect((await run.invoke()).Status).toBe("PENDING");
    run.backend.completeCallback(callbacks[1] as string, "yes-b");
    expect(await run.invoke()).toEqual({ Status: "SUCCEEDED", Result: '["yes-a","yes-b"]' });
  });

  it("a branch suspended on a wait resumes; the completed branch is not re-run (8-14)", async () => {
    let branch0Runs = 0;
    const run = harness(async (_e, ctx) =>
      (
        await ctx.parallel(
          "replay",
          [
            async (c) => {
              branch0Runs++;
              return c.step(async () => "b0");
            },
            async (c) => {
              await c.wait({ seconds: 2 });
              return "b1";
            },
          ],
          { maxConcurrency: 1 },
        )
      ).getResults(),
    );
    expect((await run.invoke()).Status).toBe("PENDING");
    run.backend.advanceTime(2);
    expect(await run.invoke()).toEqual({ Status: "SUCCEEDED", Result: '["b0","b1"]' });
    expect(branch0Runs).toBe(1);
  });
});
