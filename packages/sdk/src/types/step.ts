// Step configuration and retry vocabulary.
import type { Duration } from "./core.js";
import type { DurableLogger, StepContext } from "./logger-types.js";
import type { Serdes } from "./serdes-types.js";

/**
 * A retry strategy's answer for a failed attempt.
 *
 * @example
 * const strategy = (_e: Error, attempt: number): RetryDecision =>
 *   attempt < 3 ? { shouldRetry: true, delay: { seconds: 10 } } : { shouldRetry: false };
 */
export interface RetryDecision {
  shouldRetry: boolean;
  /** Delay before the next attempt; 1 second when omitted. */
  delay?: Duration;
}

/**
 * When a step's function may run relative to its START checkpoint.
 *
 * @example
 * await ctx.step("charge", charge, { semantics: StepSemantics.AtMostOncePerRetry });
 */
export const StepSemantics = {
  /** START is checkpointed before the function runs; a crash mid-attempt is not re-run but goes through the retry strategy. */
  AtMostOncePerRetry: "AT_MOST_ONCE_PER_RETRY",
  /** Default: START is fire-and-forget; a crash mid-attempt re-runs the function. */
  AtLeastOncePerRetry: "AT_LEAST_ONCE_PER_RETRY",
} as const;
export type StepSemantics = (typeof StepSemantics)[keyof typeof StepSemantics];

/**
 * Randomisation applied to retry delays.
 *
 * @example
 * createRetryStrategy({ jitter: JitterStrategy.NONE });
 */
export const JitterStrategy = {
  NONE: "NONE",
  FULL: "FULL",
  HALF: "HALF",
} as const;
export type JitterStrategy = (typeof JitterStrategy)[keyof typeof JitterStrategy];

/** A retry strategy: `attemptCount` is the 1-based attempt that just failed. */
export type RetryStrategy = (error: Error, attemptCount: number) => RetryDecision;

/**
 * Options of `ctx.step`.
 *
 * @example
 * await ctx.step("fetch", fetchIt, { retryStrategy: retryPresets.linear, timeoutSeconds: 30 });
 */
export interface StepConfig<T> {
  /** Defaults to `retryPresets.default` (6 attempts, exponential backoff). */
  retryStrategy?: (error: Error, attemptCount: number) => RetryDecision;
  semantics?: StepSemantics;
  serdes?: Serdes<T>;
  /**
   * Abort an attempt after this many seconds with a `StepTimeoutError`, which goes through the retry strategy
   * like any other failure. (durable-lambda extension.)
   */
  timeoutSeconds?: number;
}

/** A step's function. It receives no durable context: durable operations inside a step are a usage error. */
export type StepFunc<T, Logger extends DurableLogger = DurableLogger> = (
  context: StepContext<Logger>,
) => Promise<T>;
