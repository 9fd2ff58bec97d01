import type { ErrorObject, ExecutionStatus, OperationRow } from "../wire.js";

/**
 * Persistence for the local service. Implementations: `SqliteStore` (file or `:memory:`, WAL) and `MemoryStore`.
 * The engine calls every mutating method inside `transaction`, one transaction per applied request or timer, so a
 * crash never leaves half a checkpoint behind. Payloads are stored verbatim.
 *
 * @example
 * ```ts
 * store.transaction(() => { store.putOperation(arn, row); store.appendEvent(arn, event); });
 * ```
 */
export interface Store {
  /** Runs `fn` atomically; an exception rolls everything back and is rethrown. */
  transaction<T>(fn: () => T): T;

  /** Writes a whole execution record, `input` and `result` included (a new execution). */
  putExecution(record: ExecutionRecord): void;
  /**
   * Writes what changes while an execution runs (status, counters, invocation state, pending ids, `result` once
   * set) and leaves the immutable `input` alone, so a checkpoint's write does not grow with the input's size.
   * The execution must have been created with `putExecution`.
   */
  updateExecution(record: ExecutionRecord): void;
  getExecution(arn: string): ExecutionRecord | undefined;
  findExecutionByName(functionName: string, name: string): ExecutionRecord | undefined;
  /** Executions of one function in start order (oldest first). */
  listExecutionsByFunction(functionName: string): ExecutionRecord[];
  listRunningExecutions(): ExecutionRecord[];
  deleteExecution(arn: string): void;

  /**
   * Inserts or replaces an operation (keyed by execution and `op.Id`). The store may keep `row` itself: the
   * caller must not mutate it afterwards (the engine replaces rows, never edits them).
   */
  putOperation(arn: string, row: OperationRow): void;
  /** All operations of an execution in start order. */
  listOperations(arn: string): OperationRow[];
  findCallback(callbackId: string): { arn: string; opId: string } | undefined;

  /** Appends an event; like `putOperation`, the store may keep the object, which must not be mutated later. */
  appendEvent(arn: string, event: HistoryEvent): void;
  /** Events with `EventId` strictly after `afterId` (or before it when `reverse`), at most `limit`. */
  readEvents(arn: string, query: { afterId?: number; limit: number; reverse: boolean }): HistoryEvent[];

  putTimer(timer: TimerRecord): void;
  deleteTimer(key: string): void;
  listTimers(): TimerRecord[];

  close(): void;
}

/** A history event in its wire form, as GetDurableExecutionHistory returns it (timestamps in epoch seconds). */
export interface HistoryEvent {
  EventId: number;
  EventType: string;
  EventTimestamp: number;
  Id?: string;
  Name?: string;
  ParentId?: string;
  SubType?: string;
  [details: string]: unknown;
}

export type TimerKind =
  "wait" | "step-retry" | "callback-timeout" | "callback-heartbeat" | "execution-timeout" | "invocation";

export interface TimerRecord {
  key: string;
  arn: string;
  kind: TimerKind;
  opId: string;
  dueMs: number;
}

/** Everything the service knows about one execution except its operations and events. */
export interface ExecutionRecord {
  arn: string;
  name: string;
  functionName: string;
  version: string;
  functionArn: string;
  status: ExecutionStatus;
  startMs: number;
  endMs?: number;
  /** The Invoke input text, verbatim. */
  input: string;
  result?: string;
  error?: ErrorObject;
  /** Id of the EXECUTION operation (service-chosen). */
  executionOpId: string;
  executionTimeoutSeconds?: number;
  retentionPeriodInDays: number;
  traceHeader?: string;
  tenantId?: string;
  /** Number of history events written (the last EventId). */
  eventCount: number;
  /** Operations metered toward the per-execution cap. */
  opCount: number;
  /** idle: suspended or finished; queued: an invocation is due; running: one is live. */
  invocation: "idle" | "queued" | "running";
  consecutiveFailures: number;
  /** Set by an EXECUTION SUCCEED/FAIL update; the terminal event follows the invocation's InvocationCompleted. */
  pendingClose?: { status: "SUCCEEDED" | "FAILED"; result?: string; error?: ErrorObject };
  /** For a chained-invoke target: the parent's operation to complete. */
  parent?: { arn: string; opId: string };
  /** Operation ids changed by the service since the last invocation started (UpdatedOperationIds). */
  updatedIds: string[];
}
