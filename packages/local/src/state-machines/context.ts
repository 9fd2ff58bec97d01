import type { OperationMeta, OperationRecord, OperationUpdate } from "../wire.js";
import { errorWrapper, operationEvent, payloadWrapper } from "../history.js";
import {
  checkPayload,
  finished,
  illegalTransition,
  newOperation,
  type Transition,
  type TransitionContext,
} from "./transition.js";

/**
 * CONTEXT (SERVICE.md §8): START, then SUCCEED or FAIL (also straight from new). `ReplayChildren` may arrive on
 * either completion and decides whether its descendants are delivered to later invocations (§11).
 */
export function applyContextUpdate(
  current: OperationRecord | undefined,
  meta: OperationMeta,
  update: OperationUpdate,
  ctx: TransitionContext,
): Transition {
  const open = current === undefined || current.Status === "STARTED";
  const base = current ?? newOperation(update, "STARTED", ctx.nowMs);
  switch (update.Action) {
    case "START": {
      if (current !== undefined) throw illegalTransition(update, current);
      return { op: base, meta, event: operationEvent(base, "ContextStarted", {}), effects: [] };
    }
    case "SUCCEED": {
      if (!open) throw illegalTransition(update, current);
      checkPayload(update, ctx.limits.operationPayloadBytes);
      const details: NonNullable<OperationRecord["ContextDetails"]> = {};
      if (update.Payload !== undefined) details.Result = update.Payload;
      if (update.ContextOptions?.ReplayChildren !== undefined)
        details.ReplayChildren = update.ContextOptions.ReplayChildren;
      const op: OperationRecord = { ...finished(base, "SUCCEEDED", ctx.nowMs), ContextDetails: details };
      return {
        op,
        meta,
        event: operationEvent(op, "ContextSucceeded", { Result: payloadWrapper(update.Payload) }),
        effects: [],
      };
    }
    case "FAIL": {
      if (!open) throw illegalTransition(update, current);
      const details: NonNullable<OperationRecord["ContextDetails"]> = {};
      if (update.Error !== undefined) details.Error = update.Error;
      if (update.ContextOptions?.ReplayChildren !== undefined)
        details.ReplayChildren = update.ContextOptions.ReplayChildren;
      const op: OperationRecord = { ...finished(base, "FAILED", ctx.nowMs), ContextDetails: details };
      return {
        op,
        meta,
        event: operationEvent(op, "ContextFailed", { Error: errorWrapper(update.Error) }),
        effects: [],
      };
    }
    default:
      throw illegalTransition(update, current);
  }
}
