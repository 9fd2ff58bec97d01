// createCallback / waitForCallback configuration.
import type { Duration } from "./core.js";
import type { DurablePromise } from "../durable-promise.js";
import type { DurableLogger, WaitForCallbackContext } from "./logger-types.js";
import type { Serdes } from "./serdes-types.js";
import type { RetryDecision } from "./step.js";

/**
 * Options of `ctx.createCallback`.
 *
 * @example
 * const [result, callbackId] = await ctx.createCallback("approval", { timeout: { hours: 24 } });
 */
export interface CreateCallbackConfig<TOutput = string> {
  timeout?: Duration;
  heartbeatTimeout?: Duration;
  /** Reads the callback's result string; pass-through (the raw string) by default. */
  serdes?: Omit<Serdes<TOutput>, "serialize">;
}

/**
 * Options of `ctx.waitForCallback`.
 *
 * @example
 * await ctx.waitForCallback("approval", submit, { timeout: { hours: 1 }, retryStrategy: retryPresets.noRetry });
 */
export interface WaitForCallbackConfig<TOutput = string> {
  timeout?: Duration;
  heartbeatTimeout?: Duration;
  /** Retries of the submitter step. */
  retryStrategy?: (error: Error, attemptCount: number) => RetryDecision;
  serdes?: Omit<Serdes<TOutput>, "serialize">;
}

/** `[promise of the result, callbackId]`. */
export type CreateCallbackResult<T = string> = [DurablePromise<T>, string];

/** Hands the callback id to the external system that will complete it. */
export type WaitForCallbackSubmitterFunc<TLogger extends DurableLogger = DurableLogger> = (
  callbackId: string,
  context: WaitForCallbackContext<TLogger>,
) => Promise<void>;
