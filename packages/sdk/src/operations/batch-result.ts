// BatchResult: the value map and parallel return, its checkpoint payload format and the
// summary stored instead when that payload is larger than 256 KiB (SDK.md §4.8).
import { BatchCompletionError, ChildContextError, DurableOperationError } from "../errors.js";
import { BatchItemStatus, type BatchItem, type BatchResult, type CompletionReason } from "../types/batch.js";
import type { Serdes } from "../types/serdes-types.js";
import type { ErrorObject } from "../types/wire.js";
import type { SettledItem } from "./concurrency.js";

/**
 * The BatchResult implementation. Counts are taken once at construction and the filtered views
 * are memoized, so `all` must not be mutated afterwards.
 *
 * @example
 * const r = new BatchResultImpl([{ index: 0, status: "SUCCEEDED", result: 1 }], "ALL_COMPLETED");
 * r.getResults(); // [1]
 */
export class BatchResultImpl<R> implements BatchResult<R> {
  readonly all: Array<BatchItem<R>>;
  readonly completionReason: CompletionReason;
  // #private fields stay out of JSON.stringify, so a user serdes sees only `all` and the reason.
  #successCount = 0;
  #failureCount = 0;
  #startedCount = 0;
  #succeeded: Array<BatchItem<R> & { result: R }> | undefined;
  #failed: Array<BatchItem<R> & { error: ChildContextError }> | undefined;
  #started: Array<BatchItem<R> & { status: BatchItemStatus.STARTED }> | undefined;

  constructor(all: Array<BatchItem<R>>, completionReason: CompletionReason) {
    this.all = all;
    this.completionReason = completionReason;
    for (const item of all) {
      if (item.status === BatchItemStatus.SUCCEEDED) this.#successCount++;
      else if (item.status === BatchItemStatus.FAILED) this.#failureCount++;
      else if (item.status === BatchItemStatus.STARTED) this.#startedCount++;
    }
  }

  /** Succeeded items that produced a value (an `undefined` result is left out, as officially). */
  succeeded(): Array<BatchItem<R> & { result: R }> {
    this.#succeeded ??= this.all.filter(
      (item): item is BatchItem<R> & { result: R } =>
        item.status === BatchItemStatus.SUCCEEDED && item.result !== undefined,
    );
    return this.#succeeded.slice(); // a fresh array per call: callers may sort it
  }

  failed(): Array<BatchItem<R> & { error: ChildContextError }> {
    this.#failed ??= this.all.filter(
      (item): item is BatchItem<R> & { error: ChildContextError } =>
        item.status === BatchItemStatus.FAILED && item.error !== undefined,
    );
    return this.#failed.slice();
  }

  started(): Array<BatchItem<R> & { status: BatchItemStatus.STARTED }> {
    this.#started ??= this.all.filter(
      (item): item is BatchItem<R> & { status: BatchItemStatus.STARTED } =>
        item.status === BatchItemStatus.STARTED,
    );
    return this.#started.slice();
  }

  /** A custom completion outcome wins over the item outcomes. */
  get status(): BatchItemStatus.SUCCEEDED | BatchItemStatus.FAILED {
    if (this.completionReason === "CUSTOM_COMPLETION_FAILED") return BatchItemStatus.FAILED;
    if (this.completionReason === "CUSTOM_COMPLETION_SUCCEEDED") return BatchItemStatus.SUCCEEDED;
    return this.#failureCount > 0 ? BatchItemStatus.FAILED : BatchItemStatus.SUCCEEDED;
  }

  get hasFailure(): boolean {
    return this.#failureCount > 0;
  }

  /** Throws the first failed item's error, or a BatchCompletionError for a custom FAILED outcome. */
  throwIfError(): void {
    const first = this.all.find((item) => item.status === BatchItemStatus.FAILED);
    if (first?.error) throw first.error;
    if (this.status === BatchItemStatus.FAILED) throw new BatchCompletionError(this.completionReason);
  }

  getResults(): R[] {
    return this.succeeded().map((item) => item.result);
  }

  getErrors(): ChildContextError[] {
    return this.failed().map((item) => item.error);
  }

  get successCount(): number {
    return this.#successCount;
  }

  get failureCount(): number {
    return this.#failureCount;
  }

  get startedCount(): number {
    return this.#startedCount;
  }

  /** Started items (completed or not); items never started are not counted. */
  get totalCount(): number {
    return this.all.length;
  }
}

/** ErrorObject plus the cause chain, as stored in a BatchResult payload. */
export interface BatchErrorObject extends ErrorObject {
  Cause?: BatchErrorObject;
}

// Guards against self-referencing cause chains; real chains are a few levels deep.
const MAX_CAUSE_DEPTH = 10;

/**
 * Serializes an item error and its `cause` chain. A DurableOperationError keeps its own
 * ErrorObject (ErrorType/ErrorMessage/ErrorData); any other Error its name and message.
 *
 * @example
 * toBatchErrorObject(new ChildContextError("x", new TypeError("y")));
 * // { ErrorType: "ChildContextError", ErrorMessage: "x", Cause: { ErrorType: "TypeError", ErrorMessage: "y" } }
 */
export function toBatchErrorObject(error: unknown, depth = 0): BatchErrorObject {
  if (!(error instanceof Error)) return { ErrorMessage: "Unknown error" };
  const base: BatchErrorObject =
    error instanceof DurableOperationError
      ? { ...error.toErrorObject() }
      : { ErrorType: error.name, ErrorMessage: error.message };
  delete base.StackTrace; // never stored (SDK.md §9.1)
  const cause: unknown = error.cause;
  if (cause instanceof Error && depth < MAX_CAUSE_DEPTH) base.Cause = toBatchErrorObject(cause, depth + 1);
  return base;
}

/**
 * Rebuilds an error from {@link toBatchErrorObject}'s output: known durable error types become
 * their class, anything else an Error with the stored name; the cause chain is restored.
 *
 * @example
 * fromBatchErrorObject({ ErrorType: "ChildContextError", ErrorMessage: "x" }) instanceof ChildContextError; // true
 */
export function fromBatchErrorObject(object: BatchErrorObject, depth = 0): Error {
  const { Cause, ...errorObject } = object;
  let error: Error;
  if (errorObject.ErrorType !== undefined && KNOWN_DURABLE_ERROR_TYPES.has(errorObject.ErrorType)) {
    error = DurableOperationError.fromErrorObject(errorObject);
  } else {
    error = new Error(errorObject.ErrorMessage ?? "Unknown error");
    error.name = errorObject.ErrorType ?? "Error";
  }
  if (Cause && typeof Cause === "object" && depth < MAX_CAUSE_DEPTH) {
    error.cause = fromBatchErrorObject(Cause, depth + 1);
  }
  return error;
}

const KNOWN_DURABLE_ERROR_TYPES: ReadonlySet<string> = new Set([
  "StepError",
  "CallbackError",
  "CallbackExternalError",
  "CallbackTimeoutError",
  "CallbackSubmitterError",
  "InvokeError",
  "ChildContextError",
  "PromiseCombinatorError",
  "WaitForConditionError",
  "CompensationError",
]);

/** Makes sure an item error is a ChildContextError (items run in child contexts). */
export function asChildContextError(error: unknown): ChildContextError {
  if (error instanceof ChildContextError) return error;
  if (error instanceof Error) return new ChildContextError(error.message, error);
  return new ChildContextError(String(error));
}

/**
 * Serializes a BatchResult to the payload both SDKs store:
 * `{"all":[{"result":…,"index":0,"status":"SUCCEEDED"},{"error":{…},"index":1,"status":"FAILED"}],"completionReason":"…"}`.
 *
 * @example
 * serializeBatchResult(new BatchResultImpl([], "ALL_COMPLETED")); // '{"all":[],"completionReason":"ALL_COMPLETED"}'
 */
export function serializeBatchResult<R>(result: BatchResult<R>): string {
  const all = result.all.map((item) =>
    item.status === BatchItemStatus.FAILED
      ? {
          error: item.error === undefined ? undefined : toBatchErrorObject(item.error),
          index: item.index,
          status: item.status,
        }
      : { result: item.result, index: item.index, status: item.status },
  );
  return JSON.stringify({ all, completionReason: result.completionReason });
}

/**
 * Rebuilds a BatchResult from parsed payload data (the inverse of {@link serializeBatchResult});
 * data of any other shape yields an empty ALL_COMPLETED result.
 *
 * @example
 * restoreBatchResult(JSON.parse(payload)).getResults();
 */
export function restoreBatchResult<R>(data: unknown): BatchResult<R> {
  if (data instanceof BatchResultImpl) return data as BatchResult<R>;
  if (!isRecord(data) || !Array.isArray(data["all"])) return new BatchResultImpl<R>([], "ALL_COMPLETED");
  const items: Array<BatchItem<R>> = [];
  for (const entry of data["all"] as unknown[]) {
    if (!isRecord(entry) || typeof entry["index"] !== "number" || !isItemStatus(entry["status"])) continue;
    const item: BatchItem<R> = { index: entry["index"], status: entry["status"] };
    if ("result" in entry) item.result = entry["result"] as R;
    if (isRecord(entry["error"])) item.error = asChildContextError(fromBatchErrorObject(entry["error"]));
    items.push(item);
  }
  const reason = data["completionReason"];
  return new BatchResultImpl<R>(items, isCompletionReason(reason) ? reason : "ALL_COMPLETED");
}

/**
 * One item the concurrency engine reported, as a BatchResult entry: a failure becomes the
 * ChildContextError callers of map/parallel receive.
 *
 * @example
 * new BatchResultImpl(outcome.items.map(toBatchItem), outcome.completionReason);
 */
export function toBatchItem<R>(item: SettledItem<R>): BatchItem<R> {
  switch (item.status) {
    case BatchItemStatus.SUCCEEDED:
      return { result: item.result, index: item.index, status: item.status };
    case BatchItemStatus.FAILED:
      return { error: asChildContextError(item.error), index: item.index, status: item.status };
    default:
      return { index: item.index, status: item.status };
  }
}

/**
 * The default serdes of a batch: {@link serializeBatchResult} / {@link restoreBatchResult}.
 *
 * @example
 * await ctx.runInChildContext(name, fn, { serdes: createBatchResultSerdes() });
 */
export function createBatchResultSerdes<R>(): Serdes<BatchResult<R>> {
  return {
    serialize: async (value) =>
      value === undefined || value === null ? undefined : serializeBatchResult(value),
    deserialize: async (data) => (data === undefined ? undefined : restoreBatchResult<R>(JSON.parse(data))),
  };
}

// ---- summaries (payloads larger than 256 KiB) -------------------------------------------

/**
 * One character per started item, in index order: `S` succeeded, `F` failed, `-` started but
 * unfinished. Items start in index order, so the started ones are exactly the first
 * `all.length` and never-started items have no character. Replay reads it to rebuild the
 * result the live run saw (batch-replay.ts).
 *
 * @example
 * encodeItemStatuses(result); // "SSF-"
 */
export function encodeItemStatuses<R>(result: BatchResult<R>): string {
  let length = 0;
  for (const item of result.all) if (item.index + 1 > length) length = item.index + 1;
  const markers = new Array<string>(length).fill("-");
  for (const item of result.all) {
    if (item.status === BatchItemStatus.SUCCEEDED) markers[item.index] = "S";
    else if (item.status === BatchItemStatus.FAILED) markers[item.index] = "F";
  }
  return markers.join("");
}

/**
 * Builds the summary stored for an oversized batch: the SDK's record (counts, reason, status,
 * item markers) with a custom generator's string under `summary` — it never replaces the record.
 *
 * @example
 * batchSummaryGenerator("map")(result); // '{"type":"MapResult","totalCount":4,…,"itemStatuses":"SSSS"}'
 */
export function batchSummaryGenerator<R>(
  kind: "map" | "parallel",
  custom?: (result: BatchResult<R>) => string,
): (result: BatchResult<R>) => string {
  return (result) => {
    const record: Record<string, unknown> =
      kind === "map"
        ? {
            type: "MapResult",
            totalCount: result.totalCount,
            successCount: result.successCount,
            failureCount: result.failureCount,
            completionReason: result.completionReason,
            status: result.status,
            itemStatuses: encodeItemStatuses(result),
          }
        : {
            type: "ParallelResult",
            totalCount: result.totalCount,
            successCount: result.successCount,
            failureCount: result.failureCount,
            startedCount: result.startedCount,
            completionReason: result.completionReason,
            status: result.status,
            itemStatuses: encodeItemStatuses(result),
          };
    if (custom) record["summary"] = custom(result);
    return JSON.stringify(record);
  };
}

/** What replay reads back from a stored batch payload (a summary or a full BatchResult). */
export interface RecordedBatchOutcome {
  completionReason?: CompletionReason;
  /** One marker per item (`S`/`F`/`-`); `undefined` when the payload carries none. */
  itemStatuses?: string;
}

/**
 * Reads the completion reason and item markers from a stored batch payload. Accepts both the
 * summary record and a full BatchResult payload (stored with ReplayChildren when plugins ask for
 * it); anything unreadable yields `{}` and replay falls back to the item records.
 *
 * @example
 * readRecordedBatchOutcome('{"type":"MapResult","completionReason":"ALL_COMPLETED","itemStatuses":"SF"}');
 * // { completionReason: "ALL_COMPLETED", itemStatuses: "SF" }
 */
export function readRecordedBatchOutcome(payload: string | undefined): RecordedBatchOutcome {
  if (payload === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  const outcome: RecordedBatchOutcome = {};
  const reason = parsed["completionReason"];
  if (isCompletionReason(reason)) outcome.completionReason = reason;
  const markers = parsed["itemStatuses"];
  if (Object.hasOwn(parsed, "itemStatuses")) {
    if (typeof markers === "string" && /^[SF-]*$/.test(markers)) outcome.itemStatuses = markers;
  } else if (Array.isArray(parsed["all"])) {
    outcome.itemStatuses = encodeItemStatuses(restoreBatchResult(parsed));
  }
  return outcome;
}

const COMPLETION_REASONS: Readonly<Record<CompletionReason, true>> = {
  ALL_COMPLETED: true,
  MIN_SUCCESSFUL_REACHED: true,
  FAILURE_TOLERANCE_EXCEEDED: true,
  CUSTOM_COMPLETION_SUCCEEDED: true,
  CUSTOM_COMPLETION_FAILED: true,
};

function isCompletionReason(value: unknown): value is CompletionReason {
  return typeof value === "string" && Object.hasOwn(COMPLETION_REASONS, value);
}

function isItemStatus(value: unknown): value is BatchItemStatus {
  return (
    value === BatchItemStatus.SUCCEEDED ||
    value === BatchItemStatus.FAILED ||
    value === BatchItemStatus.STARTED
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
