import type { OperationRecord } from "../wire.js";

/** How timestamps leave the service: ISO strings in the invocation event, epoch seconds in JSON, Dates in-process. */
export type TimestampFormat = "iso" | "epoch" | "date";

const convert = (ms: number, format: TimestampFormat): string | number | Date =>
  format === "iso" ? new Date(ms).toISOString() : format === "epoch" ? ms / 1000 : new Date(ms);

/**
 * A fresh copy of an operation for the outside world, timestamps converted; callers may mutate it freely.
 *
 * @example
 * ```ts
 * serializeOperation(row.op, "epoch"); // { ..., StartTimestamp: 1735689600.123 }
 * ```
 */
export function serializeOperation(op: OperationRecord, format: TimestampFormat): Record<string, unknown> {
  const out = structuredClone(op) as unknown as Record<string, unknown>;
  out.StartTimestamp = convert(op.StartTimestamp, format);
  if (op.EndTimestamp !== undefined) out.EndTimestamp = convert(op.EndTimestamp, format);
  const next = op.StepDetails?.NextAttemptTimestamp;
  if (next !== undefined)
    (out.StepDetails as Record<string, unknown>).NextAttemptTimestamp = convert(next, format);
  const end = op.WaitDetails?.ScheduledEndTimestamp;
  if (end !== undefined)
    (out.WaitDetails as Record<string, unknown>).ScheduledEndTimestamp = convert(end, format);
  return out;
}
