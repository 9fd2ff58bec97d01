// Wire operations arrive with timestamps as Date, ISO string or epoch seconds; normalise once on read.
import type { Operation, WireOperation } from "../types/wire.js";

/** Accepts a Date, an ISO string, epoch seconds (number or numeric string); anything else → undefined. */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "number") return Number.isFinite(value) ? new Date(value * 1000) : undefined;
  if (typeof value === "string" && value !== "") {
    const numeric = Number(value);
    const date = Number.isFinite(numeric) ? new Date(numeric * 1000) : new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/** A stored operation with every timestamp as a Date. The input is not modified. */
export function normalizeOperation(wire: WireOperation): Operation {
  const op: Operation = {
    ...(wire as Omit<WireOperation, "StartTimestamp" | "EndTimestamp" | "StepDetails" | "WaitDetails">),
    StartTimestamp: toDate(wire.StartTimestamp),
    EndTimestamp: toDate(wire.EndTimestamp),
    StepDetails: undefined,
    WaitDetails: undefined,
  };
  if (wire.EndTimestamp === undefined) delete op.EndTimestamp;
  if (wire.StepDetails) {
    op.StepDetails = {
      ...wire.StepDetails,
      NextAttemptTimestamp: toDate(wire.StepDetails.NextAttemptTimestamp),
    };
    if (wire.StepDetails.NextAttemptTimestamp === undefined) delete op.StepDetails.NextAttemptTimestamp;
  } else delete op.StepDetails;
  if (wire.WaitDetails)
    op.WaitDetails = { ScheduledEndTimestamp: toDate(wire.WaitDetails.ScheduledEndTimestamp) };
  else delete op.WaitDetails;
  return op;
}
