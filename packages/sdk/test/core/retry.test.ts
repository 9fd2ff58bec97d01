import { describe, expect, it } from "vitest";
import {
  InvalidOperationConfigError,
  createLinearRetryStrategy,
  createRetryStrategy,
  createWaitStrategy,
  retryPresets,
} from "../../src/index.js";
import { durationToSeconds, wholeSeconds } from "../../src/duration.js";
import { jitteredSeconds } from "../../src/retry.js";

const err = new Error("e");

describe("retry strategies (SDK.md §4.2)", () => {
  it("default preset: 6 attempts, 5 s × 2^(n−1) capped at 60 s, full jitter (never below 1 s)", () => {
    for (let attempt = 1; attempt < 6; attempt++) {
      const decision = retryPresets.default(err, attempt);
      expect(decision.shouldRetry).toBe(true);
      const seconds = durationToSeconds(decision.delay ?? { seconds: 0 });
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(Math.min(5 * 2 ** (attempt - 1), 60));
    }
    expect(retryPresets.default(err, 6)).toEqual({ shouldRetry: false });
  });

  it("linear preset: 1 s, 2 s, 3 s … without jitter; noRetry never retries", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryPresets.linear(err, n).delay)).toEqual(
      [1, 2, 3, 4, 5].map((seconds) => ({ seconds })),
    );
    expect(retryPresets.linear(err, 6).shouldRetry).toBe(false);
    expect(retryPresets.noRetry(err, 1).shouldRetry).toBe(false);
  });

  it("createRetryStrategy defaults: 3 attempts, 5 s × 2^(n−1)", () => {
    const s = createRetryStrategy({ jitter: "NONE" });
    expect(s(err, 1)).toEqual({ shouldRetry: true, delay: { seconds: 5 } });
    expect(s(err, 2)).toEqual({ shouldRetry: true, delay: { seconds: 10 } });
    expect(s(err, 3)).toEqual({ shouldRetry: false });
  });

  it("caps at maxDelay and linear increments", () => {
    const s = createRetryStrategy({ jitter: "NONE", maxAttempts: 10, maxDelay: { seconds: 12 } });
    expect(s(err, 5).delay).toEqual({ seconds: 12 });
    const l = createLinearRetryStrategy({
      jitter: "NONE",
      initialDelay: { seconds: 2 },
      increment: { seconds: 3 },
    });
    expect(l(err, 3).delay).toEqual({ seconds: 8 });
  });

  it("retryableErrors (message) and retryableErrorTypes (class) are OR-ed", () => {
    class Transient extends Error {}
    const s = createRetryStrategy({
      retryableErrors: ["timeout", /throttl/],
      retryableErrorTypes: [Transient],
    });
    expect(s(new Error("socket timeout"), 1).shouldRetry).toBe(true);
    expect(s(new Error("throttled"), 1).shouldRetry).toBe(true);
    expect(s(new Transient("x"), 1).shouldRetry).toBe(true);
    expect(s(new Error("fatal"), 1).shouldRetry).toBe(false);
  });

  it("jitter: NONE keeps, FULL scales, HALF keeps at least half; rounding with a 1 s floor", () => {
    expect(jitteredSeconds(10, "NONE")).toBe(10);
    expect(jitteredSeconds(10, "FULL", () => 0)).toBe(1);
    expect(jitteredSeconds(10, "FULL", () => 0.44)).toBe(4);
    expect(jitteredSeconds(10, "HALF", () => 0)).toBe(5);
    expect(jitteredSeconds(10, "HALF", () => 1)).toBe(10);
  });

  it("bad strategy options are typed errors", () => {
    expect(() => createRetryStrategy({ maxAttempts: 0 })).toThrow(InvalidOperationConfigError);
    expect(() => createRetryStrategy({ initialDelay: {} as never })).toThrow(InvalidOperationConfigError);
    expect(() => createWaitStrategy({} as never)).toThrow(InvalidOperationConfigError);
    expect(() => createWaitStrategy({ shouldContinuePolling: () => true, timeoutSeconds: -5 })).toThrow(
      InvalidOperationConfigError,
    );
  });

  it("createWaitStrategy: 1.5 backoff from 5 s capped at 300 s, stop when polling is done", () => {
    const w = createWaitStrategy({ shouldContinuePolling: (n: number) => n < 3, jitter: "NONE" });
    expect(w(0, 1)).toEqual({ shouldContinue: true, delay: { seconds: 5 } });
    expect(w(0, 2)).toEqual({ shouldContinue: true, delay: { seconds: 8 } });
    expect(w(3, 2)).toEqual({ shouldContinue: false });
    expect(() => w(0, 60)).toThrow("waitForCondition exceeded maximum attempts (60)");
  });
});

describe("durations", () => {
  it("sums units and validates whole seconds in range", () => {
    expect(durationToSeconds({ days: 1, hours: 1, minutes: 1, seconds: 1 })).toBe(90_061);
    expect(wholeSeconds({ minutes: 2 }, "w", 1, 100 * 60)).toBe(120);
    expect(() => wholeSeconds({ seconds: 0.5 }, "w", 1, 10)).toThrow(InvalidOperationConfigError);
    expect(() => durationToSeconds(null as never)).toThrow(/must be an object/);
    expect(() => durationToSeconds({ seconds: Number.NaN })).toThrow(/finite number/);
  });
});
