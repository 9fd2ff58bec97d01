import { HistoryFormatError } from "./history-format-error.js";
import type {
  HistoryEvent,
  RecordedOperation,
  RecordedOperationStatus,
  RecordedOperationType,
} from "./history-event.js";
import { operationsFromEvents } from "./operations-from-events.js";
import { toEpochMillis } from "./timestamp.js";

/** A recorded execution ready to be replayed: its operation records and, when read from a history, its events. */
export interface RecordedExecution {
  /** Operation records in start order; the EXECUTION operation first when present. */
  operations: RecordedOperation[];
  /** The history events, when the input was a history. */
  events?: HistoryEvent[];
}

const TYPES: ReadonlySet<string> = new Set<RecordedOperationType>([
  "EXECUTION",
  "CONTEXT",
  "STEP",
  "WAIT",
  "CALLBACK",
  "CHAINED_INVOKE",
]);
const STATUSES: ReadonlySet<string> = new Set<RecordedOperationStatus>([
  "STARTED",
  "PENDING",
  "READY",
  "SUCCEEDED",
  "FAILED",
  "CANCELLED",
  "TIMED_OUT",
  "STOPPED",
]);

/**
 * Reads a recorded execution from any of the shapes the tools produce:
 * - a history: `{ Events: [...] }` (`durable history --json`, `aws lambda get-durable-execution-history`), or
 *   a bare array of events;
 * - a state: `{ Operations: [...] }` (`aws lambda get-durable-execution-state`), or an invocation event
 *   `{ InitialExecutionState: { Operations } }`.
 *
 * Accepts the JSON text or the parsed value. Timestamps may be epoch seconds, ISO strings or Dates.
 *
 * @throws HistoryFormatError on anything else, naming what was expected and what was found.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * const recorded = readRecordedExecution(readFileSync("fixtures/order-history.json", "utf8"));
 * console.log(recorded.operations.map((op) => `${op.Type} ${op.Name ?? ""}`));
 * ```
 */
export function readRecordedExecution(input: unknown): RecordedExecution {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch (e) {
      throw new HistoryFormatError(`recorded execution is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (Array.isArray(value)) return fromEvents(value);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.Events)) return fromEvents(record.Events);
    if (Array.isArray(record.Operations)) return { operations: readOperations(record.Operations) };
    const initial = record.InitialExecutionState as Record<string, unknown> | undefined;
    if (initial !== undefined && Array.isArray(initial.Operations)) {
      return { operations: readOperations(initial.Operations) };
    }
  }
  throw new HistoryFormatError(
    `expected { Events: [...] }, { Operations: [...] }, an invocation event or an array of events; got ${describe(value)}`,
  );
}

function fromEvents(events: unknown[]): RecordedExecution {
  const typed = events as HistoryEvent[];
  return { operations: operationsFromEvents(typed), events: typed };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `an object with keys [${Object.keys(value).join(", ")}]`;
  return typeof value;
}

function readOperations(raw: unknown[]): RecordedOperation[] {
  return raw.map((item, index) => {
    if (item === null || typeof item !== "object") {
      throw new HistoryFormatError(`Operations[${index}]: expected an object, got ${describe(item)}`);
    }
    const op = item as Record<string, unknown>;
    if (typeof op.Id !== "string" || op.Id === "")
      throw new HistoryFormatError(`Operations[${index}]: missing Id`);
    if (typeof op.Type !== "string" || !TYPES.has(op.Type)) {
      throw new HistoryFormatError(
        `Operations[${index}] (${op.Id}): unknown Type ${JSON.stringify(op.Type)}`,
      );
    }
    if (typeof op.Status !== "string" || !STATUSES.has(op.Status)) {
      throw new HistoryFormatError(
        `Operations[${index}] (${op.Id}): unknown Status ${JSON.stringify(op.Status)}`,
      );
    }
    const normalised = { ...op } as unknown as RecordedOperation;
    const start = toEpochMillis(op.StartTimestamp);
    const end = toEpochMillis(op.EndTimestamp);
    if (start !== undefined) normalised.StartTimestamp = start;
    else delete normalised.StartTimestamp;
    if (end !== undefined) normalised.EndTimestamp = end;
    else delete normalised.EndTimestamp;
    const wait = op.WaitDetails as { ScheduledEndTimestamp?: unknown } | undefined;
    if (wait !== undefined) {
      const scheduled = toEpochMillis(wait.ScheduledEndTimestamp);
      normalised.WaitDetails = scheduled !== undefined ? { ScheduledEndTimestamp: scheduled } : {};
    }
    return normalised;
  });
}
