// Backoff with full jitter and the retry loop, with injected sleep and randomness (no real waiting).
import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  callWithRetry,
  DEFAULT_RETRY_POLICY,
  isRetryableTransportError,
  type RetryPolicy,
} from "../../src/checkpoint/retry-policy.js";
import { parseLambdaServiceError } from "../../src/checkpoint/lambda-service-error.js";
import { DurableExecutionClientError } from "../../src/errors.js";
import { LambdaTransportConfigError } from "../../src/checkpoint/lambda-environment.js";

const status = (code: number, type = "X", message = "m") =>
  parseLambdaServiceError(code, { "x-amzn-errortype": type }, JSON.stringify({ message }));

function recorder(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

describe("isRetryableTransportError", () => {
  it.each([
    ["429", status(429, "TooManyRequestsException"), true],
    ["500", status(500, "ServiceException"), true],
    ["502 (not KMS)", status(502, "EC2UnexpectedException"), true],
    ["503 without a name", parseLambdaServiceError(503, {}, ""), true],
    ["network error", Object.assign(new Error("reset"), { code: "ECONNRESET" }), true],
    ["KMS 502", status(502, "KMSDisabledException"), false],
    ["stale token", status(400, "InvalidParameterValueException", "Invalid Checkpoint Token: x"), false],
    ["other 400", status(400, "InvalidParameterValueException"), false],
    ["403", status(403, "AccessDeniedException"), false],
    ["404", status(404, "ResourceNotFoundException"), false],
    ["explicit INVOCATION scope", new DurableExecutionClientError("x", { scope: "INVOCATION" }), false],
    ["missing credentials", new LambdaTransportConfigError("No AWS credentials"), false],
  ])("%s → %s", (_name, error, expected) => {
    expect(isRetryableTransportError(error)).toBe(expected);
  });
});

describe("backoffDelayMs", () => {
  const policy: RetryPolicy = {
    maxAttempts: 5,
    baseDelayMs: 100,
    throttlingBaseDelayMs: 500,
    maxDelayMs: 1_000,
  };

  it("is full jitter over an exponentially growing ceiling", () => {
    const e = status(500);
    expect(backoffDelayMs(policy, 1, e, () => 0.999)).toBe(99);
    expect(backoffDelayMs(policy, 2, e, () => 0.999)).toBe(199);
    expect(backoffDelayMs(policy, 3, e, () => 0.999)).toBe(399);
    expect(backoffDelayMs(policy, 3, e, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 3, e, () => 0.5)).toBe(200);
  });

  it("uses the throttling base after a 429 and never exceeds the cap", () => {
    const throttled = status(429);
    expect(backoffDelayMs(policy, 1, throttled, () => 0.5)).toBe(250);
    expect(backoffDelayMs(policy, 10, throttled, () => 0.999)).toBe(999);
    expect(backoffDelayMs(policy, 40, status(500), () => 0.999)).toBeLessThanOrEqual(1_000);
  });

  it("waits at least Retry-After, within the cap", () => {
    const withRetryAfter = parseLambdaServiceError(429, { "retry-after": "0.3" }, "");
    expect(backoffDelayMs(policy, 1, withRetryAfter, () => 0)).toBe(300);
    const long = parseLambdaServiceError(429, { "retry-after": "60" }, "");
    expect(backoffDelayMs(policy, 1, long, () => 0)).toBe(1_000);
  });
});

describe("callWithRetry", () => {
  it("returns the first success without waiting", async () => {
    const { sleeps, sleep } = recorder();
    const result = await callWithRetry(async (n) => `ok ${n}`, DEFAULT_RETRY_POLICY, {
      sleep,
      random: () => 0.5,
    });
    expect(result).toBe("ok 1");
    expect(sleeps).toEqual([]);
  });

  it("retries transient failures and passes the attempt number", async () => {
    const { sleeps, sleep } = recorder();
    const seen: number[] = [];
    const result = await callWithRetry(
      async (n) => {
        seen.push(n);
        if (n < 3) throw status(n === 1 ? 503 : 429);
        return "done";
      },
      DEFAULT_RETRY_POLICY,
      { sleep, random: () => 0.5 },
    );
    expect(result).toBe("done");
    expect(seen).toEqual([1, 2, 3]);
    expect(sleeps).toEqual([50, 500]);
  });

  it("stops at maxAttempts and records attempts and total delay on the error", async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const error = await callWithRetry(
      async () => {
        calls++;
        throw status(500);
      },
      { ...DEFAULT_RETRY_POLICY, maxAttempts: 4 },
      { sleep, random: () => 0.5 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(sleeps).toEqual([50, 100, 200]);
    expect((error as { $metadata: object }).$metadata).toMatchObject({
      httpStatusCode: 500,
      attempts: 4,
      totalRetryDelay: 350,
    });
  });

  it("never retries a non-retryable error", async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const error = await callWithRetry(
      async () => {
        calls++;
        throw status(400, "InvalidParameterValueException", "Invalid Checkpoint Token");
      },
      DEFAULT_RETRY_POLICY,
      { sleep, random: () => 0.5 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
    expect((error as { $metadata: object }).$metadata).toMatchObject({ attempts: 1 });
  });

  it("treats maxAttempts below 1 as a single attempt", async () => {
    let calls = 0;
    await callWithRetry(
      async () => {
        calls++;
        throw status(500);
      },
      { ...DEFAULT_RETRY_POLICY, maxAttempts: 0 },
      { sleep: async () => {}, random: () => 0 },
    ).catch(() => undefined);
    expect(calls).toBe(1);
  });

  it("rethrows non-object failures untouched", async () => {
    const thrown = await callWithRetry(
      async () => {
        throw "plain string";
      },
      { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 },
      { sleep: async () => {}, random: () => 0 },
    ).catch((e: unknown) => e);
    expect(thrown).toBe("plain string");
  });
});
