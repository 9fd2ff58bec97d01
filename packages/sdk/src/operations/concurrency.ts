// The concurrency engine map and parallel share: starts items in index order, keeps at most
// `maxConcurrency` in flight, applies the completion policy after every settled item and
// reports what it saw. It knows nothing about contexts or the wire: the caller hands it a
// `start(index)` that runs one item (a child context) and returns its promise.
import { DurablePromise } from "../durable-promise.js";
import { InvalidOperationConfigError } from "../errors.js";
import {
  BatchItemStatus,
  CompletionOutcome,
  NestingType,
  type BatchItem,
  type BatchResult,
  type CompletionConfig,
  type CompletionItemStatus,
  type CompletionReason,
} from "../types/batch.js";
import type { DurableContext } from "../types/durable-context.js";
import type { Serdes } from "../types/serdes-types.js";
import type { Operation } from "../types/wire.js";
import { hashOperationId } from "../replay/operation-id.js";
import {
  asChildContextError,
  BatchResultImpl,
  batchSummaryGenerator,
  createBatchResultSerdes,
  readRecordedBatchOutcome,
  restoreBatchResult,
} from "./batch-result.js";

/** One item as the engine saw it when the batch completed. */
export type SettledItem<R> =
  | { readonly index: number; readonly status: BatchItemStatus.SUCCEEDED; readonly result: R }
  | { readonly index: number; readonly status: BatchItemStatus.FAILED; readonly error: unknown }
  | { readonly index: number; readonly status: BatchItemStatus.STARTED };

/** What the engine returns: the started items in index order and why the batch stopped. */
export interface ConcurrencyOutcome<R> {
  readonly items: SettledItem<R>[];
  readonly completionReason: CompletionReason;
}

/** Inputs of one run of the engine. */
export interface ConcurrencyPlan {
  /** Number of items; item indexes are `0 … total-1`. */
  readonly total: number;
  /** Most items in flight at once; `undefined` = unlimited. Validate with {@link validateBatchConfig} first. */
  readonly maxConcurrency?: number | undefined;
  readonly completionConfig?: CompletionConfig | undefined;
  /** The custom name of item `index` (shown to `shouldComplete`), if it has one. */
  readonly nameOf: (index: number) => string | undefined;
}

const THRESHOLD_FIELDS = ["minSuccessful", "toleratedFailureCount", "toleratedFailurePercentage"] as const;

/**
 * Checks the map/parallel options the engine depends on. Runs before the operation sends any
 * update, so a bad config fails the invocation without leaving a half-started batch behind.
 *
 * @example
 * validateBatchConfig("map", { maxConcurrency: 0 }); // throws InvalidOperationConfigError
 */
export function validateBatchConfig(
  operation: "map" | "parallel",
  config: { maxConcurrency?: unknown; completionConfig?: unknown } | undefined,
): void {
  const max = config?.maxConcurrency;
  if (max !== undefined && max !== null && (typeof max !== "number" || Number.isNaN(max) || max <= 0)) {
    throw new InvalidOperationConfigError(
      `Invalid ${operation} maxConcurrency: expected a positive number or undefined (unlimited), received ${describe(max)}.`,
    );
  }
  const completion = config?.completionConfig;
  if (completion === undefined || completion === null) return;
  if (typeof completion !== "object") {
    throw new InvalidOperationConfigError(
      `Invalid ${operation} completionConfig: expected an object, received ${describe(completion)}.`,
    );
  }
  const fields = completion as Record<string, unknown>;
  const hasPredicate = fields["shouldComplete"] !== undefined;
  if (hasPredicate && typeof fields["shouldComplete"] !== "function") {
    throw new InvalidOperationConfigError(
      `Invalid ${operation} completionConfig.shouldComplete: expected a function, received ${describe(fields["shouldComplete"])}.`,
    );
  }
  for (const field of THRESHOLD_FIELDS) {
    const value = fields[field];
    if (value === undefined) continue;
    if (hasPredicate) {
      throw new InvalidOperationConfigError(
        `Invalid ${operation} completionConfig: shouldComplete is mutually exclusive with minSuccessful, toleratedFailureCount and toleratedFailurePercentage (received ${field}).`,
      );
    }
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new InvalidOperationConfigError(
        `Invalid ${operation} completionConfig.${field}: expected a number ≥ 0, received ${describe(value)}.`,
      );
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (value === null) return "null";
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}

/** Running counts the completion policy reads; kept incrementally so each decision is O(1). */
interface Progress {
  successCount: number;
  failureCount: number;
  completedCount: number;
  readonly totalCount: number;
  /** Live per-item view for `shouldComplete`, updated in place (never rebuilt per decision). */
  readonly items: CompletionItemStatus[];
}

/**
 * Decides, from the progress so far, whether the batch is complete and why. `undefined` means
 * "keep going". The rule order follows SDK.md §4.8: a custom predicate owns the decision;
 * otherwise failure tolerance is checked before "all completed" and "min successful".
 */
export function decideCompletion(
  config: CompletionConfig | undefined,
  progress: Readonly<Progress>,
): CompletionReason | undefined {
  const { successCount, failureCount, completedCount, totalCount } = progress;
  if (config?.shouldComplete) {
    const decision = config.shouldComplete({
      successCount,
      failureCount,
      completedCount,
      totalCount,
      items: progress.items,
    });
    if (decision?.complete) {
      return decision.outcome === CompletionOutcome.FAILED
        ? "CUSTOM_COMPLETION_FAILED"
        : "CUSTOM_COMPLETION_SUCCEEDED";
    }
    return completedCount >= totalCount ? "ALL_COMPLETED" : undefined;
  }
  const minSuccessful = config?.minSuccessful;
  const toleratedCount = config?.toleratedFailureCount;
  const toleratedPercentage = config?.toleratedFailurePercentage;
  if (minSuccessful === undefined && toleratedCount === undefined && toleratedPercentage === undefined) {
    // No criteria at all: fail fast.
    if (failureCount > 0) return "FAILURE_TOLERANCE_EXCEEDED";
  } else {
    if (toleratedCount !== undefined && failureCount > toleratedCount) return "FAILURE_TOLERANCE_EXCEEDED";
    // Strictly greater: 1 failure of 4 is exactly 25 % and is still tolerated at 25.
    if (toleratedPercentage !== undefined && (failureCount / totalCount) * 100 > toleratedPercentage) {
      return "FAILURE_TOLERANCE_EXCEEDED";
    }
  }
  if (completedCount >= totalCount) return "ALL_COMPLETED";
  if (minSuccessful !== undefined && successCount >= minSuccessful) return "MIN_SUCCESSFUL_REACHED";
  return undefined;
}

/**
 * Runs `start(index)` for items in index order with at most `maxConcurrency` in flight until the
 * completion policy says stop. Items are started synchronously in index order, so the child
 * contexts they open take consecutive ids. Items still running when the batch completes are
 * reported `STARTED`; their later outcomes are ignored. Items never started are omitted.
 *
 * @example
 * const outcome = await runConcurrently({ total: 3, maxConcurrency: 1, nameOf: () => undefined },
 *   (i) => ctx.runInChildContext(`map-item-${i}`, (c) => work(c, i)));
 */
export function runConcurrently<R>(
  plan: ConcurrencyPlan,
  start: (index: number) => PromiseLike<R>,
): Promise<ConcurrencyOutcome<R>> {
  const { total } = plan;
  const maxInFlight = plan.maxConcurrency ?? Infinity;
  const settled = new Array<SettledItem<R> | undefined>(total);
  const progress: Progress = {
    successCount: 0,
    failureCount: 0,
    completedCount: 0,
    totalCount: total,
    items: Array.from({ length: total }, (_, index) => {
      const name = plan.nameOf(index);
      return name === undefined ? { index } : { index, name };
    }),
  };
  let nextIndex = 0;
  let inFlight = 0;

  return new Promise<ConcurrencyOutcome<R>>((resolve, reject) => {
    let done = false;

    const finish = (completionReason: CompletionReason): void => {
      done = true;
      const items: SettledItem<R>[] = [];
      for (const item of settled) if (item !== undefined) items.push(item);
      resolve({ items, completionReason });
    };

    const record = (item: SettledItem<R>): void => {
      if (done) return; // settled after the batch completed: not part of the result
      settled[item.index] = item;
      const view = progress.items[item.index];
      if (view) view.status = item.status;
      inFlight--;
      progress.completedCount++;
      if (item.status === BatchItemStatus.SUCCEEDED) progress.successCount++;
      else progress.failureCount++;
      decideAndContinue();
    };

    const startItem = (index: number): void => {
      settled[index] = { index, status: BatchItemStatus.STARTED };
      const view = progress.items[index];
      if (view) view.status = BatchItemStatus.STARTED;
      inFlight++;
      let running: PromiseLike<R>;
      try {
        running = start(index);
      } catch (error) {
        running = Promise.reject(error);
      }
      running.then(
        (result) => record({ index, status: BatchItemStatus.SUCCEEDED, result }),
        (error: unknown) => record({ index, status: BatchItemStatus.FAILED, error }),
      );
    };

    const decideAndContinue = (): void => {
      let reason: CompletionReason | undefined;
      try {
        reason = decideCompletion(plan.completionConfig, progress);
      } catch (error) {
        // A throwing shouldComplete is a bug in user code: surface it from the batch.
        done = true;
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (reason !== undefined) finish(reason);
      else startMore();
    };

    const startMore = (): void => {
      while (!done && inFlight < maxInFlight && nextIndex < total) startItem(nextIndex++);
    };

    // Before anything starts only an empty batch or a custom predicate can complete the batch
    // (thresholds such as minSuccessful: 0 take effect at the first settled item).
    if (total === 0 || plan.completionConfig?.shouldComplete) decideAndContinue();
    else startMore();
  });
}

// ---- the batch operation: one CONTEXT around the engine, shared by map and parallel ----------

/**
 * The members of core's context implementation (context/durable-context.ts) a batch reads. Read
 * structurally rather than imported, because that module imports this one.
 */
interface BatchContextInternals {
  /** `"replay-succeeded"` while a SUCCEEDED ReplayChildren context re-runs its function. */
  readonly mode?: string;
  /** Raw id of the context's own operation. */
  readonly rawId?: string;
  readonly runtime?: { readonly state: { get(id: string): Operation | undefined } };
  /** Runs an operation's synchronous part; an unrecoverable error thrown there ends the invocation at once. */
  start?<T>(begin: () => () => Promise<T>): DurablePromise<T>;
}

/** What a batch re-run for replay knows about its stored outcome. */
interface ReplayedBatch {
  /** The stored payload of the batch context (a summary, or a full BatchResult). */
  readonly payload: string | undefined;
  /** False when item `index` has a record of its own that is not terminal (it cannot be re-driven). */
  readonly itemMayBeReplayed: (index: number) => boolean;
}

const TERMINAL_ITEM_STATUSES: ReadonlySet<string | undefined> = new Set(["SUCCEEDED", "FAILED"]);

/**
 * When `batchCtx` is re-running the function of its SUCCEEDED ReplayChildren record (a
 * summarized batch, or one a plugin kept), what replay needs from the records; else undefined.
 */
function replayedBatch(batchCtx: DurableContext<any>): ReplayedBatch | undefined {
  const internals = batchCtx as BatchContextInternals;
  const { rawId, runtime } = internals;
  if (internals.mode !== "replay-succeeded" || rawId === undefined || !runtime) return undefined;
  const record = runtime.state.get(hashOperationId(rawId));
  if (record?.Status !== "SUCCEEDED") return undefined;
  return {
    payload: record.ContextDetails?.Result,
    // A NESTED item has its own CONTEXT record; a FLAT item has none, which is fine.
    itemMayBeReplayed: (index) => {
      const item = runtime.state.get(hashOperationId(`${rawId}-${index + 1}`));
      return item === undefined || TERMINAL_ITEM_STATUSES.has(item.Status);
    },
  };
}

/**
 * Rejects a batch call before it takes an id. A bad configuration (InvalidOperationConfigError)
 * is a fault that ends the invocation FAILED before any update; core's `start` does that, so it
 * is used when present. Other errors (wrong argument types) reject the returned promise.
 */
export function rejectBatchCall<T>(ctx: DurableContext<any>, error: unknown): DurablePromise<T> {
  const start = (ctx as BatchContextInternals).start;
  if (typeof start === "function") {
    return start.call(ctx, () => {
      throw error;
    }) as DurablePromise<T>;
  }
  return new DurablePromise<T>(() => Promise.reject(error));
}

/** One unit of a batch: its wire name and, when the user gave one, its custom name. */
export interface BatchUnit {
  /** Name sent on the item's CONTEXT updates (custom, or `map-item-<i>` / `parallel-branch-<i>`). */
  readonly wireName: string;
  /** The user-given name shown to `shouldComplete`, if any. */
  readonly customName: string | undefined;
}

/** Everything map or parallel hands to {@link runBatch}. */
export interface BatchSpec<R> {
  readonly kind: "map" | "parallel";
  readonly name: string | undefined;
  readonly units: readonly BatchUnit[];
  /** Runs unit `index` inside its child context. */
  readonly execute: (index: number, childCtx: DurableContext<any>) => Promise<R>;
  readonly config: BatchOptions<R> | undefined;
}

/** The options map and parallel share. */
export interface BatchOptions<R> {
  maxConcurrency?: number | undefined;
  completionConfig?: CompletionConfig | undefined;
  serdes?: Serdes<BatchResult<R>> | undefined;
  itemSerdes?: Serdes<R> | undefined;
  summaryGenerator?: ((result: BatchResult<R>) => string) | undefined;
  nesting?: NestingType | undefined;
}

const SUB_TYPES = {
  map: { batch: "Map", item: "MapIteration" },
  parallel: { batch: "Parallel", item: "ParallelBranch" },
} as const;

/**
 * Runs a batch: a CONTEXT (SubType Map/Parallel) whose function drives the engine over the
 * units, each in its own child context (MapIteration/ParallelBranch; virtual when FLAT). The
 * context always SUCCEEDs with the BatchResult payload (or a summary above 256 KiB). When the
 * context is re-run to replay a summarized batch, items the live run completed are re-driven
 * from their records and the rest only have their ids consumed.
 *
 * @example
 * runBatch(ctx, { kind: "map", name: "m", units, execute: (i, c) => fn(c, items[i], i, items), config });
 */
export function runBatch<R>(ctx: DurableContext<any>, spec: BatchSpec<R>): DurablePromise<BatchResult<R>> {
  const { kind, config } = spec;
  const subTypes = SUB_TYPES[kind];
  const running = ctx.runInChildContext<BatchResult<R>>(
    spec.name,
    async (batchCtx) => {
      const startUnit = (index: number): DurablePromise<R> =>
        batchCtx.runInChildContext<R>(
          spec.units[index]?.wireName,
          (childCtx) => spec.execute(index, childCtx),
          {
            subType: subTypes.item,
            serdes: config?.itemSerdes,
            virtualContext: config?.nesting === NestingType.FLAT,
          },
        );
      // Only consumes the id of an item replay must not re-drive; see replayBatch.
      const skipUnit = (index: number): void => {
        void batchCtx.runInChildContext<never>(
          spec.units[index]?.wireName,
          () => new Promise<never>(() => {}),
          {
            subType: subTypes.item,
            virtualContext: config?.nesting === NestingType.FLAT,
          },
        );
      };
      const replayed = replayedBatch(batchCtx);
      if (replayed) return replayBatch(spec, replayed, startUnit, skipUnit);
      const outcome = await runConcurrently(planOf(spec), startUnit);
      return new BatchResultImpl<R>(outcome.items.map(toBatchItem), outcome.completionReason);
    },
    {
      subType: subTypes.batch,
      serdes: config?.serdes ?? createBatchResultSerdes<R>(),
      summaryGenerator: batchSummaryGenerator<R>(kind, config?.summaryGenerator),
    },
  );
  return new DurablePromise<BatchResult<R>>(async () => {
    const value: unknown = await running;
    // A user serdes may hand back plain data: give it the BatchResult methods again when it has
    // the BatchResult shape, and otherwise return what the serdes produced (as the official SDK).
    if (value instanceof BatchResultImpl) return value as BatchResult<R>;
    if (typeof value === "object" && value !== null && Array.isArray((value as { all?: unknown }).all)) {
      return restoreBatchResult<R>(value);
    }
    return value as BatchResult<R>;
  });
}

function planOf<R>(spec: BatchSpec<R>): ConcurrencyPlan {
  return {
    total: spec.units.length,
    maxConcurrency: spec.config?.maxConcurrency,
    completionConfig: spec.config?.completionConfig,
    nameOf: (index) => spec.units[index]?.customName,
  };
}

function toBatchItem<R>(item: SettledItem<R>): BatchItem<R> {
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
 * Rebuilds a summarized batch on replay. The stored markers say which items the live run saw
 * complete: those are re-driven (their child contexts return their records, nothing re-runs),
 * unless an item's own record contradicts its marker (re-driving a non-terminal record would
 * never settle, official issue #751); every other item below the last completed one only has
 * its id consumed by a child context
 * that is never awaited — in a replayed succeeded context a child without a terminal record
 * never resolves, and it could only start user code if core broke that rule, so the function
 * given to it does nothing. The completion reason is the recorded one (a custom predicate is not
 * asked again); without one it is re-inferred from the rebuilt items.
 */
async function replayBatch<R>(
  spec: BatchSpec<R>,
  replayed: ReplayedBatch,
  startUnit: (index: number) => PromiseLike<R>,
  skipUnit: (index: number) => void,
): Promise<BatchResult<R>> {
  const recorded = readRecordedBatchOutcome(replayed.payload);
  const markers = recorded.itemStatuses;
  if (markers === undefined) {
    // A payload without markers (written by something else): drive the items as live; every
    // item that completed returns its record.
    const outcome = await runConcurrently(planOf(spec), startUnit);
    return new BatchResultImpl<R>(
      outcome.items.map(toBatchItem),
      recorded.completionReason ?? outcome.completionReason,
    );
  }
  // Items after the last completed one need neither a replay nor an id.
  const end = Math.min(Math.max(markers.lastIndexOf("S"), markers.lastIndexOf("F")), spec.units.length - 1);
  const replays: Array<Promise<SettledItem<R>>> = [];
  for (let index = 0; index <= end; index++) {
    const marker = markers[index];
    if ((marker === "S" || marker === "F") && replayed.itemMayBeReplayed(index)) {
      replays.push(
        Promise.resolve(startUnit(index)).then(
          (result): SettledItem<R> => ({ index, status: BatchItemStatus.SUCCEEDED, result }),
          (error: unknown): SettledItem<R> => ({ index, status: BatchItemStatus.FAILED, error }),
        ),
      );
    } else {
      skipUnit(index);
    }
  }
  const items = await Promise.all(replays);
  const completionReason = recorded.completionReason ?? inferCompletionReason(spec, items) ?? "ALL_COMPLETED";
  return new BatchResultImpl<R>(items.map(toBatchItem), completionReason);
}

/** Re-derives the reason of a replayed batch whose payload did not record one. */
function inferCompletionReason<R>(
  spec: BatchSpec<R>,
  items: readonly SettledItem<R>[],
): CompletionReason | undefined {
  const view: CompletionItemStatus[] = spec.units.map((unit, index) =>
    unit.customName === undefined ? { index } : { index, name: unit.customName },
  );
  let successCount = 0;
  let failureCount = 0;
  for (const item of items) {
    const entry = view[item.index];
    if (entry) entry.status = item.status;
    if (item.status === BatchItemStatus.SUCCEEDED) successCount++;
    else if (item.status === BatchItemStatus.FAILED) failureCount++;
  }
  return decideCompletion(spec.config?.completionConfig, {
    successCount,
    failureCount,
    completedCount: successCount + failureCount,
    totalCount: spec.units.length,
    items: view,
  });
}
