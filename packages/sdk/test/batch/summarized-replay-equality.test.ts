// A summarized (> 256 KiB) map/parallel rebuilt on replay equals the BatchResult the live run
// returned: same items (in-flight ones STARTED, never-started ones absent), statuses, counts and
// completion reason — for NESTED and FLAT nesting.
import { describe, expect, it } from "vitest";
import { NestingType, type BatchResult, type DurableContext } from "../../src/index.js";
import { hashOperationId as h } from "../../src/replay/operation-id.js";
import { harness } from "../core/harness.js";

const BIG = 150_000; // two results of this size exceed the 256 KiB context limit together

/** Everything observable on a BatchResult, as plain data. */
function snapshot(r: BatchResult<string>): unknown {
  return {
    all: r.all.map((item) => ({
      index: item.index,
      status: item.status,
      resultLength: item.result?.length,
      error: item.error && { name: item.error.name, message: item.error.message },
    })),
    completionReason: r.completionReason,
    status: r.status,
    hasFailure: r.hasFailure,
    successCount: r.successCount,
    failureCount: r.failureCount,
    startedCount: r.startedCount,
    totalCount: r.totalCount,
  };
}

/**
 * Item 0 succeeds big, item 1 fails, item 2 is still waiting when item 3 (big) reaches
 * minSuccessful 2, and item 4 never starts (maxConcurrency 2).
 */
async function item(c: DurableContext, index: number, runs: number[]): Promise<string> {
  runs.push(index);
  if (index === 1) throw new Error("item 1 failed");
  if (index === 2) {
    await c.wait({ seconds: 100 });
    return "late";
  }
  return c.step(async () => {
    runs.push(100 + index); // step bodies are logged as 100 + index
    return String(index).repeat(BIG);
  });
}

const config = (nesting: NestingType) => ({
  nesting,
  maxConcurrency: 2,
  completionConfig: { minSuccessful: 2, toleratedFailureCount: 1 },
});

const runners = {
  map: (ctx: DurableContext, nesting: NestingType, runs: number[]) =>
    ctx.map("batch", [0, 1, 2, 3, 4], (c, i: number) => item(c, i, runs), config(nesting)),
  parallel: (ctx: DurableContext, nesting: NestingType, runs: number[]) =>
    ctx.parallel<string>(
      "batch",
      [0, 1, 2, 3, 4].map((i) => (c: DurableContext) => item(c, i, runs)),
      config(nesting),
    ),
};

describe.each([
  ["map", NestingType.NESTED],
  ["map", NestingType.FLAT],
  ["parallel", NestingType.NESTED],
  ["parallel", NestingType.FLAT],
] as const)("summarized %s (%s) replay", (kind, nesting) => {
  it("returns the BatchResult of the live run", async () => {
    const seen: unknown[] = [];
    const runs: number[] = [];
    const run = harness(async (_e, ctx) => {
      const result = await runners[kind](ctx, nesting, runs);
      seen.push(snapshot(result));
      await ctx.wait({ seconds: 1 });
      return "done";
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    const stored = run.backend.allUpdates().find((u) => u.Id === h("1") && u.Action === "SUCCEED");
    expect(stored?.ContextOptions).toEqual({ ReplayChildren: true });
    expect(JSON.parse(stored?.Payload as string)).toMatchObject({ itemStatuses: "SF-S" });
    const live = seen[0];
    expect(live).toMatchObject({
      all: [
        { index: 0, status: "SUCCEEDED", resultLength: BIG },
        { index: 1, status: "FAILED", error: { message: "item 1 failed" } },
        { index: 2, status: "STARTED" },
        { index: 3, status: "SUCCEEDED", resultLength: BIG },
      ],
      completionReason: "MIN_SUCCESSFUL_REACHED",
      status: "FAILED",
      successCount: 2,
      failureCount: 1,
      startedCount: 1,
      totalCount: 4,
    });
    const liveRuns = runs.length;

    run.backend.advanceTime(1);
    expect((await run.invoke()).Status).toBe("SUCCEEDED");
    expect(seen[1]).toEqual(live);
    // Rebuilt from records: a NESTED item returns its context's record without running; a FLAT
    // item has no record of its own, so its function runs again and its steps return their
    // records. The in-flight item 2 and the never-started item 4 run in neither case.
    expect(runs.slice(liveRuns)).toEqual(nesting === NestingType.FLAT ? [0, 1, 3] : []);
  });
});
