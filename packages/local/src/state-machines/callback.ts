import type { ErrorObject, OperationMeta, OperationRecord, OperationUpdate } from "../wire.js";
import { errorWrapper, operationEvent, payloadWrapper } from "../history.js";
import {
  finished,
  illegalTransition,
  newOperation,
  type Effect,
  type Transition,
  type TransitionContext,
} from "./transition.js";

/**
 * CALLBACK (SERVICE.md §8): START mints the CallbackId and arms the timeout and heartbeat timers; the callback
 * APIs and the timers complete it. CANCEL writes no event (no CallbackCancelled event type exists).
 */
export function applyCallbackUpdate(
  current: OperationRecord | undefined,
  meta: OperationMeta,
  update: OperationUpdate,
  ctx: TransitionContext,
): Transition {
  switch (update.Action) {
    case "START": {
      if (current !== undefined) throw illegalTransition(update, current);
      const timeout = update.CallbackOptions?.TimeoutSeconds ?? 0;
      const heartbeat = update.CallbackOptions?.HeartbeatTimeoutSeconds ?? 0;
      const callbackId = ctx.mintCallbackId();
      const op: OperationRecord = {
        ...newOperation(update, "STARTED", ctx.nowMs),
        CallbackDetails: { CallbackId: callbackId },
      };
      const details: Record<string, unknown> = { CallbackId: callbackId };
      const effects: Effect[] = [];
      const nextMeta: OperationMeta = { ...meta };
      if (timeout > 0) {
        details.Timeout = timeout;
        nextMeta.callbackTimeoutSeconds = timeout;
        effects.push({
          kind: "timer",
          timer: "callback-timeout",
          opId: op.Id,
          dueMs: ctx.nowMs + timeout * 1000,
        });
      }
      if (heartbeat > 0) {
        details.HeartbeatTimeout = heartbeat;
        nextMeta.heartbeatTimeoutSeconds = heartbeat;
        effects.push({
          kind: "timer",
          timer: "callback-heartbeat",
          opId: op.Id,
          dueMs: ctx.nowMs + heartbeat * 1000,
        });
      }
      return { op, meta: nextMeta, event: operationEvent(op, "CallbackStarted", details), effects };
    }
    case "CANCEL": {
      if (current?.Status !== "STARTED") throw illegalTransition(update, current);
      return { op: finished(current, "CANCELLED", ctx.nowMs), meta, effects: cancelTimers(current.Id) };
    }
    default:
      throw illegalTransition(update, current);
  }
}

function cancelTimers(opId: string): Effect[] {
  return [
    { kind: "cancelTimer", timer: "callback-timeout", opId },
    { kind: "cancelTimer", timer: "callback-heartbeat", opId },
  ];
}

export type CallbackOutcome =
  | { kind: "succeeded"; result: string }
  | { kind: "failed"; error: ErrorObject }
  | { kind: "timedOut" | "heartbeatTimedOut" };

/** Completes a STARTED callback from the APIs or a timer; the caller has checked the status. */
export function completeCallback(
  current: OperationRecord,
  meta: OperationMeta,
  outcome: CallbackOutcome,
  nowMs: number,
): Transition {
  const callbackId = current.CallbackDetails?.CallbackId;
  const effects = cancelTimers(current.Id);
  switch (outcome.kind) {
    case "succeeded": {
      const op: OperationRecord = {
        ...finished(current, "SUCCEEDED", nowMs),
        CallbackDetails: { CallbackId: callbackId, Result: outcome.result },
      };
      // An empty success body is a result without payload (SERVICE.md §13.2).
      const payload = outcome.result === "" ? undefined : outcome.result;
      return {
        op,
        meta,
        event: operationEvent(op, "CallbackSucceeded", { Result: payloadWrapper(payload) }),
        effects,
      };
    }
    case "failed": {
      const op: OperationRecord = {
        ...finished(current, "FAILED", nowMs),
        CallbackDetails: { CallbackId: callbackId, Error: outcome.error },
      };
      return {
        op,
        meta,
        event: operationEvent(op, "CallbackFailed", { Error: errorWrapper(outcome.error) }),
        effects,
      };
    }
    case "timedOut":
    case "heartbeatTimedOut": {
      const error: ErrorObject =
        outcome.kind === "timedOut"
          ? { ErrorType: "Callback.Timeout", ErrorMessage: "Callback timed out" }
          : { ErrorType: "Callback.Heartbeat", ErrorMessage: "Callback timed out on heartbeat" };
      const op: OperationRecord = {
        ...finished(current, "TIMED_OUT", nowMs),
        CallbackDetails: { CallbackId: callbackId, Error: error },
      };
      return {
        op,
        meta,
        event: operationEvent(op, "CallbackTimedOut", { Error: errorWrapper(error) }),
        effects,
      };
    }
  }
}
