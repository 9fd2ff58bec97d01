import type { OperationUpdate } from "../wire.js";
import { invalidParameter } from "../errors.js";
import { checkPayload, illegalTransition, type Effect, type TransitionContext } from "./transition.js";

/**
 * EXECUTION updates (SERVICE.md §6.2, §8): only SUCCEED (a result too large to return) and FAIL. They close the
 * execution to further checkpoints; the terminal event is written after the invocation's `InvocationCompleted`
 * (§13.4 rule 6). Any Id is accepted because the official SDK sends a synthetic one.
 */
export function applyExecutionUpdate(update: OperationUpdate, ctx: TransitionContext): Effect {
  switch (update.Action) {
    case "SUCCEED":
      if (update.Error !== undefined) throw invalidParameter(`EXECUTION SUCCEED must not carry an Error`);
      checkPayload(update, ctx.limits.executionResultBytes);
      return {
        kind: "closeExecution",
        status: "SUCCEEDED",
        ...(update.Payload === undefined ? {} : { result: update.Payload }),
      };
    case "FAIL":
      if (update.Payload !== undefined) throw invalidParameter(`EXECUTION FAIL must not carry a Payload`);
      return {
        kind: "closeExecution",
        status: "FAILED",
        ...(update.Error === undefined ? {} : { error: update.Error }),
      };
    default:
      throw illegalTransition(update, undefined);
  }
}
