// Retry strategies for steps (SDK.md §4.2) and the wait strategy for waitForCondition (§4.9).
import { durationToSeconds } from "./duration.js";
import { InvalidOperationConfigError } from "./errors.js";
import type { Duration } from "./types/core.js";
import type { RetryDecision } from "./types/step.js";
import { JitterStrategy } from "./types/step.js";
import type { WaitForConditionDecision } from "./types/wait-condition.js";

/** Apply jitter, then round to whole seconds with a 1 s minimum. */
export function jitteredSeconds(
  seconds: number,
  jitter: JitterStrategy,
  random: () => number = Math.random,
): number {
  let value = seconds;
  if (jitter === JitterStrategy.FULL) value = random() * seconds;
  else if (jitter === JitterStrategy.HALF) value = seconds / 2 + (random() * seconds) / 2;
  return Math.max(1, Math.round(value));
}

function matchesRetryable(
  error: Error,
  retryableErrors: readonly (string | RegExp)[] | undefined,
  retryableErrorTypes: readonly (new (...args: any[]) => Error)[] | undefined,
): boolean {
  if (!retryableErrors?.length && !retryableErrorTypes?.length) return true;
  const message = error?.message ?? "";
  if (retryableErrors?.some((p) => (typeof p === "string" ? message.includes(p) : p.test(message))))
    return true;
  return retryableErrorTypes?.some((type) => error instanceof type) ?? false;
}

function positiveInteger(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidOperationConfigError(`${what} must be an integer ≥ 1, received ${String(value)}`);
  }
  return value;
}

/**
 * Options of {@link createRetryStrategy}.
 *
 * @example
 * createRetryStrategy({ maxAttempts: 5, initialDelay: { seconds: 2 }, backoffRate: 3 });
 */
export interface RetryStrategyConfig {
  /** All attempts, including the first (default 3). */
  maxAttempts?: number;
  initialDelay?: Duration;
  maxDelay?: Duration;
  backoffRate?: number;
  jitter?: JitterStrategy;
  /** Retry only errors whose message contains / matches one of these (OR-ed with `retryableErrorTypes`). */
  retryableErrors?: (string | RegExp)[];
  retryableErrorTypes?: (new () => Error)[];
}

/**
 * Exponential backoff: `initialDelay × backoffRate^(attempt−1)`, capped by `maxDelay`, jittered.
 *
 * @example
 * await ctx.step("call", fn, { retryStrategy: createRetryStrategy({ maxAttempts: 4 }) });
 */
export function createRetryStrategy(
  config: RetryStrategyConfig = {},
): (error: Error, attemptsMade: number) => RetryDecision {
  const maxAttempts = positiveInteger(config.maxAttempts, 3, "maxAttempts");
  const initial = durationToSeconds(config.initialDelay ?? { seconds: 5 }, "initialDelay");
  const cap = durationToSeconds(config.maxDelay ?? { minutes: 5 }, "maxDelay");
  const rate = config.backoffRate ?? 2;
  const jitter = config.jitter ?? JitterStrategy.FULL;
  return (error, attemptsMade) => {
    if (attemptsMade >= maxAttempts) return { shouldRetry: false };
    if (!matchesRetryable(error, config.retryableErrors, config.retryableErrorTypes))
      return { shouldRetry: false };
    const base = Math.min(initial * rate ** (attemptsMade - 1), cap);
    return { shouldRetry: true, delay: { seconds: jitteredSeconds(base, jitter) } };
  };
}

/**
 * Options of {@link createLinearRetryStrategy}.
 *
 * @example
 * createLinearRetryStrategy({ increment: { seconds: 10 } });
 */
export interface LinearRetryStrategyConfig {
  maxAttempts?: number;
  initialDelay?: Duration;
  increment?: Duration;
  maxDelay?: Duration;
  jitter?: JitterStrategy;
  retryableErrors?: (string | RegExp)[];
  retryableErrorTypes?: (new () => Error)[];
}

/**
 * Linear backoff: `initialDelay + increment × (attempt−1)`, capped by `maxDelay`, jittered.
 *
 * @example
 * await ctx.step("poll", fn, { retryStrategy: createLinearRetryStrategy({ maxAttempts: 10 }) });
 */
export function createLinearRetryStrategy(
  config: LinearRetryStrategyConfig = {},
): (error: Error, attemptsMade: number) => RetryDecision {
  const maxAttempts = positiveInteger(config.maxAttempts, 6, "maxAttempts");
  const initial = durationToSeconds(config.initialDelay ?? { seconds: 1 }, "initialDelay");
  const increment = durationToSeconds(config.increment ?? { seconds: 1 }, "increment");
  const cap = durationToSeconds(config.maxDelay ?? { minutes: 5 }, "maxDelay");
  const jitter = config.jitter ?? JitterStrategy.FULL;
  return (error, attemptsMade) => {
    if (attemptsMade >= maxAttempts) return { shouldRetry: false };
    if (!matchesRetryable(error, config.retryableErrors, config.retryableErrorTypes))
      return { shouldRetry: false };
    const base = Math.min(initial + increment * (attemptsMade - 1), cap);
    return { shouldRetry: true, delay: { seconds: jitteredSeconds(base, jitter) } };
  };
}

/**
 * Ready-made strategies. `default` is used when a step has none.
 *
 * @example
 * await ctx.step("once", fn, { retryStrategy: retryPresets.noRetry });
 */
export const retryPresets = {
  /** 6 attempts, 5 s × 2^(attempt−1) up to 60 s, full jitter. */
  default: createRetryStrategy({
    maxAttempts: 6,
    initialDelay: { seconds: 5 },
    backoffRate: 2,
    maxDelay: { seconds: 60 },
    jitter: JitterStrategy.FULL,
  }),
  /** 6 attempts, 1 s, 2 s, 3 s, … up to 5 min, no jitter. */
  linear: createLinearRetryStrategy({ maxAttempts: 6, jitter: JitterStrategy.NONE }),
  /** A single attempt. */
  noRetry: (_error: Error, _attemptsMade: number): RetryDecision => ({ shouldRetry: false }),
};

/**
 * Options of {@link createWaitStrategy}.
 *
 * @example
 * createWaitStrategy({ shouldContinuePolling: (s: Job) => s.status !== "DONE", timeoutSeconds: 3600 });
 */
export interface WaitStrategyConfig<T> {
  /** Default 60 (all checks, including the first). */
  maxAttempts?: number;
  initialDelay?: Duration;
  maxDelay?: Duration;
  backoffRate?: number;
  jitter?: JitterStrategy;
  shouldContinuePolling: (result: T) => boolean;
  /**
   * Give up once this many seconds have passed since the first check (measured from the operation's start
   * timestamp); the last poll is scheduled no later than the deadline.
   */
  timeoutSeconds?: number;
}

/** A wait strategy; `elapsedSeconds` (time since the operation started) is supplied by waitForCondition. */
export type WaitStrategyFunc<T> = (
  result: T,
  attemptsMade: number,
  elapsedSeconds?: number,
) => WaitForConditionDecision;

/**
 * Exponential polling for `waitForCondition`.
 *
 * @example
 * const strategy = createWaitStrategy({ shouldContinuePolling: (s: { ready: boolean }) => !s.ready, maxAttempts: 20 });
 */
export function createWaitStrategy<T>(config: WaitStrategyConfig<T>): WaitStrategyFunc<T> {
  if (typeof config?.shouldContinuePolling !== "function") {
    throw new InvalidOperationConfigError("createWaitStrategy requires a shouldContinuePolling function");
  }
  const maxAttempts = positiveInteger(config.maxAttempts, 60, "maxAttempts");
  const initial = durationToSeconds(config.initialDelay ?? { seconds: 5 }, "initialDelay");
  const cap = durationToSeconds(config.maxDelay ?? { seconds: 300 }, "maxDelay");
  const rate = config.backoffRate ?? 1.5;
  const jitter = config.jitter ?? JitterStrategy.FULL;
  const timeout = config.timeoutSeconds;
  if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0)) {
    throw new InvalidOperationConfigError(
      `timeoutSeconds must be a positive number, received ${String(timeout)}`,
    );
  }
  return (result, attemptsMade, elapsedSeconds) => {
    if (!config.shouldContinuePolling(result)) return { shouldContinue: false };
    if (attemptsMade >= maxAttempts)
      throw new Error(`waitForCondition exceeded maximum attempts (${maxAttempts})`);
    let seconds = jitteredSeconds(Math.min(initial * rate ** (attemptsMade - 1), cap), jitter);
    if (timeout !== undefined && elapsedSeconds !== undefined) {
      if (elapsedSeconds >= timeout) throw new Error(`waitForCondition exceeded its timeout (${timeout} s)`);
      seconds = Math.max(1, Math.min(seconds, Math.ceil(timeout - elapsedSeconds)));
    }
    return { shouldContinue: true, delay: { seconds } };
  };
}
