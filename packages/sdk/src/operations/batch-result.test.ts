import { describe, it, expect } from "vitest";
import { BatchCompletionError, ChildContextError, StepError } from "../errors.js";
import { BatchItemStatus, type BatchItem } from "../types/batch.js";
import {
  BatchResultImpl,
  batchSummaryGenerator,
  createBatchResultSerdes,
  encodeItemStatuses,
  readRecordedBatchOutcome,
  restoreBatchResult,
  serializeBatchResult,
  toBatchErrorObject,
} from "./batch-result.js";

const ctx = { entityId: "x", durableExecutionArn: "arn" };

function mixed(): BatchResultImpl<number> {
  const failure = new ChildContextError(
    "item failed",
    new StepError("step failed", new RangeError("bad range")),
  );
  const items: Array<BatchItem<number>> = [
    { result: 20, index: 0, status: BatchItemStatus.SUCCEEDED },
    { error: failure, index: 1, status: BatchItemStatus.FAILED },
    { index: 2, status: BatchItemStatus.STARTED },
  ];
  return new BatchResultImpl(items, "MIN_SUCCESSFUL_REACHED");
}

describe("BatchResultImpl", () => {
  it("exposes counts, views and status", () => {
    const r = mixed();
    expect([r.successCount, r.failureCount, r.startedCount, r.totalCount]).toEqual([1, 1, 1, 3]);
    expect(r.hasFailure).toBe(true);
    expect(r.status).toBe("FAILED");
    expect(r.getResults()).toEqual([20]);
    expect(r.getErrors().map((e) => e.message)).toEqual(["item failed"]);
    expect(r.started().map((i) => i.index)).toEqual([2]);
    // fresh arrays per call
    r.succeeded().pop();
    expect(r.succeeded()).toHaveLength(1);
  });

  it("throwIfError throws the first item error", () => {
    expect(() => mixed().throwIfError()).toThrow("item failed");
  });

  it("a custom FAILED outcome without failed items throws BatchCompletionError", () => {
    const r = new BatchResultImpl<number>(
      [{ result: 1, index: 0, status: "SUCCEEDED" }],
      "CUSTOM_COMPLETION_FAILED",
    );
    expect(r.status).toBe("FAILED");
    expect(() => r.throwIfError()).toThrow(BatchCompletionError);
    const ok = new BatchResultImpl<number>(
      [{ error: new ChildContextError("x"), index: 0, status: "FAILED" }],
      "CUSTOM_COMPLETION_SUCCEEDED",
    );
    expect(ok.status).toBe("SUCCEEDED");
  });

  it("JSON.stringify shows only all and completionReason", () => {
    const r = new BatchResultImpl<number>([{ result: 1, index: 0, status: "SUCCEEDED" }], "ALL_COMPLETED");
    expect(JSON.parse(JSON.stringify(r))).toEqual({
      all: [{ result: 1, index: 0, status: "SUCCEEDED" }],
      completionReason: "ALL_COMPLETED",
    });
  });
});

describe("BatchResult payload", () => {
  it("has the exact official format with the error cause chain", () => {
    expect(serializeBatchResult(mixed())).toBe(
      '{"all":[{"result":20,"index":0,"status":"SUCCEEDED"},' +
        '{"error":{"ErrorType":"ChildContextError","ErrorMessage":"item failed","Cause":{"ErrorType":"StepError","ErrorMessage":"step failed","Cause":{"ErrorType":"RangeError","ErrorMessage":"bad range"}}},"index":1,"status":"FAILED"},' +
        '{"index":2,"status":"STARTED"}],"completionReason":"MIN_SUCCESSFUL_REACHED"}',
    );
  });

  it("round-trips through the serdes keeping error classes and causes (#554/#566)", async () => {
    const serdes = createBatchResultSerdes<number>();
    const text = await serdes.serialize(mixed(), ctx);
    const back = (await serdes.deserialize(text, ctx))!;
    expect(back).toBeInstanceOf(BatchResultImpl);
    expect(back.completionReason).toBe("MIN_SUCCESSFUL_REACHED");
    expect(back.getResults()).toEqual([20]);
    const [error] = back.getErrors();
    expect(error).toBeInstanceOf(ChildContextError);
    expect(error?.message).toBe("item failed");
    expect(error?.cause).toBeInstanceOf(StepError);
    expect((error?.cause as Error).cause).toMatchObject({ name: "RangeError", message: "bad range" });
    expect(back.startedCount).toBe(1);
    expect(() => back.throwIfError()).toThrow("item failed");
  });

  it("non-Error values and self-referencing causes serialize safely", () => {
    expect(toBatchErrorObject("nope")).toEqual({ ErrorMessage: "Unknown error" });
    const loop = new Error("loop");
    loop.cause = loop;
    let depth = 0;
    for (let o = toBatchErrorObject(loop); o.Cause; o = o.Cause) depth++;
    expect(depth).toBe(10);
  });

  it("unrecognised data restores to an empty ALL_COMPLETED result", () => {
    const r = restoreBatchResult<number>("garbage");
    expect([r.totalCount, r.completionReason]).toEqual([0, "ALL_COMPLETED"]);
  });
});

describe("summaries", () => {
  it("encode item markers up to the last started item", () => {
    const r = new BatchResultImpl<number>(
      [
        { result: 1, index: 0, status: "SUCCEEDED" },
        { index: 2, status: "STARTED" },
        { error: new ChildContextError("x"), index: 3, status: "FAILED" },
      ],
      "ALL_COMPLETED",
    );
    expect(encodeItemStatuses(r)).toBe("S--F");
  });

  it("map and parallel records, with a custom summary added under `summary`", () => {
    const r = mixed();
    expect(JSON.parse(batchSummaryGenerator<number>("map")(r))).toEqual({
      type: "MapResult",
      totalCount: 3,
      successCount: 1,
      failureCount: 1,
      completionReason: "MIN_SUCCESSFUL_REACHED",
      status: "FAILED",
      itemStatuses: "SF-",
    });
    expect(JSON.parse(batchSummaryGenerator<number>("parallel", (x) => `n=${x.totalCount}`)(r))).toEqual({
      type: "ParallelResult",
      totalCount: 3,
      successCount: 1,
      failureCount: 1,
      startedCount: 1,
      completionReason: "MIN_SUCCESSFUL_REACHED",
      status: "FAILED",
      itemStatuses: "SF-",
      summary: "n=3",
    });
  });

  it("replay reads the reason and markers from a summary or a full payload, and nothing from junk", () => {
    const summary = batchSummaryGenerator<number>("map")(mixed());
    expect(readRecordedBatchOutcome(summary)).toEqual({
      completionReason: "MIN_SUCCESSFUL_REACHED",
      itemStatuses: "SF-",
    });
    expect(readRecordedBatchOutcome(serializeBatchResult(mixed()))).toEqual({
      completionReason: "MIN_SUCCESSFUL_REACHED",
      itemStatuses: "SF-",
    });
    expect(readRecordedBatchOutcome('{"completionReason":"constructor","itemStatuses":"XYZ"}')).toEqual({});
    expect(readRecordedBatchOutcome("not json")).toEqual({});
    expect(readRecordedBatchOutcome(undefined)).toEqual({});
  });
});
