// Invocation envelope, invocation outcome and the small shared vocabulary (durations, sub-types).
import type { ErrorObject, WireOperation } from "./wire.js";

/**
 * The event Lambda passes to a durable function.
 *
 * @example
 * const event: DurableExecutionInvocationInput = {
 *   DurableExecutionArn: "arn:...", CheckpointToken: "t1", InitialExecutionState: { Operations: [] },
 * };
 */
export interface DurableExecutionInvocationInput {
  DurableExecutionArn: string;
  CheckpointToken: string;
  /** Ids of operations changed since the previous invocation (when the service provides them). */
  UpdatedOperationIds?: string[];
  InitialExecutionState: {
    Operations: WireOperation[];
    NextMarker?: string | undefined;
  };
}

/**
 * Outcome of one invocation.
 *
 * @example
 * if (out.Status === InvocationStatus.PENDING) console.log("suspended");
 */
export const InvocationStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  PENDING: "PENDING",
} as const;
export type InvocationStatus = (typeof InvocationStatus)[keyof typeof InvocationStatus];
// Namespace-style member types so `InvocationStatus.FAILED` also works in type positions, as with an enum.
// eslint-disable-next-line @typescript-eslint/no-namespace -- type-only members, mirroring the official enum
export declare namespace InvocationStatus {
  type SUCCEEDED = typeof InvocationStatus.SUCCEEDED;
  type FAILED = typeof InvocationStatus.FAILED;
  type PENDING = typeof InvocationStatus.PENDING;
}

/**
 * The `SubType` each durable operation sends on the wire.
 *
 * @example
 * ctx.runInChildContext("x", fn, { subType: OperationSubType.RUN_IN_CHILD_CONTEXT });
 */
export const OperationSubType = {
  STEP: "Step",
  WAIT: "Wait",
  CALLBACK: "Callback",
  RUN_IN_CHILD_CONTEXT: "RunInChildContext",
  MAP: "Map",
  MAP_ITERATION: "MapIteration",
  PARALLEL: "Parallel",
  PARALLEL_BRANCH: "ParallelBranch",
  WAIT_FOR_CALLBACK: "WaitForCallback",
  WAIT_FOR_CONDITION: "WaitForCondition",
  CHAINED_INVOKE: "ChainedInvoke",
} as const;
export type OperationSubType = (typeof OperationSubType)[keyof typeof OperationSubType];

/** A successful invocation; `Result` is the JSON of the handler's value (absent for `undefined`). */
export interface DurableExecutionInvocationOutputSucceeded {
  Status: typeof InvocationStatus.SUCCEEDED;
  Result?: string;
}
/** A failed invocation (the execution fails). */
export interface DurableExecutionInvocationOutputFailed {
  Status: typeof InvocationStatus.FAILED;
  Error: ErrorObject;
}
/** A suspended invocation: the service re-invokes when a wait, retry, callback or invoke completes. */
export interface DurableExecutionInvocationOutputPending {
  Status: typeof InvocationStatus.PENDING;
}

/**
 * What a durable function returns to Lambda.
 *
 * @example
 * const out: DurableExecutionInvocationOutput = { Status: "SUCCEEDED", Result: "42" };
 */
export type DurableExecutionInvocationOutput =
  | DurableExecutionInvocationOutputSucceeded
  | DurableExecutionInvocationOutputFailed
  | DurableExecutionInvocationOutputPending;

/**
 * A length of time; at least one unit is required. Converted to whole seconds.
 *
 * @example
 * await ctx.wait({ minutes: 5, seconds: 30 });
 */
export type Duration =
  | { days: number; hours?: number; minutes?: number; seconds?: number }
  | { hours: number; minutes?: number; seconds?: number }
  | { minutes: number; seconds?: number }
  | { seconds: number };

/**
 * The Lambda context object handed to the handler (the fields of `aws-lambda`'s `Context`), declared here so
 * the SDK does not depend on `@types/aws-lambda`.
 *
 * @example
 * const ms = ctx.lambdaContext.getRemainingTimeInMillis();
 */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  identity?: unknown;
  clientContext?: unknown;
  tenantId?: string;
  getRemainingTimeInMillis(): number;
  done?(error?: Error, result?: unknown): void;
  fail?(error: Error | string): void;
  succeed?(messageOrObject: unknown): void;
}
