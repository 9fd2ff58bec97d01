// The batch operation map and parallel share: one CONTEXT (SubType Map/Parallel) whose function
// drives the concurrency engine over the units, each in its own child context, and completes with
// the BatchResult (or, above 256 KiB, a summary that batch-replay.ts reads back).
import { DurablePromise } from "../durable-promise.js";
import { InvalidOperationConfigError } from "../errors.js";
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
import { invalidArgument } from "./invalid-call.js";

const THRESHOLD_FIELDS = ["minSuccessful", "toleratedFailureCount", "toleratedFailurePercentage"] as const;
/** Options that must be functions when given (`itemNamer` is map's; parallel has none by that name). */
const FUNCTION_FIELDS = ["itemNamer", "summaryGenerator"] as const;
const SERDES_FIELDS = ["serdes", "itemSerdes"] as const;

/**
 * Checks every map/parallel option: the engine's (maxConcurrency, completionConfig) and the
 * batch's (nesting, serdes, itemSerdes, itemNamer, summaryGenerator). Runs before the operation
 * takes an id, so a bad config fails the execution without leaving a half-started batch behind.
 *
 * @example
 * validateBatchConfig("map", { maxConcurrency: 0 }); // throws InvalidOperationConfigError
 */
export function validateBatchConfig(operation: "map" | "parallel", config: unknown): void {
  if (config === undefined || config === null) return;
  if (typeof config !== "object") throw invalidArgument(`${operation} config`, "an object", config);
  const options = config as Record<string, unknown>;
  const max = options["maxConcurrency"];
  if (max !== undefined && max !== null && (typeof max !== "number" || Number.isNaN(max) || max <= 0)) {
    throw invalidArgument(`${operation} maxConcurrency`, "a positive number or undefined (unlimited)", max);
  }
  const nesting = options["nesting"];
  if (nesting !== undefined && nesting !== NestingType.NESTED && nesting !== NestingType.FLAT) {
    throw invalidArgument(`${operation} nesting`, `"NESTED" or "FLAT"`, nesting);
  }
  for (const field of FUNCTION_FIELDS) {
    const value = options[field];
    if (value !== undefined && typeof value !== "function") {
      throw invalidArgument(`${operation} ${field}`, "a function", value);
    }
  }
  for (const field of SERDES_FIELDS) {
    const value = options[field] as Record<string, unknown> | undefined | null;
    if (value === undefined) continue;
    if (typeof value !== "object" || value === null) {
      throw invalidArgument(`${operation} ${field}`, "a serdes object { serialize, deserialize }", value);
    }
    for (const method of ["serialize", "deserialize"]) {
      if (typeof value[method] !== "function") {
        throw invalidArgument(`${operation} ${field}.${method}`, "a function", value[method]);
      }
    }
  }
  const completion = options["completionConfig"];
  if (completion === undefined || completion === null) return;
  if (typeof completion !== "object") {
    throw invalidArgument(`${operation} completionConfig`, "an object", completion);
  }
  const fields = completion as Record<string, unknown>;
  const hasPredicate = fields["shouldComplete"] !== undefined;
  if (hasPredicate && typeof fields["shouldComplete"] !== "function") {
    throw invalidArgument(
      `${operation} completionConfig.shouldComplete`,
      "a function",
      fields["shouldComplete"],
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
      throw invalidArgument(`${operation} completionConfig.${field}`, "a number ≥ 0", value);
    }
  }
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
