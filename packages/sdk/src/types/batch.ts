// map / parallel vocabulary: configuration, completion rules and the BatchResult shape.
import type { ChildContextError } from "../errors.js";
import type { DurableContext } from "./durable-context.js";
import type { DurableLogger } from "./logger-types.js";
import type { Serdes } from "./serdes-types.js";

/**
 * Whether each item gets its own CONTEXT operation (NESTED, default) or only the batch does (FLAT).
 *
 * @example
 * await ctx.map(items, fn, { nesting: NestingType.FLAT });
 */
export const NestingType = {
  NESTED: "NESTED",
  FLAT: "FLAT",
} as const;
export type NestingType = (typeof NestingType)[keyof typeof NestingType];

/**
 * Status of one batch item.
 *
 * @example
 * result.all.filter((i) => i.status === BatchItemStatus.FAILED);
 */
export const BatchItemStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  STARTED: "STARTED",
} as const;
export type BatchItemStatus = (typeof BatchItemStatus)[keyof typeof BatchItemStatus];
// Member types so `BatchItemStatus.STARTED` works in type positions, as with an enum.
// eslint-disable-next-line @typescript-eslint/no-namespace -- type-only members, mirroring the official enum
export declare namespace BatchItemStatus {
  type SUCCEEDED = typeof BatchItemStatus.SUCCEEDED;
  type FAILED = typeof BatchItemStatus.FAILED;
  type STARTED = typeof BatchItemStatus.STARTED;
}

/** One item of a batch, in index order. */
export interface BatchItem<TResult> {
  result?: TResult;
  error?: ChildContextError;
  index: number;
  status: BatchItemStatus;
}

/** Why a batch stopped. */
export type CompletionReason =
  | "ALL_COMPLETED"
  | "MIN_SUCCESSFUL_REACHED"
  | "FAILURE_TOLERANCE_EXCEEDED"
  | "CUSTOM_COMPLETION_SUCCEEDED"
  | "CUSTOM_COMPLETION_FAILED";

/**
 * Result of `ctx.map` / `ctx.parallel`. Item failures never throw; call `throwIfError()` to do so.
 *
 * @example
 * const r = await ctx.map(orders, process);
 * r.throwIfError();
 * const values = r.getResults();
 */
export interface BatchResult<TResult> {
  all: Array<BatchItem<TResult>>;
  succeeded(): Array<BatchItem<TResult> & { result: TResult }>;
  failed(): Array<BatchItem<TResult> & { error: ChildContextError }>;
  started(): Array<BatchItem<TResult> & { status: BatchItemStatus.STARTED }>;
  status: BatchItemStatus.SUCCEEDED | BatchItemStatus.FAILED;
  completionReason: CompletionReason;
  hasFailure: boolean;
  throwIfError(): void;
  getResults(): Array<TResult>;
  getErrors(): Array<ChildContextError>;
  successCount: number;
  failureCount: number;
  startedCount: number;
  totalCount: number;
}

/**
 * Outcome chosen by a custom completion rule.
 *
 * @example
 * completeBatch(CompletionOutcome.FAILED);
 */
export const CompletionOutcome = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
} as const;
export type CompletionOutcome = (typeof CompletionOutcome)[keyof typeof CompletionOutcome];

/** A custom completion rule's answer. */
export type CompletionDecision = { complete: false } | { complete: true; outcome?: CompletionOutcome };

/**
 * Keep the batch running.
 *
 * @example
 * shouldComplete: (s) => (s.successCount >= 2 ? completeBatch() : continueBatch())
 */
export const continueBatch = (): CompletionDecision => ({ complete: false });

/**
 * Stop the batch now with the given outcome (SUCCEEDED by default).
 *
 * @example
 * shouldComplete: (s) => (s.failureCount > 0 ? completeBatch(CompletionOutcome.FAILED) : continueBatch())
 */
export const completeBatch = (outcome?: CompletionOutcome): CompletionDecision =>
  outcome === undefined ? { complete: true } : { complete: true, outcome };

/** Threshold completion rules (cannot be combined with `shouldComplete`). */
export interface ThresholdCompletionConfig {
  minSuccessful?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  shouldComplete?: never;
}

/** A custom completion rule (cannot be combined with thresholds). */
export interface CustomCompletionConfig {
  shouldComplete: (status: CompletionStatus) => CompletionDecision;
  minSuccessful?: never;
  toleratedFailureCount?: never;
  toleratedFailurePercentage?: never;
}

/**
 * When a batch stops.
 *
 * @example
 * await ctx.map(items, fn, { completionConfig: { toleratedFailureCount: 2 } });
 */
export type CompletionConfig = ThresholdCompletionConfig | CustomCompletionConfig;

/** One item as seen by a custom completion rule. */
export interface CompletionItemStatus {
  index: number;
  name?: string;
  status?: BatchItemStatus;
}

/** Counters seen by a custom completion rule. */
export interface CompletionStatus {
  successCount: number;
  failureCount: number;
  completedCount: number;
  totalCount: number;
  items: readonly CompletionItemStatus[];
}

/** The function run for each map item, in its own child context. */
export type MapFunc<TInput, TOutput, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
  item: TInput,
  index: number,
  array: TInput[],
) => Promise<TOutput>;

/**
 * Options of `ctx.map`.
 *
 * @example
 * await ctx.map("orders", orders, fn, { maxConcurrency: 5, itemNamer: (o) => o.id });
 */
export interface MapConfig<TItem, TResult> {
  maxConcurrency?: number;
  itemNamer?: (item: TItem, index: number) => string;
  serdes?: Serdes<BatchResult<TResult>>;
  itemSerdes?: Serdes<TResult>;
  completionConfig?: CompletionConfig;
  summaryGenerator?: (result: BatchResult<TResult>) => string;
  nesting?: NestingType;
}

/** A parallel branch's function. */
export type ParallelFunc<TResult, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
) => Promise<TResult>;

/** A parallel branch with an explicit name. */
export interface NamedParallelBranch<TResult, Logger extends DurableLogger = DurableLogger> {
  name?: string;
  func: ParallelFunc<TResult, Logger>;
}

/**
 * Options of `ctx.parallel`.
 *
 * @example
 * await ctx.parallel("fanout", [a, b, c], { maxConcurrency: 2 });
 */
export interface ParallelConfig<TResult> {
  maxConcurrency?: number;
  serdes?: Serdes<BatchResult<TResult>>;
  itemSerdes?: Serdes<TResult>;
  completionConfig?: CompletionConfig;
  summaryGenerator?: (result: BatchResult<TResult>) => string;
  nesting?: NestingType;
}

/** One unit of work of the shared concurrency engine. */
export interface ConcurrentExecutionItem<T> {
  id: string;
  data: T;
  index: number;
  name?: string;
}

/** Runs one unit of work in its child context. */
export type ConcurrentExecutor<TItem, TResult, Logger extends DurableLogger = DurableLogger> = (
  item: ConcurrentExecutionItem<TItem>,
  childContext: DurableContext<Logger>,
) => Promise<TResult>;

/** Options of the shared concurrency engine under map and parallel. */
export interface ConcurrencyConfig<TResult> {
  maxConcurrency?: number;
  topLevelSubType?: string;
  iterationSubType?: string;
  summaryGenerator?: (result: BatchResult<TResult>) => string;
  serdes?: Serdes<BatchResult<TResult>>;
  itemSerdes?: Serdes<TResult>;
  completionConfig?: CompletionConfig;
  nesting?: NestingType;
}
