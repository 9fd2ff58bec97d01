import type { OperationMeta, OperationRecord, OperationUpdate } from "../wire.js";
import { operationEvent, errorWrapper, payloadWrapper } from "../history.js";
import { invalidParameter } from "../errors.js";
import {
  checkPayload,
  finished,
  illegalTransition,
  newOperation,
  type Transition,
  type TransitionContext,
} from "./transition.js";

/**
 * STEP (SERVICE.md §8): START on a new or READY step; SUCCEED/FAIL from new, STARTED or READY; RETRY parks the step
 * PENDING until its retry timer makes it READY. `Attempt` counts finished attempts (RETRY, SUCCEED and FAIL each
 * finish one); events report the 1-based attempt that just ended as `RetryDetails.CurrentAttempt`.
 */
export function applyStepUpdate(
  current: OperationRecord | undefined,
  meta: OperationMeta,
  update: OperationUpdate,
  ctx: TransitionContext,
): Transition {
  const status = current?.Status;
  const open = status === undefined || status === "STARTED" || status === "READY";
  const base = current ?? newOperation(update, "STARTED", ctx.nowMs);
  const attempt = current?.StepDetails?.Attempt ?? 0;
  const details = { ...base.StepDetails };
  delete details.NextAttemptTimestamp;

  switch (update.Action) {
    case "START": {
      if (status !== undefined && status !== "READY") throw illegalTransition(update, current);
      const op: OperationRecord = { ...base, Status: "STARTED", StepDetails: details };
      return { op, meta, event: operationEvent(op, "StepStarted", {}), effects: [] };
    }
    case "SUCCEED": {
      if (!open) throw illegalTransition(update, current);
      checkPayload(update, ctx.limits.operationPayloadBytes);
      // A completion finishes an attempt too, so Attempt counts it (the official testing service does the same).
      const stepDetails = { ...details, Attempt: attempt + 1, Result: update.Payload };
      delete stepDetails.Error;
      if (update.Payload === undefined) delete stepDetails.Result;
      const op: OperationRecord = { ...finished(base, "SUCCEEDED", ctx.nowMs), StepDetails: stepDetails };
      const event = operationEvent(op, "StepSucceeded", {
        Result: payloadWrapper(update.Payload),
        RetryDetails: { CurrentAttempt: attempt + 1 },
      });
      return { op, meta, event, effects: [] };
    }
    case "FAIL": {
      if (!open) throw illegalTransition(update, current);
      const stepDetails = { ...details, Attempt: attempt + 1, Error: update.Error };
      if (update.Error === undefined) delete stepDetails.Error;
      const op: OperationRecord = { ...finished(base, "FAILED", ctx.nowMs), StepDetails: stepDetails };
      const event = operationEvent(op, "StepFailed", {
        Error: errorWrapper(update.Error),
        RetryDetails: { CurrentAttempt: attempt + 1 },
      });
      return { op, meta, event, effects: [] };
    }
    case "RETRY": {
      if (!open) throw illegalTransition(update, current);
      const delay = update.StepOptions?.NextAttemptDelaySeconds;
      if (delay === undefined) {
        throw invalidParameter(`RETRY of STEP ${update.Id} requires StepOptions.NextAttemptDelaySeconds`);
      }
      if (update.Error !== undefined && update.Payload !== undefined) {
        throw invalidParameter(`RETRY of STEP ${update.Id} carries Error or Payload, not both`);
      }
      checkPayload(update, ctx.limits.operationPayloadBytes);
      const dueMs = ctx.nowMs + delay * 1000;
      const stepDetails: NonNullable<OperationRecord["StepDetails"]> = {
        ...details,
        Attempt: attempt + 1,
        NextAttemptTimestamp: dueMs,
      };
      delete stepDetails.Error;
      delete stepDetails.Result;
      if (update.Error !== undefined) stepDetails.Error = update.Error;
      if (update.Payload !== undefined) stepDetails.Result = update.Payload;
      const op: OperationRecord = { ...base, Status: "PENDING", StepDetails: stepDetails };
      const retryDetails = { CurrentAttempt: attempt + 1, NextAttemptDelaySeconds: delay };
      // A polling step (waitForCondition) retries with its state as Payload; a failing step with its Error.
      const event =
        update.Payload !== undefined
          ? operationEvent(op, "StepSucceeded", {
              Result: payloadWrapper(update.Payload),
              RetryDetails: retryDetails,
            })
          : operationEvent(op, "StepFailed", {
              Error: errorWrapper(update.Error),
              RetryDetails: retryDetails,
            });
      return { op, meta, event, effects: [{ kind: "timer", timer: "step-retry", opId: op.Id, dueMs }] };
    }
    case "CANCEL":
      throw illegalTransition(update, current);
  }
}

/** The retry timer fired: PENDING → READY (no event; the engine re-invokes). Undefined when no longer PENDING. */
export function stepRetryDue(current: OperationRecord): OperationRecord | undefined {
  if (current.Status !== "PENDING") return undefined;
  const details = { ...current.StepDetails };
  delete details.NextAttemptTimestamp;
  return { ...current, Status: "READY", StepDetails: details };
}
