import { invalidParameter } from "../errors.js";
import type { OperationMeta, OperationRecord, OperationUpdate } from "../wire.js";
import { applyCallbackUpdate } from "../state-machines/callback.js";
import { applyChainedInvokeUpdate } from "../state-machines/chained-invoke.js";
import { applyContextUpdate } from "../state-machines/context.js";
import { applyExecutionUpdate } from "../state-machines/execution.js";
import { applyStepUpdate } from "../state-machines/step.js";
import { applyWaitUpdate } from "../state-machines/wait.js";
import type { Effect, Transition, TransitionContext } from "../state-machines/transition.js";
import type { ExecutionState } from "./execution-state.js";

type Machine = (
  current: OperationRecord | undefined,
  meta: OperationMeta,
  update: OperationUpdate,
  ctx: TransitionContext,
) => Transition;

const MACHINES: Record<Exclude<OperationUpdate["Type"], "EXECUTION">, Machine> = {
  STEP: applyStepUpdate,
  WAIT: applyWaitUpdate,
  CALLBACK: applyCallbackUpdate,
  CONTEXT: applyContextUpdate,
  CHAINED_INVOKE: applyChainedInvokeUpdate,
};

/** A fully validated checkpoint request, ready to commit. */
export interface CheckpointPlan {
  transitions: Transition[];
  /** The EXECUTION update's effect, when the request closes the execution. */
  close?: Extract<Effect, { kind: "closeExecution" }>;
}

/**
 * Validates a whole request against the execution without changing it (SERVICE.md §7.2–§7.3): each update runs
 * through its state machine on an overlay of the operations touched earlier in the same request, so the request
 * commits all at once or not at all.
 */
export function planCheckpoint(
  state: ExecutionState,
  updates: OperationUpdate[],
  ctx: TransitionContext,
): CheckpointPlan {
  const overlay = new Map<string, Transition>();
  const actions = new Map<string, OperationUpdate["Action"][]>();
  const transitions: Transition[] = [];
  let close: CheckpointPlan["close"];
  let created = 0;

  updates.forEach((update, index) => {
    if (update.Type === "EXECUTION") {
      if (index !== updates.length - 1) {
        throw invalidParameter(
          `An EXECUTION update must be the last in the request (found at Updates[${index}])`,
        );
      }
      const effect = applyExecutionUpdate(update, ctx);
      if (effect.kind === "closeExecution") close = effect;
      return;
    }
    const seen = actions.get(update.Id);
    if (seen !== undefined) {
      const startThenFinish =
        (update.Type === "STEP" || update.Type === "CONTEXT") &&
        seen.length === 1 &&
        seen[0] === "START" &&
        update.Action !== "START";
      if (!startThenFinish) {
        throw invalidParameter(
          `Operation ${update.Id} appears more than once in the request (only START then a completion is allowed for STEP and CONTEXT)`,
        );
      }
      seen.push(update.Action);
    } else {
      actions.set(update.Id, [update.Action]);
    }

    if (update.ParentId !== undefined) {
      if (update.ParentId === update.Id)
        throw invalidParameter(`Operation ${update.Id} cannot be its own parent`);
      const parent = overlay.get(update.ParentId)?.op ?? state.rows.get(update.ParentId)?.op;
      if (parent === undefined) {
        throw invalidParameter(
          `ParentId ${update.ParentId} of operation ${update.Id} does not name an existing CONTEXT operation`,
        );
      }
      if (parent.Type !== "CONTEXT") {
        throw invalidParameter(
          `ParentId ${update.ParentId} of operation ${update.Id} is a ${parent.Type}; only a CONTEXT can be a parent`,
        );
      }
    }

    const pending = overlay.get(update.Id);
    const stored = state.rows.get(update.Id);
    const current = pending?.op ?? stored?.op;
    if (current !== undefined && current.Type !== update.Type) {
      throw invalidParameter(`Operation ${update.Id} is a ${current.Type}; the update says ${update.Type}`);
    }
    if (current !== undefined && update.ParentId !== undefined && current.ParentId !== update.ParentId) {
      throw invalidParameter(
        `Operation ${update.Id} has ParentId ${current.ParentId ?? "(none)"}; the update says ${update.ParentId}`,
      );
    }
    const transition = MACHINES[update.Type](current, pending?.meta ?? stored?.meta ?? {}, update, ctx);
    if (current === undefined) created++;
    overlay.set(update.Id, transition);
    transitions.push(transition);
  });

  if (state.rows.size + created > ctx.limits.operationsPerExecution) {
    throw invalidParameter(
      `Too many operations: an execution may have at most ${ctx.limits.operationsPerExecution} (has ${state.rows.size}, the request adds ${created})`,
    );
  }
  return close === undefined ? { transitions } : { transitions, close };
}
