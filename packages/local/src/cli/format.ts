/**
 * Human-readable renderings of service values for the CLI's tables: timestamps, durations and one-line
 * summaries of history event details.
 */
import type { Event as HistoryEvent } from "@aws-sdk/client-lambda";
import { formatDuration } from "../ui/assets/format-duration.js";
import { truncate } from "./table.js";

export { formatDuration };

/** `2026-11-28 01:52:32.123` (UTC), or "" when absent. */
export function formatTime(value: Date | undefined): string {
  if (value === undefined || Number.isNaN(value.getTime())) return "";
  return value.toISOString().replace("T", " ").replace("Z", "");
}

/** The `<EventType>Details` object of an event, if any. */
export function eventDetails(event: HistoryEvent): Record<string, unknown> | undefined {
  const key = `${event.EventType ?? ""}Details`;
  const details = (event as Record<string, unknown>)[key];
  return typeof details === "object" && details !== null ? (details as Record<string, unknown>) : undefined;
}

interface ErrorLike {
  ErrorType?: string;
  ErrorMessage?: string;
}

function describeErrorObject(error: ErrorLike | undefined): string {
  if (error === undefined) return "";
  const type = error.ErrorType ?? "Error";
  return error.ErrorMessage !== undefined ? `${type}: ${error.ErrorMessage}` : type;
}

function payloadOf(wrapper: unknown): string | undefined {
  return typeof wrapper === "object" && wrapper !== null
    ? ((wrapper as { Payload?: unknown }).Payload as string | undefined)
    : undefined;
}

function errorOf(wrapper: unknown): ErrorLike | undefined {
  return typeof wrapper === "object" && wrapper !== null
    ? ((wrapper as { Payload?: unknown }).Payload as ErrorLike | undefined)
    : undefined;
}

/**
 * One line summarising an event's details, e.g. `result={"ok":true}`, `error=TypeError: boom attempt=2`,
 * `wait=5s until 2026-11-28 01:52:37.000`, `callbackId=AbC…`.
 *
 * @example
 * ```ts
 * summariseEventDetails({ EventType: "WaitStarted", WaitStartedDetails: { Duration: 5 } } as HistoryEvent); // "wait=5s"
 * ```
 */
export function summariseEventDetails(event: HistoryEvent, maxPayload = 60): string {
  const details = eventDetails(event);
  if (details === undefined) return "";
  const parts: string[] = [];
  const input = payloadOf(details.Input);
  if (input !== undefined) parts.push(`input=${truncate(input, maxPayload)}`);
  const result = payloadOf(details.Result);
  if (result !== undefined) parts.push(`result=${truncate(result, maxPayload)}`);
  const error = errorOf(details.Error);
  if (error !== undefined) parts.push(`error=${truncate(describeErrorObject(error), maxPayload)}`);
  if (typeof details.Duration === "number") parts.push(`wait=${details.Duration}s`);
  if (details.ScheduledEndTimestamp instanceof Date)
    parts.push(`until ${formatTime(details.ScheduledEndTimestamp)}`);
  if (typeof details.CallbackId === "string") parts.push(`callbackId=${details.CallbackId}`);
  if (typeof details.Timeout === "number") parts.push(`timeout=${details.Timeout}s`);
  if (typeof details.HeartbeatTimeout === "number") parts.push(`heartbeat=${details.HeartbeatTimeout}s`);
  if (typeof details.ExecutionTimeout === "number")
    parts.push(`executionTimeout=${details.ExecutionTimeout}s`);
  if (typeof details.FunctionName === "string") parts.push(`function=${details.FunctionName}`);
  if (typeof details.DurableExecutionArn === "string") parts.push(`target=${details.DurableExecutionArn}`);
  const retry = details.RetryDetails as
    { CurrentAttempt?: number; NextAttemptDelaySeconds?: number } | undefined;
  if (retry?.CurrentAttempt !== undefined) parts.push(`attempt=${retry.CurrentAttempt}`);
  if (retry?.NextAttemptDelaySeconds !== undefined) parts.push(`retry in ${retry.NextAttemptDelaySeconds}s`);
  if (typeof details.RequestId === "string") parts.push(`requestId=${details.RequestId}`);
  if (details.StartTimestamp instanceof Date && details.EndTimestamp instanceof Date) {
    parts.push(`took ${formatDuration(details.EndTimestamp.getTime() - details.StartTimestamp.getTime())}`);
  }
  return parts.join(" ");
}
