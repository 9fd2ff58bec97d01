// Wire model of the durable execution service API, with the service's own field names.
// Declared here (not imported from @aws-sdk/client-lambda) so the SDK core has no runtime dependency.

/**
 * Kind of a durable operation as stored by the service.
 *
 * @example
 * if (op.Type === OperationType.STEP) console.log("a step");
 */
export const OperationType = {
  CALLBACK: "CALLBACK",
  CHAINED_INVOKE: "CHAINED_INVOKE",
  CONTEXT: "CONTEXT",
  EXECUTION: "EXECUTION",
  STEP: "STEP",
  WAIT: "WAIT",
} as const;
export type OperationType = (typeof OperationType)[keyof typeof OperationType];

/**
 * Lifecycle status of a stored operation.
 *
 * @example
 * const done = op.Status === OperationStatus.SUCCEEDED;
 */
export const OperationStatus = {
  CANCELLED: "CANCELLED",
  FAILED: "FAILED",
  PENDING: "PENDING",
  READY: "READY",
  STARTED: "STARTED",
  STOPPED: "STOPPED",
  SUCCEEDED: "SUCCEEDED",
  TIMED_OUT: "TIMED_OUT",
} as const;
export type OperationStatus = (typeof OperationStatus)[keyof typeof OperationStatus];

/**
 * What an {@link OperationUpdate} asks the service to do.
 *
 * @example
 * const update = { Id, Type: OperationType.STEP, Action: OperationAction.START };
 */
export const OperationAction = {
  CANCEL: "CANCEL",
  FAIL: "FAIL",
  RETRY: "RETRY",
  START: "START",
  SUCCEED: "SUCCEED",
} as const;
export type OperationAction = (typeof OperationAction)[keyof typeof OperationAction];

/** A timestamp as it may arrive on the wire: a Date, or an ISO string (epoch seconds are normalised on read). */
export type WireTimestamp = Date | string;

/**
 * Serialized form of an error, as stored by the service.
 *
 * @example
 * const e: ErrorObject = { ErrorType: "StepError", ErrorMessage: "boom" };
 */
export interface ErrorObject {
  ErrorMessage?: string | undefined;
  ErrorType?: string | undefined;
  ErrorData?: string | undefined;
  StackTrace?: string[] | undefined;
}

/** Details of the EXECUTION operation (the execution's input). */
export interface ExecutionDetails {
  InputPayload?: string | undefined;
}

/** Details of a CONTEXT operation. */
export interface ContextDetails {
  ReplayChildren?: boolean | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/** Details of a STEP operation (steps and waitForCondition). */
export interface StepDetails {
  Attempt?: number | undefined;
  NextAttemptTimestamp?: Date | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/** {@link StepDetails} as received, before timestamp normalisation. */
export interface WireStepDetails extends Omit<StepDetails, "NextAttemptTimestamp"> {
  NextAttemptTimestamp?: WireTimestamp | undefined;
}

/** Details of a WAIT operation. */
export interface WaitDetails {
  ScheduledEndTimestamp?: Date | undefined;
}

/** {@link WaitDetails} as received, before timestamp normalisation. */
export interface WireWaitDetails {
  ScheduledEndTimestamp?: WireTimestamp | undefined;
}

/** Details of a CALLBACK operation; `CallbackId` is minted by the service. */
export interface CallbackDetails {
  CallbackId?: string | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/** Details of a CHAINED_INVOKE operation. */
export interface ChainedInvokeDetails {
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/**
 * A stored operation with normalised (Date) timestamps.
 *
 * @example
 * const op: Operation = { Id: "c4ca4238a0b92382", Type: "STEP", Status: "SUCCEEDED", StartTimestamp: new Date() };
 */
export interface Operation {
  Id: string | undefined;
  ParentId?: string | undefined;
  Name?: string | undefined;
  Type: OperationType | undefined;
  SubType?: string | undefined;
  StartTimestamp: Date | undefined;
  EndTimestamp?: Date | undefined;
  Status: OperationStatus | undefined;
  ExecutionDetails?: ExecutionDetails | undefined;
  ContextDetails?: ContextDetails | undefined;
  StepDetails?: StepDetails | undefined;
  WaitDetails?: WaitDetails | undefined;
  CallbackDetails?: CallbackDetails | undefined;
  ChainedInvokeDetails?: ChainedInvokeDetails | undefined;
}

/** An {@link Operation} as received from the service or the invocation event (timestamps not yet normalised). */
export interface WireOperation extends Omit<
  Operation,
  "StartTimestamp" | "EndTimestamp" | "StepDetails" | "WaitDetails"
> {
  StartTimestamp: WireTimestamp | undefined;
  EndTimestamp?: WireTimestamp | undefined;
  StepDetails?: WireStepDetails | undefined;
  WaitDetails?: WireWaitDetails | undefined;
}

/** Options of a CONTEXT update. */
export interface ContextOptions {
  ReplayChildren?: boolean | undefined;
}

/** Options of a STEP update (RETRY delay). */
export interface StepOptions {
  NextAttemptDelaySeconds?: number | undefined;
}

/** Options of a WAIT START. */
export interface WaitOptions {
  WaitSeconds?: number | undefined;
}

/** Options of a CALLBACK START. */
export interface CallbackOptions {
  TimeoutSeconds?: number | undefined;
  HeartbeatTimeoutSeconds?: number | undefined;
}

/** Options of a CHAINED_INVOKE START. */
export interface ChainedInvokeOptions {
  FunctionName: string | undefined;
  TenantId?: string | undefined;
}

/**
 * One change to one operation, sent in a CheckpointDurableExecution call.
 *
 * @example
 * const u: OperationUpdate = { Id: "c4ca4238a0b92382", Type: "STEP", SubType: "Step", Action: "START" };
 */
export interface OperationUpdate {
  Id: string | undefined;
  ParentId?: string | undefined;
  Name?: string | undefined;
  Type: OperationType | undefined;
  SubType?: string | undefined;
  Action: OperationAction | undefined;
  Payload?: string | undefined;
  Error?: ErrorObject | undefined;
  ContextOptions?: ContextOptions | undefined;
  StepOptions?: StepOptions | undefined;
  WaitOptions?: WaitOptions | undefined;
  CallbackOptions?: CallbackOptions | undefined;
  ChainedInvokeOptions?: ChainedInvokeOptions | undefined;
}

/** Operations changed by a checkpoint call. */
export interface CheckpointUpdatedExecutionState {
  Operations?: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}

/** Request of CheckpointDurableExecution. */
export interface CheckpointDurableExecutionRequest {
  DurableExecutionArn: string | undefined;
  CheckpointToken: string | undefined;
  Updates?: OperationUpdate[] | undefined;
  ClientToken?: string | undefined;
}

/** Response of CheckpointDurableExecution. */
export interface CheckpointDurableExecutionResponse {
  CheckpointToken?: string | undefined;
  NewExecutionState: CheckpointUpdatedExecutionState | undefined;
}

/** Request of GetDurableExecutionState (one page). */
export interface GetDurableExecutionStateRequest {
  DurableExecutionArn: string | undefined;
  CheckpointToken: string | undefined;
  Marker?: string | undefined;
  MaxItems?: number | undefined;
}

/** Response of GetDurableExecutionState (one page). */
export interface GetDurableExecutionStateResponse {
  Operations: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}
