// Wire operations arrive with timestamps as Date, ISO string or epoch seconds. Records are normalised lazily:
// an Operation copies the wire record's fields by reference, and each timestamp is parsed only when someone reads it
// (plugin infos, retry and wait scheduling, waitForCondition's elapsed time) — replay reads none for most records.
import type {
  CallbackDetails,
  ChainedInvokeDetails,
  ContextDetails,
  ExecutionDetails,
  Operation,
  OperationStatus,
  OperationType,
  StepDetails,
  WaitDetails,
  WireOperation,
} from "../types/wire.js";

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

/** Marks a timestamp that has not been parsed yet (undefined is a valid parsed value). */
const UNPARSED: unique symbol = Symbol("unparsed");

/**
 * A stored operation: a snapshot of the wire record's fields taken when it is stored (a client may reuse and
 * mutate the objects it returned), with timestamps parsed on first read and then kept. Details without a
 * timestamp are the wire record's own objects (nothing in the SDK mutates records); details with one are copied
 * once with the timestamp as a Date.
 */
class StoredOperation implements Operation {
  readonly Id: string | undefined;
  readonly ParentId: string | undefined;
  readonly Name: string | undefined;
  readonly Type: OperationType | undefined;
  readonly SubType: string | undefined;
  readonly Status: OperationStatus | undefined;
  readonly ExecutionDetails: ExecutionDetails | undefined;
  readonly ContextDetails: ContextDetails | undefined;
  readonly CallbackDetails: CallbackDetails | undefined;
  readonly ChainedInvokeDetails: ChainedInvokeDetails | undefined;
  private readonly wireStart: WireOperation["StartTimestamp"];
  private readonly wireEnd: WireOperation["EndTimestamp"];
  private readonly wireStep: WireOperation["StepDetails"];
  private readonly wireWait: WireOperation["WaitDetails"];
  private start: Date | undefined | typeof UNPARSED = UNPARSED;
  private end: Date | undefined | typeof UNPARSED = UNPARSED;
  private step: StepDetails | undefined | typeof UNPARSED = UNPARSED;
  private wait: WaitDetails | undefined | typeof UNPARSED = UNPARSED;
  /** From the initial state, and its operation not called yet in this invocation (see ExecutionState.find). */
  #unfound: boolean;

  constructor(wire: WireOperation, unfound: boolean) {
    this.#unfound = unfound;
    this.Id = wire.Id;
    this.ParentId = wire.ParentId;
    this.Name = wire.Name;
    this.Type = wire.Type;
    this.SubType = wire.SubType;
    this.Status = wire.Status;
    this.ExecutionDetails = wire.ExecutionDetails;
    this.ContextDetails = wire.ContextDetails;
    this.CallbackDetails = wire.CallbackDetails;
    this.ChainedInvokeDetails = wire.ChainedInvokeDetails;
    this.wireStart = wire.StartTimestamp;
    this.wireEnd = wire.EndTimestamp;
    this.wireStep = wire.StepDetails;
    this.wireWait = wire.WaitDetails;
  }

  get StartTimestamp(): Date | undefined {
    if (this.start === UNPARSED) this.start = toDate(this.wireStart);
    return this.start;
  }

  get EndTimestamp(): Date | undefined {
    if (this.end === UNPARSED) this.end = toDate(this.wireEnd);
    return this.end;
  }

  get StepDetails(): StepDetails | undefined {
    if (this.step === UNPARSED) {
      const step = this.wireStep;
      this.step =
        step === undefined ||
        step.NextAttemptTimestamp === undefined ||
        isValidDate(step.NextAttemptTimestamp)
          ? (step as StepDetails | undefined)
          : { ...step, NextAttemptTimestamp: toDate(step.NextAttemptTimestamp) };
    }
    return this.step;
  }

  static isUnfound(op: Operation): boolean {
    return op instanceof StoredOperation && op.#unfound;
  }

  static markFound(op: Operation): boolean {
    if (!(op instanceof StoredOperation) || !op.#unfound) return false;
    op.#unfound = false;
    return true;
  }

  get WaitDetails(): WaitDetails | undefined {
    if (this.wait === UNPARSED) {
      const wait = this.wireWait;
      this.wait =
        wait === undefined || isValidDate(wait.ScheduledEndTimestamp)
          ? (wait as WaitDetails | undefined)
          : { ScheduledEndTimestamp: toDate(wait.ScheduledEndTimestamp) };
    }
    return this.wait;
  }
}

function isValidDate(value: unknown): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/**
 * A stored operation view of `wire`; timestamps read as Dates (parsed on first read). The input is not modified.
 *
 * @example
 * normalizeOperation({ Id: "c4ca4238a0b92382", Type: "STEP", Status: "SUCCEEDED", StartTimestamp: "1970-01-01T00:00:00Z" })
 *   .StartTimestamp; // Date(0)
 */
export function normalizeOperation(wire: WireOperation, unfound = false): Operation {
  return new StoredOperation(wire, unfound);
}

/** Whether `op` came from the initial state and its operation has not been called yet. */
export function isUnfound(op: Operation): boolean {
  return StoredOperation.isUnfound(op);
}

/** Mark `op` found; true if it was an unfound initial record. */
export function markFound(op: Operation): boolean {
  return StoredOperation.markFound(op);
}
