// waitForCondition configuration.
import type { Duration } from "./core.js";
import type { DurableLogger, WaitForConditionContext } from "./logger-types.js";
import type { Serdes } from "./serdes-types.js";

/** Computes the next state from the current one. */
export type WaitForConditionCheckFunc<T, Logger extends DurableLogger = DurableLogger> = (
  state: T,
  context: WaitForConditionContext<Logger>,
) => Promise<T>;

/** Decides, from the latest state and the 1-based attempt, whether to poll again and after how long. */
export type WaitForConditionWaitStrategyFunc<T> = (state: T, attempt: number) => WaitForConditionDecision;

/** A wait strategy's answer. */
export type WaitForConditionDecision = { shouldContinue: true; delay: Duration } | { shouldContinue: false };

/**
 * Options of `ctx.waitForCondition`.
 *
 * @example
 * await ctx.waitForCondition("ready", check, {
 *   initialState: { done: false },
 *   waitStrategy: createWaitStrategy({ shouldContinuePolling: (s) => !s.done }),
 * });
 */
export interface WaitForConditionConfig<T> {
  waitStrategy: WaitForConditionWaitStrategyFunc<T>;
  initialState: T;
  serdes?: Serdes<T>;
}
