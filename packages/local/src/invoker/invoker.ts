/**
 * The invoker contract: how the local service runs one invocation of a registered function.
 *
 * Two implementations exist: the worker-process invoker (functions with `module`, isolated process per
 * invocation slot) and the in-process invoker (functions with `handler`, called directly). The engine only
 * sees this interface, so it never knows how a function is hosted.
 *
 * @example
 * ```ts
 * const result = await invoker.invoke({ fn, version: "$LATEST", payload: envelope, requestId,
 *   serviceUrl: svc.url, deadlineMs: clock.now() + 900_000, onLog: (l) => logs.push(l) });
 * if (result.kind === "failed") console.error(result.errorType, result.errorMessage);
 * ```
 */

/** The subset of the Lambda context object that local invokers provide to handlers. */
export interface LambdaContextLike {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  [key: string]: unknown;
}

/** A function registered with the local service. */
export interface FunctionDefinition {
  /** Function name; versions are "$LATEST" plus published numbers. */
  name: string;
  /** Absolute path of a JS/TS module, run in a worker process. */
  module?: string;
  /** Export name inside `module`; default "handler". */
  export?: string;
  /** In-process alternative to `module`: called directly by the in-process invoker. */
  handler?: (event: unknown, context: LambdaContextLike) => Promise<unknown>;
  /** Per-invocation timeout; default 900 (the Lambda maximum). */
  timeoutSeconds?: number;
  environment?: Record<string, string>;
  /** Default true; false = a plain function (a chained-invoke target returns its value). */
  durable?: boolean;
  /** DurableConfig.ExecutionTimeout in seconds, captured when an execution starts. */
  executionTimeoutSeconds?: number;
  /** DurableConfig.RetentionPeriodInDays; default 14. */
  retentionPeriodInDays?: number;
}

/** One line of captured output from an invocation. */
export interface InvocationLogLine {
  stream: "stdout" | "stderr";
  line: string;
  timeMs: number;
}

/** Everything an invoker needs to run one invocation. */
export interface InvocationRequest {
  fn: FunctionDefinition;
  /** The version being invoked ("$LATEST" or a published number). */
  version: string;
  /** The durable invocation envelope (SERVICE.md §6.1), or the plain input for non-durable functions. */
  payload: unknown;
  requestId: string;
  /** Base URL of the local service (becomes AWS_ENDPOINT_URL_LAMBDA for worker processes). */
  serviceUrl: string;
  /** Wall-clock epoch milliseconds after which the invocation must be abandoned as timed out. */
  deadlineMs: number;
  onLog(line: InvocationLogLine): void;
}

/** How an invocation ended. */
export type InvocationResult =
  /** The handler's return value (for durable functions, the output envelope of SERVICE.md §6.2). */
  | { kind: "returned"; value: unknown }
  /** A thrown error (errorType = error.name), "Runtime.ExitError", "Sandbox.Timedout", … */
  | { kind: "failed"; errorType: string; errorMessage: string };

/** Runs invocations of registered functions. */
export interface Invoker {
  invoke(req: InvocationRequest): Promise<InvocationResult>;
  /** Releases processes or other resources; pending invocations may be abandoned. */
  close(): Promise<void>;
}
