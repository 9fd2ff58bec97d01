import { HistoryFormatError } from "./history-format-error.js";
import type {
  HistoryEvent,
  RecordedError,
  RecordedOperation,
  RecordedOperationStatus,
  RecordedOperationType,
} from "./history-event.js";
import { toEpochMillis } from "./timestamp.js";

// EventType = <kind><phase>; the kind names the operation type, the phase its new status (SERVICE.md §13.2).
const KINDS: ReadonlyArray<readonly [prefix: string, type: RecordedOperationType]> = [
  ["ChainedInvoke", "CHAINED_INVOKE"],
  ["Execution", "EXECUTION"],
  ["Callback", "CALLBACK"],
  ["Context", "CONTEXT"],
  ["Step", "STEP"],
  ["Wait", "WAIT"],
];
const PHASES: Readonly<Record<string, RecordedOperationStatus>> = {
  Started: "STARTED",
  Succeeded: "SUCCEEDED",
  Failed: "FAILED",
  TimedOut: "TIMED_OUT",
  Stopped: "STOPPED",
  Cancelled: "CANCELLED",
};

interface Wrapped {
  Payload?: unknown;
}

function payloadOf(value: unknown): string | undefined {
  const payload = (value as Wrapped | undefined)?.Payload;
  return typeof payload === "string" ? payload : undefined;
}

function errorOf(value: unknown): RecordedError | undefined {
  const payload = (value as Wrapped | undefined)?.Payload;
  return payload !== null && typeof payload === "object" ? (payload as RecordedError) : undefined;
}

function splitEventType(
  eventType: string,
): { type: RecordedOperationType; status: RecordedOperationStatus } | undefined {
  for (const [prefix, type] of KINDS) {
    if (!eventType.startsWith(prefix)) continue;
    const status = PHASES[eventType.slice(prefix.length)];
    return status === undefined ? undefined : { type, status };
  }
  return undefined;
}

/**
 * Folds history events (GetDurableExecutionHistory, oldest first) into the operation records the service would
 * hand a new invocation — the state an in-flight execution would replay against. One pass, O(events).
 *
 * Step events carrying `RetryDetails.NextAttemptDelaySeconds` are RETRY updates: the step is left PENDING with
 * `Attempt` = the attempt that just ended, exactly as the service stores it.
 *
 * @example
 * ```ts
 * const operations = operationsFromEvents(JSON.parse(text).Events);
 * ```
 */
export function operationsFromEvents(events: readonly HistoryEvent[]): RecordedOperation[] {
  const byId = new Map<string, RecordedOperation>();
  events.forEach((event, index) => {
    if (event === null || typeof event !== "object" || typeof event.EventType !== "string") {
      throw new HistoryFormatError(`Events[${index}]: expected an object with a string EventType`);
    }
    if (event.EventType === "InvocationCompleted") return;
    const parsed = splitEventType(event.EventType);
    if (parsed === undefined) return; // unknown event types are tolerated: newer services may add some
    // The EXECUTION operation's id is service-chosen and may be absent from events (SERVICE.md §13.1 ⚠).
    const id = event.Id ?? (parsed.type === "EXECUTION" ? "execution" : undefined);
    if (typeof id !== "string" || id === "") {
      throw new HistoryFormatError(`Events[${index}] (${event.EventType}): missing Id`);
    }
    const details = (event[`${event.EventType}Details`] ?? {}) as Record<string, unknown>;
    const time = toEpochMillis(event.EventTimestamp);
    let op = byId.get(id);
    if (op === undefined) {
      op = { Id: id, Type: parsed.type, Status: parsed.status };
      if (time !== undefined) op.StartTimestamp = time;
      byId.set(id, op);
    }
    if (event.Name !== undefined) op.Name = event.Name;
    if (event.ParentId !== undefined) op.ParentId = event.ParentId;
    if (event.SubType !== undefined) op.SubType = event.SubType;
    op.Status = parsed.status;
    if (parsed.status !== "STARTED" && time !== undefined) op.EndTimestamp = time;
    applyDetails(op, parsed.status, details);
  });
  return [...byId.values()];
}

function applyDetails(
  op: RecordedOperation,
  status: RecordedOperationStatus,
  details: Record<string, unknown>,
): void {
  const result = payloadOf(details.Result);
  const error = errorOf(details.Error);
  switch (op.Type) {
    case "EXECUTION": {
      const input = payloadOf(details.Input);
      if (input !== undefined) op.ExecutionDetails = { InputPayload: input };
      return;
    }
    case "STEP": {
      const step = (op.StepDetails ??= {});
      const retry = details.RetryDetails as
        { CurrentAttempt?: number; NextAttemptDelaySeconds?: number } | undefined;
      if (typeof retry?.CurrentAttempt === "number") step.Attempt = retry.CurrentAttempt;
      if (result !== undefined) step.Result = result;
      if (error !== undefined) step.Error = error;
      if (status !== "STARTED" && typeof retry?.NextAttemptDelaySeconds === "number") {
        op.Status = "PENDING";
        delete op.EndTimestamp;
      }
      return;
    }
    case "WAIT": {
      const end = toEpochMillis(details.ScheduledEndTimestamp);
      if (end !== undefined) op.WaitDetails = { ScheduledEndTimestamp: end };
      return;
    }
    case "CALLBACK": {
      const cb = (op.CallbackDetails ??= {});
      if (typeof details.CallbackId === "string") cb.CallbackId = details.CallbackId;
      if (result !== undefined) cb.Result = result;
      if (error !== undefined) cb.Error = error;
      return;
    }
    case "CHAINED_INVOKE": {
      if (status === "STARTED") return;
      op.ChainedInvokeDetails = {
        ...(result !== undefined ? { Result: result } : {}),
        ...(error !== undefined ? { Error: error } : {}),
      };
      return;
    }
    case "CONTEXT": {
      if (status === "STARTED") return;
      op.ContextDetails = {
        ...(result !== undefined ? { Result: result } : {}),
        ...(error !== undefined ? { Error: error } : {}),
      };
      return;
    }
  }
}
