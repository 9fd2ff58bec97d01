/**
 * The shapes of a recorded execution as the service reports them (SERVICE.md §5, §13): history events from
 * GetDurableExecutionHistory and operation records from GetDurableExecutionState. Declared here, structurally,
 * because the test kit reads them from JSON files that any tool (our CLI, the AWS CLI) may have written.
 */

/** One event of GetDurableExecutionHistory: `{ EventId, EventType, EventTimestamp, Id?, Name?, ... }`. */
export interface HistoryEvent {
  EventId: number;
  EventType: string;
  /** Epoch seconds (service JSON) — ISO strings are accepted when reading files. */
  EventTimestamp?: number | string;
  Id?: string;
  Name?: string;
  ParentId?: string;
  SubType?: string;
  /** `<EventType>Details`, e.g. `StepSucceededDetails`. */
  [details: string]: unknown;
}

/** An ErrorObject as stored by the service. */
export interface RecordedError {
  ErrorType?: string;
  ErrorMessage?: string;
  ErrorData?: string;
  StackTrace?: string[];
}

/** Operation types of the durable execution service. */
export type RecordedOperationType = "EXECUTION" | "CONTEXT" | "STEP" | "WAIT" | "CALLBACK" | "CHAINED_INVOKE";

/** Operation statuses of the durable execution service. */
export type RecordedOperationStatus =
  "STARTED" | "PENDING" | "READY" | "SUCCEEDED" | "FAILED" | "CANCELLED" | "TIMED_OUT" | "STOPPED";

/**
 * One operation record (the `Operation` shape of GetDurableExecutionState), with timestamps normalised to
 * epoch milliseconds. Only the members a replay needs are kept; unknown members are ignored.
 */
export interface RecordedOperation {
  Id: string;
  ParentId?: string;
  Name?: string;
  Type: RecordedOperationType;
  SubType?: string;
  Status: RecordedOperationStatus;
  /** Epoch milliseconds. */
  StartTimestamp?: number;
  /** Epoch milliseconds. */
  EndTimestamp?: number;
  ExecutionDetails?: { InputPayload?: string };
  ContextDetails?: { ReplayChildren?: boolean; Result?: string; Error?: RecordedError };
  StepDetails?: { Attempt?: number; Result?: string; Error?: RecordedError };
  WaitDetails?: { ScheduledEndTimestamp?: number };
  CallbackDetails?: { CallbackId?: string; Result?: string; Error?: RecordedError };
  ChainedInvokeDetails?: { Result?: string; Error?: RecordedError };
}

const TERMINAL: ReadonlySet<RecordedOperationStatus> = new Set([
  "SUCCEEDED",
  "FAILED",
  "CANCELLED",
  "TIMED_OUT",
  "STOPPED",
]);

/** True for the five statuses after which an operation never changes again. */
export function isTerminalStatus(status: RecordedOperationStatus): boolean {
  return TERMINAL.has(status);
}
