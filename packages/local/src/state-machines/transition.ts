import type {
  ErrorObject,
  ExecutionStatus,
  OperationMeta,
  OperationRecord,
  OperationUpdate,
} from "../wire.js";
import type { EventDraft } from "../history.js";
import type { TimerKind } from "../store/store.js";
import { invalidParameter } from "../errors.js";

/**
 * The common shape of the per-type state machines: an update (or a service trigger) applied to the current
 * operation yields the next operation, at most one history event, and side effects for the engine to carry out
 * once the whole request has validated (SERVICE.md §7.3: all or nothing).
 */
export interface Transition {
  op: OperationRecord;
  meta: OperationMeta;
  event?: EventDraft;
  effects: Effect[];
}

export type Effect =
  | { kind: "timer"; timer: TimerKind; opId: string; dueMs: number }
  | { kind: "cancelTimer"; timer: TimerKind; opId: string }
  | {
      kind: "closeExecution";
      status: Extract<ExecutionStatus, "SUCCEEDED" | "FAILED">;
      result?: string;
      error?: ErrorObject;
    }
  | { kind: "startChainedInvoke"; opId: string; target: ChainedTarget; input?: string; tenantId?: string };

/** A resolved chained-invoke target. */
export interface ChainedTarget {
  functionName: string;
  version: string;
  durable: boolean;
  /** The target execution's ARN (durable targets), minted during validation so the event can carry it. */
  executionArn?: string;
}

export interface Limits {
  /** Max bytes of a STEP/CONTEXT/WAIT/CALLBACK payload (default 256 KiB). */
  operationPayloadBytes: number;
  /** Max bytes of a CHAINED_INVOKE payload and of an async result (default 1 MiB). */
  chainedInvokePayloadBytes: number;
  /** Max bytes of an EXECUTION result checkpointed by update (default 6 MiB). */
  executionResultBytes: number;
  /** Max bytes of an ErrorObject (all fields together; default 1 MiB). */
  errorBytes: number;
  /** Operations per execution (default 3,000). */
  operationsPerExecution: number;
}

export const DEFAULT_LIMITS: Limits = {
  operationPayloadBytes: 256 * 1024,
  chainedInvokePayloadBytes: 1024 * 1024,
  executionResultBytes: 6 * 1024 * 1024,
  errorBytes: 1024 * 1024,
  operationsPerExecution: 3000,
};

/** What a state machine may ask of the engine while validating. */
export interface TransitionContext {
  nowMs: number;
  limits: Limits;
  mintCallbackId(): string;
  /** Resolves a chained-invoke FunctionName; throws InvalidParameterValue for unknown functions. */
  resolveChainedTarget(functionName: string): ChainedTarget;
}

/** Creates the record of an operation that does not exist yet. */
export function newOperation(
  update: OperationUpdate,
  status: OperationRecord["Status"],
  nowMs: number,
): OperationRecord {
  const op: OperationRecord = { Id: update.Id, Type: update.Type, Status: status, StartTimestamp: nowMs };
  if (update.ParentId !== undefined) op.ParentId = update.ParentId;
  if (update.Name !== undefined) op.Name = update.Name;
  if (update.SubType !== undefined) op.SubType = update.SubType;
  return op;
}

/** The error for an action that the operation's current status does not allow. */
export function illegalTransition(update: OperationUpdate, current: OperationRecord | undefined): Error {
  const from = current === undefined ? "a new operation" : `an operation in status ${current.Status}`;
  return invalidParameter(
    `Cannot apply action ${update.Action} to ${update.Type} operation ${update.Id}: not allowed on ${from}`,
  );
}

export function payloadBytes(payload: string | undefined): number {
  return payload === undefined ? 0 : Buffer.byteLength(payload, "utf8");
}

export function checkPayload(update: OperationUpdate, maxBytes: number): void {
  const size = payloadBytes(update.Payload);
  if (size > maxBytes) {
    throw invalidParameter(
      `${update.Type} output payload size must be less than or equal to ${maxBytes} bytes (operation ${update.Id} sent ${size})`,
    );
  }
}

/** A terminal copy of `op` (status and end time set). */
export function finished(
  op: OperationRecord,
  status: OperationRecord["Status"],
  nowMs: number,
): OperationRecord {
  return { ...op, Status: status, EndTimestamp: nowMs };
}
