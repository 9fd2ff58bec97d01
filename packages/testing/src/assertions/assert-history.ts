import type { HistoryEvent } from "../history/history-event.js";
import { assertSequence, type SequenceOptions } from "./assert-sequence.js";

/** An expected history event: its `EventType`, or a partial event matched member by member. */
export type ExpectedEvent = string | Partial<HistoryEvent>;

/** Anything that holds a history: the events, a GetDurableExecutionHistory response, or a run result. */
export type HistorySource =
  readonly HistoryEvent[] | { Events: readonly HistoryEvent[] } | { history: readonly HistoryEvent[] };

function eventsOf(source: HistorySource): readonly HistoryEvent[] {
  if (Array.isArray(source)) return source as readonly HistoryEvent[];
  if ("Events" in source) return source.Events;
  return (source as { history: readonly HistoryEvent[] }).history;
}

function summarize(event: HistoryEvent): string {
  const parts = [`${event.EventId} ${event.EventType}`];
  if (event.SubType !== undefined) parts.push(`(${event.SubType})`);
  if (event.Name !== undefined) parts.push(JSON.stringify(event.Name));
  return parts.join(" ");
}

/**
 * Asserts a history event by event. A string matches the `EventType`; an object must be contained in the event
 * (extra members ignored; a RegExp or predicate matches loosely). Works in any test framework: throws a
 * {@link DurableAssertionError} with both sequences side by side.
 *
 * @example
 * ```ts
 * assertHistory(run, [
 *   "ExecutionStarted",
 *   { EventType: "StepStarted", Name: "charge" },
 *   { EventType: "StepSucceeded", Name: "charge", StepSucceededDetails: { Result: { Payload: '"ok"' } } },
 *   "InvocationCompleted",
 *   "ExecutionSucceeded",
 * ]);
 * ```
 */
export function assertHistory(
  source: HistorySource,
  expected: readonly ExpectedEvent[],
  options?: SequenceOptions,
): void {
  const normalised = expected.map((e) => (typeof e === "string" ? { EventType: e } : e));
  assertSequence({ noun: "history events", summarize }, eventsOf(source), normalised, options);
}
