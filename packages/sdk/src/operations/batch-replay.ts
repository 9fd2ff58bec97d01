// Replay of a batch whose CONTEXT record is SUCCEEDED with ReplayChildren (a summarized > 256 KiB
// batch, or a full one a plugin kept): the BatchResult is rebuilt from the item records, guided by
// the item markers the live run stored, without re-running any item.
import { hashOperationId } from "../replay/operation-id.js";
import {
  BatchItemStatus,
  type BatchResult,
  type CompletionItemStatus,
  type CompletionReason,
} from "../types/batch.js";
import type { DurableContext } from "../types/durable-context.js";
import type { Operation } from "../types/wire.js";
import { BatchResultImpl, readRecordedBatchOutcome, toBatchItem } from "./batch-result.js";
import { decideCompletion, runConcurrently, type ConcurrencyPlan, type SettledItem } from "./concurrency.js";

/**
 * The members of core's context implementation (context/durable-context.ts) replay reads. Read
 * structurally rather than imported, because that module imports the batch operations.
 */
interface ReplayContextInternals {
  /** `"replay-succeeded"` while a SUCCEEDED ReplayChildren context re-runs its function. */
  readonly mode?: string;
  /** Raw id of the context's own operation. */
  readonly rawId?: string;
  readonly runtime?: { readonly state: { get(id: string): Operation | undefined } };
}

/** What a batch re-run for replay knows about its stored outcome. */
export interface ReplayedBatch {
  /** The stored payload of the batch context (a summary, or a full BatchResult). */
  readonly payload: string | undefined;
  /** False when item `index` has a record of its own that is not terminal (it cannot be re-driven). */
  readonly itemMayBeReplayed: (index: number) => boolean;
}

const TERMINAL_ITEM_STATUSES: ReadonlySet<string | undefined> = new Set(["SUCCEEDED", "FAILED"]);

/**
 * When `batchCtx` is re-running the function of its SUCCEEDED ReplayChildren record (a
 * summarized batch, or one a plugin kept), what replay needs from the records; else undefined.
 *
 * @example
 * const replayed = replayedBatch(batchCtx);
 * if (replayed) return replayBatch(plan, replayed, startUnit, skipUnit);
 */
export function replayedBatch(batchCtx: DurableContext<any>): ReplayedBatch | undefined {
  const internals = batchCtx as ReplayContextInternals;
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
 * Rebuilds a summarized batch on replay so it equals the BatchResult of the live run. The stored
 * markers hold one character per started item: `S`/`F` items are re-driven (their child contexts
 * return their records, nothing re-runs) and `-` items — still running when the batch completed —
 * are reported STARTED, as the live run reported them. An item whose own record contradicts its
 * `S`/`F` marker (not terminal: re-driving it would never settle, official issue #751) is reported
 * STARTED too, since that is all its records show. Items that are not re-driven but sit before
 * one that is only have their ids consumed, by a child context that is never awaited — in a
 * replayed succeeded context a child without a terminal record never resolves, and it could only
 * start user code if core broke that rule, so the function given to it does nothing. The
 * completion reason is the recorded one (a custom predicate is not asked again); without one it
 * is re-inferred from the rebuilt items.
 *
 * @example
 * // live: [0 SUCCEEDED, 1 STARTED, 2 STARTED], summary itemStatuses "S--" → the same three items
 * return replayBatch(plan, replayed, startUnit, skipUnit);
 */
export async function replayBatch<R>(
  plan: ConcurrencyPlan,
  replayed: ReplayedBatch,
  startUnit: (index: number) => PromiseLike<R>,
  skipUnit: (index: number) => void,
): Promise<BatchResult<R>> {
  const recorded = readRecordedBatchOutcome(replayed.payload);
  const markers = recorded.itemStatuses;
  if (markers === undefined) {
    // A payload without markers (written by something else): drive the items as live; every
    // item that completed returns its record.
    const outcome = await runConcurrently(plan, startUnit);
    return new BatchResultImpl<R>(
      outcome.items.map(toBatchItem),
      recorded.completionReason ?? outcome.completionReason,
    );
  }
  // Invariant (this SDK's engine and the official one alike): items start in index order, so the
  // started items are exactly 0 … n-1, and the live run wrote one marker for each of them
  // (`-` = started, unfinished). Items never started have no marker and are not in the result.
  const started = Math.min(markers.length, plan.total);
  const redriven: boolean[] = [];
  let lastRedriven = -1;
  for (let index = 0; index < started; index++) {
    const marker = markers[index];
    const redrive = (marker === "S" || marker === "F") && replayed.itemMayBeReplayed(index);
    redriven.push(redrive);
    if (redrive) lastRedriven = index;
  }
  const items: Array<SettledItem<R> | Promise<SettledItem<R>>> = [];
  for (let index = 0; index < started; index++) {
    if (redriven[index]) {
      items.push(
        Promise.resolve(startUnit(index)).then(
          (result): SettledItem<R> => ({ index, status: BatchItemStatus.SUCCEEDED, result }),
          (error: unknown): SettledItem<R> => ({ index, status: BatchItemStatus.FAILED, error }),
        ),
      );
      continue;
    }
    // Ids after the last re-driven item are never needed: nothing after it runs in this context.
    if (index < lastRedriven) skipUnit(index);
    items.push({ index, status: BatchItemStatus.STARTED });
  }
  const settled = await Promise.all(items);
  const completionReason =
    recorded.completionReason ?? inferCompletionReason(plan, settled) ?? "ALL_COMPLETED";
  return new BatchResultImpl<R>(settled.map(toBatchItem), completionReason);
}

/** Re-derives the reason of a replayed batch whose payload did not record one. */
function inferCompletionReason<R>(
  plan: ConcurrencyPlan,
  items: readonly SettledItem<R>[],
): CompletionReason | undefined {
  const view: CompletionItemStatus[] = Array.from({ length: plan.total }, (_, index) => {
    const name = plan.nameOf(index);
    return name === undefined ? { index } : { index, name };
  });
  let successCount = 0;
  let failureCount = 0;
  for (const item of items) {
    const entry = view[item.index];
    if (entry) entry.status = item.status;
    if (item.status === BatchItemStatus.SUCCEEDED) successCount++;
    else if (item.status === BatchItemStatus.FAILED) failureCount++;
  }
  return decideCompletion(plan.completionConfig, {
    successCount,
    failureCount,
    completedCount: successCount + failureCount,
    totalCount: plan.total,
    items: view,
  });
}
