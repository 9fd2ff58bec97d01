import type { ErrorObject, OperationRecord } from "./wire.js";
import type { HistoryEvent } from "./store/store.js";

/**
 * History events (SERVICE.md §13). Builders return an event without `EventId`/`EventTimestamp`; the engine numbers
 * it when it appends (one event per applied update, one `InvocationCompleted` per invocation, service-caused events
 * when they happen — §13.4). Events are kept in their wire form: timestamps in epoch seconds.
 *
 * @example
 * ```ts
 * const event = operationEvent(row.op, "StepStarted", {});
 * ```
 */
export interface EventDraft {
  EventType: string;
  Id?: string;
  Name?: string;
  ParentId?: string;
  SubType?: string;
  [details: string]: unknown;
}

export const epochSeconds = (ms: number): number => ms / 1000;

/** `{Payload?, Truncated: false}` — the EventInput/EventResult wrapper. */
export function payloadWrapper(payload: string | undefined): { Payload?: string; Truncated: boolean } {
  return payload === undefined ? { Truncated: false } : { Payload: payload, Truncated: false };
}

/** `{Payload?: ErrorObject, Truncated: false}` — the EventError wrapper. */
export function errorWrapper(error: ErrorObject | undefined): { Payload?: ErrorObject; Truncated: boolean } {
  return error === undefined ? { Truncated: false } : { Payload: error, Truncated: false };
}

/**
 * An event about an operation: Id and SubType always, Name only when the operation has one, ParentId only when
 * nested — all from the stored operation, so service-written completions carry them too. The details object is
 * always present.
 */
export function operationEvent(
  op: OperationRecord,
  eventType: string,
  details: Record<string, unknown>,
): EventDraft {
  const event: EventDraft = { EventType: eventType, Id: op.Id };
  if (op.Name !== undefined) event.Name = op.Name;
  if (op.ParentId !== undefined) event.ParentId = op.ParentId;
  if (op.SubType !== undefined) event.SubType = op.SubType;
  event[`${eventType}Details`] = details;
  return event;
}

/** An execution-level event (no SubType; Id = the EXECUTION operation's). */
export function executionEvent(
  executionOpId: string,
  eventType: string,
  details: Record<string, unknown>,
): EventDraft {
  return { EventType: eventType, Id: executionOpId, [`${eventType}Details`]: details };
}

const CLOSED_EVENT_TYPES = {
  SUCCEEDED: "ExecutionSucceeded",
  FAILED: "ExecutionFailed",
  TIMED_OUT: "ExecutionTimedOut",
  STOPPED: "ExecutionStopped",
} as const;

/** The terminal execution event: `Result` on success, `Error` otherwise (optional only for a timeout). */
export function executionClosedEvent(
  executionOpId: string,
  status: keyof typeof CLOSED_EVENT_TYPES,
  result: string | undefined,
  error: ErrorObject | undefined,
): EventDraft {
  const details =
    status === "SUCCEEDED"
      ? { Result: payloadWrapper(result) }
      : status === "TIMED_OUT" && error === undefined
        ? {}
        : { Error: errorWrapper(error ?? {}) };
  return executionEvent(executionOpId, CLOSED_EVENT_TYPES[status], details);
}

/** The `InvocationCompleted` event ending every invocation. */
export function invocationCompletedEvent(args: {
  startMs: number;
  endMs: number;
  requestId: string;
  error?: ErrorObject;
}): EventDraft {
  const details: Record<string, unknown> = {
    StartTimestamp: epochSeconds(args.startMs),
    EndTimestamp: epochSeconds(args.endMs),
    RequestId: args.requestId,
  };
  if (args.error !== undefined) details.Error = errorWrapper(args.error);
  return { EventType: "InvocationCompleted", InvocationCompletedDetails: details };
}

/** The event without payload members (IncludeExecutionData=false): wrappers stay, `Payload` goes. */
export function withoutExecutionData(event: HistoryEvent): HistoryEvent {
  const copy: HistoryEvent = { ...event };
  for (const [key, value] of Object.entries(copy)) {
    if (!key.endsWith("Details") || typeof value !== "object" || value === null) continue;
    const details: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [field, inner] of Object.entries(details)) {
      if (typeof inner === "object" && inner !== null && "Truncated" in inner) {
        const { Payload: _dropped, ...rest } = inner as Record<string, unknown>;
        details[field] = rest;
      }
    }
    copy[key] = details;
  }
  return copy;
}
