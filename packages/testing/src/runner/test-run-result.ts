import type { DurableEngine } from "@durable-lambda/local";
import type { HistoryEvent, RecordedError, RecordedOperation } from "../history/history-event.js";
import { findOperation, type OperationSelector } from "../operations/find-operation.js";
import { parsePayload, toTestOperation, type TestOperation } from "../operations/test-operation.js";

/** Status of an execution as the service reports it. `RUNNING` after a run: it waits for outside input. */
export type TestExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

/** A snapshot of an execution run by the {@link DurableTestRunner}. */
export interface TestRunResult<TResult = unknown> {
  executionArn: string;
  /** RUNNING means the execution is suspended on something only the test can provide (e.g. a callback answer). */
  status: TestExecutionStatus;
  /** The handler's result (parsed JSON), when SUCCEEDED. */
  result?: TResult;
  /** The execution's error, when FAILED / TIMED_OUT / STOPPED. */
  error?: RecordedError;
  /** Every operation in start order (not pruned), with parsed results. */
  operations: TestOperation[];
  /** The GetDurableExecutionHistory events, oldest first (EventTimestamp in epoch seconds, as on the wire). */
  history: HistoryEvent[];
  /** Finds an operation by name, index or id; throws a listing of the operations when none matches. */
  getOperation(selector: OperationSelector): TestOperation;
  /** Number of invocations the execution took (its `InvocationCompleted` events). */
  invocationCount: number;
}

/** Reads the full history of an execution, page by page (timestamps in epoch seconds, as on the wire). */
export function readHistory(engine: DurableEngine, arn: string): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  let marker: string | undefined;
  do {
    const page = engine.getHistory(arn, { maxItems: 1000, ...(marker !== undefined ? { marker } : {}) });
    events.push(...page.Events);
    marker = page.NextMarker;
  } while (marker !== undefined);
  return events;
}

/** Builds the snapshot of one execution from the engine. */
export function snapshot<TResult>(engine: DurableEngine, arn: string): TestRunResult<TResult> {
  const record = engine.getExecution(arn);
  const operations = engine
    .getOperations(arn)
    .filter((op) => op.Type !== "EXECUTION")
    .map((op) => toTestOperation(op as RecordedOperation));
  const history = readHistory(engine, arn);
  const run: TestRunResult<TResult> = {
    executionArn: arn,
    status: record.status,
    operations,
    history,
    invocationCount: history.filter((e) => e.EventType === "InvocationCompleted").length,
    getOperation: (selector) => findOperation(operations, selector),
  };
  if (record.status === "SUCCEEDED" && record.result !== undefined)
    run.result = parsePayload(record.result) as TResult;
  if (record.error !== undefined) run.error = record.error;
  return run;
}
