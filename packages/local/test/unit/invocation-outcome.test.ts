import { describe, expect, it } from "vitest";
import { decideNextStep, type InvocationFacts } from "../../src/engine/invocation-outcome.js";

const base: InvocationFacts = {
  result: { kind: "returned", value: { Status: "PENDING" } },
  previousFailures: 0,
  maxFailures: 3,
  retryDelayMs: 100,
  undelivered: false,
  outstanding: 1,
};

describe("decideNextStep", () => {
  it("suspends on PENDING with something outstanding, re-invokes when a change was not delivered", () => {
    expect(decideNextStep(base)).toEqual({ kind: "suspend" });
    expect(decideNextStep({ ...base, undelivered: true })).toEqual({ kind: "reinvoke" });
    expect(decideNextStep({ ...base, undelivered: true, outstanding: 0 })).toEqual({ kind: "reinvoke" });
    expect(decideNextStep({ ...base, outstanding: 0 })).toMatchObject({
      kind: "close",
      status: "FAILED",
      error: { ErrorMessage: "Cannot return PENDING status with no pending operations." },
    });
  });

  it("retries failed invocations with growing delay, then fails with the last error", () => {
    const failed: InvocationFacts = {
      ...base,
      result: { kind: "failed", errorType: "Runtime.ExitError", errorMessage: "exit 1" },
    };
    expect(decideNextStep(failed)).toEqual({ kind: "retry", delayMs: 100 });
    expect(decideNextStep({ ...failed, previousFailures: 1 })).toEqual({ kind: "retry", delayMs: 200 });
    expect(decideNextStep({ ...failed, previousFailures: 2 })).toEqual({
      kind: "close",
      status: "FAILED",
      error: { ErrorType: "Runtime.ExitError", ErrorMessage: "exit 1" },
    });
  });

  it("closes on SUCCEEDED/FAILED/invalid output, and a checkpointed EXECUTION completion wins", () => {
    expect(
      decideNextStep({ ...base, result: { kind: "returned", value: { Status: "SUCCEEDED", Result: "1" } } }),
    ).toEqual({ kind: "close", status: "SUCCEEDED", result: "1" });
    expect(
      decideNextStep({
        ...base,
        result: { kind: "returned", value: { Status: "FAILED", Error: { ErrorType: "E" } } },
      }),
    ).toEqual({ kind: "close", status: "FAILED", error: { ErrorType: "E" } });
    expect(decideNextStep({ ...base, result: { kind: "returned", value: "nope" } })).toMatchObject({
      kind: "close",
      status: "FAILED",
      error: { ErrorType: "InvalidOutputError" },
    });
    expect(
      decideNextStep({
        ...base,
        result: { kind: "returned", value: { Status: "SUCCEEDED", Result: "" } },
        pendingClose: { status: "SUCCEEDED", result: "big" },
      }),
    ).toEqual({
      kind: "close",
      status: "SUCCEEDED",
      result: "big",
    });
  });
});
