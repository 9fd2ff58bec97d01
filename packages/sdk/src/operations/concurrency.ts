// The concurrency engine map and parallel share: starts items in index order, keeps at most
// `maxConcurrency` in flight, applies the completion policy after every settled item and
// reports what it saw. It knows nothing about contexts or the wire: the caller hands it a
// `start(index)` that runs one item (a child context) and returns its promise.
import {
  BatchItemStatus,
  CompletionOutcome,
  type CompletionConfig,
  type CompletionItemStatus,
  type CompletionReason,
} from "../types/batch.js";

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
  /** Most items in flight at once; `undefined` = unlimited. Validate with `validateBatchConfig` (batch.ts) first. */
  readonly maxConcurrency?: number | undefined;
  readonly completionConfig?: CompletionConfig | undefined;
  /** The custom name of item `index` (shown to `shouldComplete`), if it has one. */
  readonly nameOf: (index: number) => string | undefined;
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
