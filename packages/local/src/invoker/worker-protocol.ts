/**
 * Messages exchanged over the IPC channel between the service and a worker process.
 *
 * The channel carries control messages only; user output travels on the piped stdout/stderr. Because
 * IPC and the pipes are separate channels, the worker ends every invocation by writing an end marker to
 * both pipes before it reports the result: the service completes the invocation only when it has seen
 * the result and both markers, so every line written during the invocation is attributed to it.
 */

/** The Lambda context fields sent to the worker; it rebuilds `getRemainingTimeInMillis` from `deadlineMs`. */
export interface WorkerContextFields {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  /** Wall-clock epoch milliseconds. */
  deadlineMs: number;
}

/** Service → worker. */
export type ToWorkerMessage =
  /** Load the module once, right after the process starts (the Lambda "init" phase). */
  | { type: "init"; module: string; exportName: string; markerNonce: string }
  | { type: "invoke"; seq: number; event: unknown; context: WorkerContextFields };

/** How a handler call ended, as seen inside the worker. */
export type WorkerOutcome =
  { kind: "returned"; value: unknown } | { kind: "failed"; errorType: string; errorMessage: string };

/** Worker → service. */
export type FromWorkerMessage =
  | { type: "ready" }
  | { type: "init-failed"; errorType: string; errorMessage: string }
  /** `discard`: the worker is about to end itself (an uncaught error); it must not be reused. */
  | { type: "result"; seq: number; outcome: WorkerOutcome; discard?: boolean };

/**
 * The end-of-invocation marker line. The nonce is chosen by the service per process, so handler output
 * cannot forge it; the NUL prefix keeps it out of any ordinary text.
 */
export function endMarker(nonce: string, seq: number): string {
  return `\u0000durable-invocation-end:${nonce}:${seq}`;
}

/** Type guard for messages arriving from a worker (the channel is untyped at runtime). */
export function isFromWorkerMessage(value: unknown): value is FromWorkerMessage {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "ready" || type === "init-failed" || type === "result";
}

/** Type guard for messages arriving from the service. */
export function isToWorkerMessage(value: unknown): value is ToWorkerMessage {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "init" || type === "invoke";
}
