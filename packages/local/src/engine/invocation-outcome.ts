import type { InvocationResult } from "../invoker/invoker.js";
import type { ErrorObject } from "../wire.js";
import { parseInvocationOutput } from "./output.js";

/** What the engine does once an invocation has ended (after writing its InvocationCompleted). */
export type NextStep =
  | { kind: "close"; status: "SUCCEEDED" | "FAILED"; result?: string; error?: ErrorObject }
  | { kind: "retry"; delayMs: number }
  | { kind: "reinvoke" }
  | { kind: "suspend" };

export interface InvocationFacts {
  result: InvocationResult;
  /** Consecutive failed invocations before this one. */
  previousFailures: number;
  maxFailures: number;
  retryDelayMs: number;
  /** A service-side change happened that this invocation never received. */
  undelivered: boolean;
  /** Operations still outstanding (SERVICE.md §9.2). */
  outstanding: number;
  /** Set by an EXECUTION SUCCEED/FAIL update during the invocation. */
  pendingClose?: { status: "SUCCEEDED" | "FAILED"; result?: string; error?: ErrorObject };
}

/**
 * Decides what follows an invocation of a RUNNING execution (SERVICE.md §6.2, §9): a checkpointed EXECUTION
 * completion wins; a failed invocation is retried with backoff until the cap; otherwise the handler's output
 * closes the execution, or PENDING suspends it — or re-invokes at once when a change was not delivered.
 *
 * @example
 * ```ts
 * decideNextStep({ result: { kind: "returned", value: { Status: "PENDING" } }, previousFailures: 0,
 *   maxFailures: 3, retryDelayMs: 1000, undelivered: false, outstanding: 1 }); // { kind: "suspend" }
 * ```
 */
export function decideNextStep(facts: InvocationFacts): NextStep {
  if (facts.pendingClose) return { kind: "close", ...facts.pendingClose };
  const { result } = facts;
  if (result.kind === "failed") {
    const failures = facts.previousFailures + 1;
    if (failures >= facts.maxFailures) {
      return {
        kind: "close",
        status: "FAILED",
        error: { ErrorType: result.errorType, ErrorMessage: result.errorMessage },
      };
    }
    return { kind: "retry", delayMs: facts.retryDelayMs * failures };
  }
  const output = parseInvocationOutput(result.value);
  switch (output.status) {
    case "SUCCEEDED":
      return output.result === undefined
        ? { kind: "close", status: "SUCCEEDED" }
        : { kind: "close", status: "SUCCEEDED", result: output.result };
    case "FAILED":
      return { kind: "close", status: "FAILED", error: output.error };
    case "INVALID":
      return {
        kind: "close",
        status: "FAILED",
        error: { ErrorType: "InvalidOutputError", ErrorMessage: output.description },
      };
    case "PENDING":
      // A change arrived that this invocation never saw: run again at once (§9.1) — also when that change
      // completed the last outstanding operation after the handler looked.
      if (facts.undelivered) return { kind: "reinvoke" };
      if (facts.outstanding === 0) {
        return {
          kind: "close",
          status: "FAILED",
          error: {
            ErrorType: "IllegalStateError",
            ErrorMessage: "Cannot return PENDING status with no pending operations.",
          },
        };
      }
      return { kind: "suspend" };
  }
}
