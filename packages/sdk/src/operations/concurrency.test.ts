import { describe, it, expect } from "vitest";
import {
  BatchItemStatus,
  completeBatch,
  CompletionOutcome,
  continueBatch,
  type CompletionConfig,
} from "../types/batch.js";
import { InvalidOperationConfigError } from "../errors.js";
import { validateBatchConfig } from "./batch.js";
import { decideCompletion, runConcurrently } from "./concurrency.js";

/** A hand-driven item: the test decides when and how each started item settles. */
interface Controlled {
  started: number[];
  settle(index: number, outcome: { value: unknown } | { error: unknown }): Promise<void>;
}

function controlled(): { start: (i: number) => Promise<unknown>; ctl: Controlled } {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const started: number[] = [];
  return {
    start: (i) =>
      new Promise((resolve, reject) => {
        started.push(i);
        pending.set(i, { resolve, reject });
      }),
    ctl: {
      started,
      async settle(index, outcome) {
        const p = pending.get(index);
        if (!p) throw new Error(`item ${index} not started`);
        if ("value" in outcome) p.resolve(outcome.value);
        else p.reject(outcome.error);
        // let the engine's then-callbacks run
        await new Promise((r) => setImmediate(r));
      },
    },
  };
}

const noNames = (): undefined => undefined;

describe("runConcurrently", () => {
  it("starts items in index order within maxConcurrency and reports results in index order", async () => {
    const { start, ctl } = controlled();
    const done = runConcurrently({ total: 4, maxConcurrency: 2, nameOf: noNames }, start);
    expect(ctl.started).toEqual([0, 1]);
    await ctl.settle(1, { value: "b" });
    expect(ctl.started).toEqual([0, 1, 2]);
    await ctl.settle(0, { value: "a" });
    expect(ctl.started).toEqual([0, 1, 2, 3]);
    await ctl.settle(3, { value: "d" });
    await ctl.settle(2, { value: "c" });
    const outcome = await done;
    expect(outcome.completionReason).toBe("ALL_COMPLETED");
    expect(outcome.items).toEqual([
      { index: 0, status: "SUCCEEDED", result: "a" },
      { index: 1, status: "SUCCEEDED", result: "b" },
      { index: 2, status: "SUCCEEDED", result: "c" },
      { index: 3, status: "SUCCEEDED", result: "d" },
    ]);
  });

  it("starts everything at once without maxConcurrency", async () => {
    const { start, ctl } = controlled();
    void runConcurrently({ total: 3, nameOf: noNames }, start);
    expect(ctl.started).toEqual([0, 1, 2]);
  });

  it("fails fast without a completion config and reports running items as STARTED", async () => {
    const { start, ctl } = controlled();
    const done = runConcurrently({ total: 4, maxConcurrency: 2, nameOf: noNames }, start);
    const boom = new Error("boom");
    await ctl.settle(1, { error: boom });
    const outcome = await done;
    expect(outcome.completionReason).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(outcome.items).toEqual([
      { index: 0, status: "STARTED" },
      { index: 1, status: "FAILED", error: boom },
    ]);
    // a late completion does not change the reported outcome
    await ctl.settle(0, { value: "late" });
    expect(outcome.items[0]).toEqual({ index: 0, status: "STARTED" });
    expect(ctl.started).toEqual([0, 1]);
  });

  it("an empty completion config also fails fast", async () => {
    const { start, ctl } = controlled();
    const done = runConcurrently(
      { total: 2, maxConcurrency: 1, completionConfig: {}, nameOf: noNames },
      start,
    );
    await ctl.settle(0, { error: new Error("x") });
    expect((await done).completionReason).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(ctl.started).toEqual([0]);
  });

  it("toleratedFailureCount stops only when exceeded", async () => {
    const { start, ctl } = controlled();
    const done = runConcurrently(
      { total: 3, maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 }, nameOf: noNames },
      start,
    );
    await ctl.settle(0, { error: new Error("1") });
    expect(ctl.started).toEqual([0, 1]);
    await ctl.settle(1, { error: new Error("2") });
    const outcome = await done;
    expect(outcome.completionReason).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(outcome.items.map((i) => i.status)).toEqual(["FAILED", "FAILED"]);
    expect(ctl.started).toEqual([0, 1]);
  });

  it("toleratedFailurePercentage compares strictly against the total", async () => {
    const { start, ctl } = controlled();
    const done = runConcurrently(
      { total: 4, maxConcurrency: 1, completionConfig: { toleratedFailurePercentage: 25 }, nameOf: noNames },
      start,
    );
    await ctl.settle(0, { error: new Error("1") }); // 25 %: tolerated
    expect(ctl.started).toEqual([0, 1]);
    await ctl.settle(1, { error: new Error("2") }); // 50 %
    expect((await done).completionReason).toBe("FAILURE_TOLERANCE_EXCEEDED");
  });

  it("minSuccessful completes early and keeps failures seen so far (#214/#226)", async () => {
    const { start, ctl } = controlled();
    const done = runConcurrently(
      {
        total: 5,
        maxConcurrency: 1,
        completionConfig: { minSuccessful: 2, toleratedFailureCount: 5 },
        nameOf: noNames,
      },
      start,
    );
    await ctl.settle(0, { value: 0 });
    await ctl.settle(1, { error: new Error("f") });
    await ctl.settle(2, { value: 2 });
    const outcome = await done;
    expect(outcome.completionReason).toBe("MIN_SUCCESSFUL_REACHED");
    expect(outcome.items.map((i) => i.status)).toEqual(["SUCCEEDED", "FAILED", "SUCCEEDED"]);
  });

  it("tolerating every failure completes all items with ALL_COMPLETED", async () => {
    const { start, ctl } = controlled();
    const done = runConcurrently(
      { total: 2, maxConcurrency: 1, completionConfig: { toleratedFailureCount: 2 }, nameOf: noNames },
      start,
    );
    await ctl.settle(0, { error: new Error("a") });
    await ctl.settle(1, { error: new Error("b") });
    expect((await done).completionReason).toBe("ALL_COMPLETED");
  });

  it("an empty batch completes at once", async () => {
    const outcome = await runConcurrently({ total: 0, nameOf: noNames }, () => Promise.resolve(1));
    expect(outcome).toEqual({ items: [], completionReason: "ALL_COMPLETED" });
  });

  it("a custom predicate sees index-ordered item statuses with names and owns the reason", async () => {
    const { start, ctl } = controlled();
    const seen: unknown[] = [];
    const config: CompletionConfig = {
      shouldComplete: (s) => {
        seen.push({ ...s, items: s.items.map((i) => ({ ...i })) });
        return s.items[2]?.status === BatchItemStatus.SUCCEEDED
          ? completeBatch(CompletionOutcome.FAILED)
          : continueBatch();
      },
    };
    const done = runConcurrently(
      {
        total: 4,
        maxConcurrency: 3,
        completionConfig: config,
        nameOf: (i) => (i === 0 ? "first" : undefined),
      },
      start,
    );
    expect(ctl.started).toEqual([0, 1, 2]);
    await ctl.settle(2, { value: "c" });
    const outcome = await done;
    expect(outcome.completionReason).toBe("CUSTOM_COMPLETION_FAILED");
    expect(outcome.items.map((i) => i.status)).toEqual(["STARTED", "STARTED", "SUCCEEDED"]);
    expect(seen.at(-1)).toEqual({
      successCount: 1,
      failureCount: 0,
      completedCount: 1,
      totalCount: 4,
      items: [
        { index: 0, name: "first", status: "STARTED" },
        { index: 1, status: "STARTED" },
        { index: 2, status: "SUCCEEDED" },
        { index: 3 },
      ],
    });
  });

  it("a custom predicate can complete before anything starts", async () => {
    let starts = 0;
    const outcome = await runConcurrently(
      { total: 3, completionConfig: { shouldComplete: () => completeBatch() }, nameOf: noNames },
      () => {
        starts++;
        return Promise.resolve(1);
      },
    );
    expect(outcome).toEqual({ items: [], completionReason: "CUSTOM_COMPLETION_SUCCEEDED" });
    expect(starts).toBe(0);
  });

  it("a custom predicate that never completes still ends when every item is done", async () => {
    const outcome = await runConcurrently(
      { total: 2, completionConfig: { shouldComplete: () => continueBatch() }, nameOf: noNames },
      (i) => (i === 0 ? Promise.reject(new Error("x")) : Promise.resolve(i)),
    );
    expect(outcome.completionReason).toBe("ALL_COMPLETED");
    expect(outcome.items.map((i) => i.status)).toEqual(["FAILED", "SUCCEEDED"]);
  });

  it("a start function that throws synchronously becomes a failed item", async () => {
    const outcome = await runConcurrently(
      { total: 1, completionConfig: { toleratedFailureCount: 1 }, nameOf: noNames },
      () => {
        throw new Error("sync");
      },
    );
    expect(outcome.items[0]).toMatchObject({ status: "FAILED" });
  });
});

describe("decideCompletion", () => {
  const progress = (s: number, f: number, total: number) => ({
    successCount: s,
    failureCount: f,
    completedCount: s + f,
    totalCount: total,
    items: [],
  });
  it("checks tolerance before all-completed and min-successful", () => {
    expect(decideCompletion({ toleratedFailureCount: 0, minSuccessful: 1 }, progress(1, 1, 2))).toBe(
      "FAILURE_TOLERANCE_EXCEEDED",
    );
    expect(decideCompletion({ minSuccessful: 1 }, progress(1, 1, 2))).toBe("ALL_COMPLETED");
    expect(decideCompletion({ minSuccessful: 1 }, progress(1, 0, 3))).toBe("MIN_SUCCESSFUL_REACHED");
    expect(decideCompletion({ minSuccessful: 2 }, progress(1, 1, 3))).toBeUndefined();
  });
});

describe("validateBatchConfig", () => {
  it.each([
    [{ maxConcurrency: 0 }, /maxConcurrency.*received 0/],
    [{ maxConcurrency: -1 }, /maxConcurrency/],
    [{ maxConcurrency: Number.NaN }, /maxConcurrency/],
    [{ maxConcurrency: "2" }, /maxConcurrency.*"2"/],
    [{ completionConfig: { shouldComplete: () => completeBatch(), minSuccessful: 1 } }, /mutually exclusive/],
    [{ completionConfig: { toleratedFailureCount: -1 } }, /toleratedFailureCount/],
    [{ completionConfig: { shouldComplete: 3 } }, /shouldComplete: expected a function/],
    [{ completionConfig: "all" }, /completionConfig: expected an object/],
  ])("rejects %j", (config, message) => {
    expect(() => validateBatchConfig("map", config)).toThrow(InvalidOperationConfigError);
    expect(() => validateBatchConfig("map", config)).toThrow(message);
  });

  it("accepts valid configs", () => {
    expect(() => validateBatchConfig("parallel", undefined)).not.toThrow();
    expect(() =>
      validateBatchConfig("parallel", { maxConcurrency: 3, completionConfig: { minSuccessful: 0 } }),
    ).not.toThrow();
    expect(() =>
      validateBatchConfig("parallel", { completionConfig: { shouldComplete: () => continueBatch() } }),
    ).not.toThrow();
  });
});
