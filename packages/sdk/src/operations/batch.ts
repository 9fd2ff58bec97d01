// The batch operation map and parallel share: one CONTEXT (SubType Map/Parallel) whose function
// drives the concurrency engine over the units, each in its own child context, and completes with
// the BatchResult (or, above 256 KiB, a summary that batch-replay.ts reads back).
import { DurablePromise } from "../durable-promise.js";
import { NestingType, type BatchResult, type CompletionConfig } from "../types/batch.js";
import type { DurableContext } from "../types/durable-context.js";
import type { Serdes } from "../types/serdes-types.js";
import {
  BatchResultImpl,
  batchSummaryGenerator,
  createBatchResultSerdes,
  restoreBatchResult,
  toBatchItem,
} from "./batch-result.js";
import { replayBatch, replayedBatch } from "./batch-replay.js";
import { runConcurrently, type ConcurrencyPlan } from "./concurrency.js";

/**
 * The member of core's context implementation (context/durable-context.ts) a batch call uses.
 * Read structurally rather than imported, because that module imports this one.
 */
interface BatchContextInternals {
  /** Runs an operation's synchronous part; an unrecoverable error thrown there ends the invocation at once. */
  start?<T>(begin: () => () => Promise<T>): DurablePromise<T>;
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
      if (replayed) return replayBatch(planOf(spec), replayed, startUnit, skipUnit);
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
