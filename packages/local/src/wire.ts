/**
 * Wire and storage shapes of the durable execution service (SERVICE.md §5), declared here so the local service
 * does not depend on the AWS client's runtime values. Internally every timestamp is epoch milliseconds; the
 * serialisers in `engine/serialize.ts` turn them into ISO strings, epoch seconds or Dates at the boundary.
 */

export type OperationType = "EXECUTION" | "CONTEXT" | "STEP" | "WAIT" | "CALLBACK" | "CHAINED_INVOKE";
export type OperationAction = "START" | "SUCCEED" | "FAIL" | "RETRY" | "CANCEL";
export type OperationStatus =
  "STARTED" | "PENDING" | "READY" | "SUCCEEDED" | "FAILED" | "CANCELLED" | "TIMED_OUT" | "STOPPED";
export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

export const OPERATION_TYPES: ReadonlySet<string> = new Set<OperationType>([
  "EXECUTION",
  "CONTEXT",
  "STEP",
  "WAIT",
  "CALLBACK",
  "CHAINED_INVOKE",
]);
export const OPERATION_ACTIONS: ReadonlySet<string> = new Set<OperationAction>([
  "START",
  "SUCCEED",
  "FAIL",
  "RETRY",
  "CANCEL",
]);
export const TERMINAL_OPERATION_STATUSES: ReadonlySet<OperationStatus> = new Set<OperationStatus>([
  "SUCCEEDED",
  "FAILED",
  "CANCELLED",
  "TIMED_OUT",
  "STOPPED",
]);

export interface ErrorObject {
  ErrorMessage?: string;
  ErrorType?: string;
  ErrorData?: string;
  StackTrace?: string[];
}

export interface OperationUpdate {
  Id: string;
  ParentId?: string;
  Name?: string;
  Type: OperationType;
  SubType?: string;
  Action: OperationAction;
  Payload?: string;
  Error?: ErrorObject;
  ContextOptions?: { ReplayChildren?: boolean };
  StepOptions?: { NextAttemptDelaySeconds?: number };
  WaitOptions?: { WaitSeconds?: number };
  CallbackOptions?: { TimeoutSeconds?: number; HeartbeatTimeoutSeconds?: number };
  ChainedInvokeOptions?: { FunctionName: string; TenantId?: string; XAmznTraceId?: string };
}

/** A stored operation; timestamps are epoch milliseconds. */
export interface OperationRecord {
  Id: string;
  ParentId?: string;
  Name?: string;
  Type: OperationType;
  SubType?: string;
  Status: OperationStatus;
  StartTimestamp: number;
  EndTimestamp?: number;
  ExecutionDetails?: { InputPayload?: string };
  ContextDetails?: { ReplayChildren?: boolean; Result?: string; Error?: ErrorObject };
  StepDetails?: { Attempt?: number; NextAttemptTimestamp?: number; Result?: string; Error?: ErrorObject };
  WaitDetails?: { ScheduledEndTimestamp?: number };
  CallbackDetails?: { CallbackId?: string; Result?: string; Error?: ErrorObject };
  ChainedInvokeDetails?: { Result?: string; Error?: ErrorObject };
}

/** Service-side facts about an operation that the wire shape does not carry. */
export interface OperationMeta {
  waitSeconds?: number;
  callbackTimeoutSeconds?: number;
  heartbeatTimeoutSeconds?: number;
  /** ARN of the durable execution started for a CHAINED_INVOKE. */
  targetArn?: string;
  /** A plain (non-durable) CHAINED_INVOKE target, kept so an invocation interrupted by a restart can run again. */
  plainTarget?: { functionName: string; version: string; input?: string };
}

/** One operation as the store keeps it: start order, wire record, service metadata. */
export interface OperationRow {
  seq: number;
  op: OperationRecord;
  meta: OperationMeta;
}
