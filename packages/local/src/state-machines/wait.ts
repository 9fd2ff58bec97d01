import type { OperationMeta, OperationRecord, OperationUpdate } from "../wire.js";
import { epochSeconds, errorWrapper, operationEvent } from "../history.js";
import { invalidParameter } from "../errors.js";
import {
  finished,
  illegalTransition,
  newOperation,
  type Transition,
  type TransitionContext,
} from "./transition.js";

/**
 * WAIT (SERVICE.md §8): START sets the end time (the service computes it), the timer completes it, CANCEL ends it
 * early. A second START is rejected.
 */
export function applyWaitUpdate(
  current: OperationRecord | undefined,
  meta: OperationMeta,
  update: OperationUpdate,
  ctx: TransitionContext,
): Transition {
  switch (update.Action) {
    case "START": {
      if (current !== undefined) throw illegalTransition(update, current);
      const seconds = update.WaitOptions?.WaitSeconds;
      if (seconds === undefined)
        throw invalidParameter(`START of WAIT ${update.Id} requires WaitOptions.WaitSeconds`);
      const dueMs = ctx.nowMs + seconds * 1000;
      const op: OperationRecord = {
        ...newOperation(update, "STARTED", ctx.nowMs),
        WaitDetails: { ScheduledEndTimestamp: dueMs },
      };
      const event = operationEvent(op, "WaitStarted", {
        Duration: seconds,
        ScheduledEndTimestamp: epochSeconds(dueMs),
      });
      return {
        op,
        meta: { ...meta, waitSeconds: seconds },
        event,
        effects: [{ kind: "timer", timer: "wait", opId: op.Id, dueMs }],
      };
    }
    case "CANCEL": {
      if (current?.Status !== "STARTED") throw illegalTransition(update, current);
      const op = finished(current, "CANCELLED", ctx.nowMs);
      const details: Record<string, unknown> =
        update.Error === undefined ? {} : { Error: errorWrapper(update.Error) };
      return {
        op,
        meta,
        event: operationEvent(op, "WaitCancelled", details),
        effects: [{ kind: "cancelTimer", timer: "wait", opId: op.Id }],
      };
    }
    default:
      throw illegalTransition(update, current);
  }
}

/** The wait's end time arrived: STARTED → SUCCEEDED with `WaitSucceeded`. Undefined when no longer STARTED. */
export function waitElapsed(
  current: OperationRecord,
  meta: OperationMeta,
  nowMs: number,
): Transition | undefined {
  if (current.Status !== "STARTED") return undefined;
  const op = finished(current, "SUCCEEDED", nowMs);
  return {
    op,
    meta,
    event: operationEvent(op, "WaitSucceeded", { Duration: meta.waitSeconds ?? 0 }),
    effects: [],
  };
}
