import type { ErrorObject, OperationMeta, OperationRecord, OperationUpdate } from "../wire.js";
import { errorWrapper, operationEvent, payloadWrapper } from "../history.js";
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
 * CHAINED_INVOKE (SERVICE.md §8): START resolves the target; a durable target gets its own execution, whose ARN the
 * `ChainedInvokeStarted` event records, so the engine creates it while applying the request. The target's outcome
 * completes the operation later.
 */
export function applyChainedInvokeUpdate(
  current: OperationRecord | undefined,
  meta: OperationMeta,
  update: OperationUpdate,
  ctx: TransitionContext,
): Transition {
  if (update.Action !== "START" || current !== undefined) throw illegalTransition(update, current);
  const options = update.ChainedInvokeOptions;
  if (options === undefined) {
    throw invalidParameter(`START of CHAINED_INVOKE ${update.Id} requires ChainedInvokeOptions.FunctionName`);
  }
  checkPayload(update, ctx.limits.chainedInvokePayloadBytes);
  const target = ctx.resolveChainedTarget(options.FunctionName);
  const op: OperationRecord = { ...newOperation(update, "STARTED", ctx.nowMs), ChainedInvokeDetails: {} };
  const details: Record<string, unknown> = { FunctionName: options.FunctionName };
  if (options.TenantId !== undefined) details.TenantId = options.TenantId;
  details.Input = payloadWrapper(update.Payload);
  details.ExecutedVersion = target.version;
  details.DurableExecutionArn = target.executionArn ?? "";
  const effect = {
    kind: "startChainedInvoke" as const,
    opId: op.Id,
    target,
    ...(update.Payload === undefined ? {} : { input: update.Payload }),
    ...(options.TenantId === undefined ? {} : { tenantId: options.TenantId }),
  };
  const plainTarget = {
    functionName: target.functionName,
    version: target.version,
    ...(update.Payload === undefined ? {} : { input: update.Payload }),
  };
  const nextMeta: OperationMeta =
    target.executionArn === undefined
      ? { ...meta, plainTarget }
      : { ...meta, targetArn: target.executionArn };
  return {
    op,
    meta: nextMeta,
    event: operationEvent(op, "ChainedInvokeStarted", details),
    effects: [effect],
  };
}

export type ChainedInvokeOutcome =
  | { status: "SUCCEEDED"; result?: string }
  | { status: "FAILED" | "TIMED_OUT" | "STOPPED"; error?: ErrorObject };

const EVENT_BY_STATUS = {
  SUCCEEDED: "ChainedInvokeSucceeded",
  FAILED: "ChainedInvokeFailed",
  TIMED_OUT: "ChainedInvokeTimedOut",
  STOPPED: "ChainedInvokeStopped",
} as const;

/** The target finished: STARTED → its outcome. Undefined when the operation is no longer STARTED. */
export function completeChainedInvoke(
  current: OperationRecord,
  meta: OperationMeta,
  outcome: ChainedInvokeOutcome,
  nowMs: number,
): Transition | undefined {
  if (current.Status !== "STARTED") return undefined;
  const eventType = EVENT_BY_STATUS[outcome.status];
  if (outcome.status === "SUCCEEDED") {
    const details = outcome.result === undefined ? {} : { Result: outcome.result };
    const op: OperationRecord = { ...finished(current, "SUCCEEDED", nowMs), ChainedInvokeDetails: details };
    return {
      op,
      meta,
      event: operationEvent(op, eventType, { Result: payloadWrapper(outcome.result) }),
      effects: [],
    };
  }
  const details = outcome.error === undefined ? {} : { Error: outcome.error };
  const op: OperationRecord = { ...finished(current, outcome.status, nowMs), ChainedInvokeDetails: details };
  return {
    op,
    meta,
    event: operationEvent(op, eventType, { Error: errorWrapper(outcome.error) }),
    effects: [],
  };
}
