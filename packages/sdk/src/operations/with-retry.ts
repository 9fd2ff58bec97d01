// withRetry (SDK.md §4.10): re-runs a block of durable operations with durable `wait` backoffs
// between attempts, by default inside one child context so the attempts group together.
import { toError } from "../errors.js";
import { invalidArgument, rejectInvalidCall } from "./invalid-call.js";
import type { ChildConfig } from "../types/child-context.js";
import type { DurableContext } from "../types/durable-context.js";
import type { RetryDecision } from "../types/step.js";

/**
 * Options of {@link withRetry}.
 *
 * @example
 * const config: WithRetryConfig<string> = { retryStrategy: createRetryStrategy({ maxAttempts: 3 }) };
 */
export interface WithRetryConfig<T> {
  /** Decides after each failed attempt (1-based) whether to retry and how long to wait first (1 s if unset). */
  retryStrategy: (error: Error, attemptCount: number) => RetryDecision;
  /** Run the attempts inside `runInChildContext` (default `true`); `false` runs them directly in the context. */
  wrapWithRunInChildContext?: boolean;
  /** Passed to the wrapping `runInChildContext`; ignored when not wrapping. */
  childContextConfig?: ChildConfig<T>;
}

/** One attempt of the retried block; `attempt` is 1-based. */
export type RetryableFunc<T> = (context: DurableContext, attempt: number) => Promise<T>;

/**
 * Runs `func` until it succeeds or `retryStrategy` gives up, waiting durably between attempts
 * (waits named `<name>-backoff-<attempt>` when a name is given, else unnamed). Wrapped (the
 * default), a final failure reaches the caller as ChildContextError with the last error as
 * `cause`; unwrapped, the last error is rethrown as is.
 *
 * @example
 * const decision = await withRetry(ctx, "approval",
 *   (c, attempt) => c.waitForCallback(`approval-${attempt}`, submit, { timeout: { hours: 24 } }),
 *   { retryStrategy: createRetryStrategy({ maxAttempts: 3, initialDelay: { seconds: 2 } }) });
 *
 * @example
 * // wrong: a step cannot contain durable operations
 * await ctx.step(() => ctx.invoke("charge", fnArn, order));
 * // right: retry the whole block
 * await withRetry(ctx, (c) => c.invoke("charge", fnArn, order), { retryStrategy: retryPresets.default });
 */
export function withRetry<T>(
  context: DurableContext,
  name: string,
  func: RetryableFunc<T>,
  config: WithRetryConfig<T>,
): Promise<T>;
export function withRetry<T>(
  context: DurableContext,
  func: RetryableFunc<T>,
  config: WithRetryConfig<T>,
): Promise<T>;
export function withRetry<T>(
  context: DurableContext,
  nameOrFunc: string | undefined | RetryableFunc<T>,
  funcOrConfig: RetryableFunc<T> | WithRetryConfig<T>,
  maybeConfig?: WithRetryConfig<T>,
): Promise<T> {
  const named = typeof nameOrFunc === "string" || nameOrFunc === undefined;
  const name = named ? (nameOrFunc as string | undefined) : undefined;
  const func = (named ? funcOrConfig : nameOrFunc) as RetryableFunc<T>;
  const config = (named ? maybeConfig : funcOrConfig) as WithRetryConfig<T> | undefined;
  try {
    validateWithRetryArgs(context, func, config);
  } catch (error) {
    return rejectInvalidCall<T>(context, error);
  }
  const {
    retryStrategy,
    wrapWithRunInChildContext = true,
    childContextConfig,
  } = config as WithRetryConfig<T>;

  const attempts = async (ctx: DurableContext): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await func(ctx, attempt);
      } catch (error) {
        const decision = retryStrategy(toError(error), attempt);
        if (!decision.shouldRetry) throw error;
        const delay = decision.delay ?? { seconds: 1 };
        if (name === undefined) await ctx.wait(delay);
        else await ctx.wait(`${name}-backoff-${attempt}`, delay);
      }
    }
  };

  if (!wrapWithRunInChildContext) return attempts(context);
  return context.runInChildContext<T>(name, attempts, childContextConfig);
}

/** Checked at the call, before the first attempt takes an id (as every operation checks its arguments). */
function validateWithRetryArgs(context: unknown, func: unknown, config: unknown): void {
  if (typeof (context as { runInChildContext?: unknown } | null)?.runInChildContext !== "function") {
    throw invalidArgument("withRetry context", "a DurableContext", context);
  }
  if (typeof func !== "function") throw invalidArgument("withRetry function", "a function", func);
  if (typeof config !== "object" || config === null) {
    throw invalidArgument(
      "withRetry config",
      "an object { retryStrategy, wrapWithRunInChildContext? }",
      config,
    );
  }
  const { retryStrategy, wrapWithRunInChildContext } = config as Record<string, unknown>;
  if (typeof retryStrategy !== "function") {
    throw invalidArgument("withRetry config.retryStrategy", "a function", retryStrategy);
  }
  if (wrapWithRunInChildContext !== undefined && typeof wrapWithRunInChildContext !== "boolean") {
    throw invalidArgument(
      "withRetry config.wrapWithRunInChildContext",
      "a boolean",
      wrapWithRunInChildContext,
    );
  }
}
