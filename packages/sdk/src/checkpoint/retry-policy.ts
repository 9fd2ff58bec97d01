// Retry of transient service failures inside the transport: throttling (429), server errors (5xx
// other than KMS misconfiguration), network errors and timeouts. Exponential backoff with full
// jitter, a small bounded number of attempts; sleep and randomness are injectable for tests.
import {
  classifyTransportError,
  explicitScopeOf,
  httpStatusOf,
  isInvalidCheckpointTokenError,
} from "./error-classification.js";

/**
 * Bounds of the transport's retry loop. Defaults mirror the AWS SDK's standard mode (3 attempts,
 * 100 ms base, 500 ms base when throttled, 20 s cap).
 */
export interface RetryPolicy {
  /** Total attempts including the first (≥ 1). */
  maxAttempts: number;
  /** Backoff base for server and network errors. */
  baseDelayMs: number;
  /** Backoff base after a 429. */
  throttlingBaseDelayMs: number;
  /** Upper bound of any single delay, `Retry-After` included. */
  maxDelayMs: number;
}

/** The default policy: 3 attempts, 100 ms / 500 ms (throttled) base, 20 s cap. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 100,
  throttlingBaseDelayMs: 500,
  maxDelayMs: 20_000,
});

/** Injected effects of the retry loop. */
export interface RetryEffects {
  /** Waits `ms` milliseconds. */
  sleep: (ms: number) => Promise<void>;
  /** Uniform random number in [0, 1). */
  random: () => number;
}

/** Real effects: a timer and `Math.random`. */
export const REAL_RETRY_EFFECTS: RetryEffects = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * Whether a failed call may be sent again: 429, 5xx except KMS errors, and failures without an
 * HTTP status (network, timeouts). A stale checkpoint token and other 4xx are final, and so are an
 * error that states its own scope and a transport configuration error.
 *
 * @example
 * isRetryableTransportError({ name: "ServiceException", $metadata: { httpStatusCode: 500 } }); // true
 */
export function isRetryableTransportError(error: unknown): boolean {
  if (explicitScopeOf(error) !== undefined) return false;
  // Configuration errors (no credentials, no region) surface inside the loop, from the
  // credentials provider, but will not change on a second attempt.
  if ((error as { name?: unknown } | null)?.name === "LambdaTransportConfigError") return false;
  return classifyTransportError(error) === "INVOCATION" && !isInvalidCheckpointTokenError(error);
}

/** `Retry-After` seconds an error carries (our `LambdaServiceError` sets `retryAfterSeconds`). */
function retryAfterMsOf(error: unknown): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Delay before the next attempt after `failedAttempt` (1-based) failed with `error`: a uniformly
 * random value in [0, min(cap, base · 2^(failedAttempt-1))) ("full jitter"), raised to the
 * service's `Retry-After` when one was given, never above `maxDelayMs`.
 *
 * @example
 * backoffDelayMs(DEFAULT_RETRY_POLICY, 2, err, () => 0.5); // 0.5 · 200 = 100 ms for a 5xx
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  error: unknown,
  random: () => number,
): number {
  const base = httpStatusOf(error) === 429 ? policy.throttlingBaseDelayMs : policy.baseDelayMs;
  const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (failedAttempt - 1));
  const jittered = Math.floor(random() * ceiling);
  const retryAfter = retryAfterMsOf(error);
  return Math.min(policy.maxDelayMs, retryAfter === undefined ? jittered : Math.max(jittered, retryAfter));
}

/**
 * Runs `attempt(n)` (n = 1, 2, …) until it succeeds, fails with a non-retryable error, or
 * `policy.maxAttempts` is reached. The error finally thrown is the last one, with
 * `$metadata.attempts` and `$metadata.totalRetryDelay` updated when it has `$metadata`.
 *
 * @example
 * const body = await callWithRetry((n) => send(request, n), DEFAULT_RETRY_POLICY, REAL_RETRY_EFFECTS);
 */
export async function callWithRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
  effects: RetryEffects,
): Promise<T> {
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  let totalDelayMs = 0;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (attemptNumber >= maxAttempts || !isRetryableTransportError(error)) {
        recordAttempts(error, attemptNumber, totalDelayMs);
        throw error;
      }
      const delayMs = backoffDelayMs(policy, attemptNumber, error, effects.random);
      totalDelayMs += delayMs;
      await effects.sleep(delayMs);
    }
  }
}

function recordAttempts(error: unknown, attempts: number, totalRetryDelay: number): void {
  const metadata = (error as { $metadata?: unknown } | null)?.$metadata;
  if (typeof metadata === "object" && metadata !== null) {
    Object.assign(metadata, { attempts, totalRetryDelay });
  }
}
