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

/** Which details field belongs to which operation type. */
const OWN_DETAILS = {
  EXECUTION: "ExecutionDetails",
  CONTEXT: "ContextDetails",
  STEP: "StepDetails",
  WAIT: "WaitDetails",
  CALLBACK: "CallbackDetails",
  CHAINED_INVOKE: "ChainedInvokeDetails",
} as const;
type DetailsKey = (typeof OWN_DETAILS)[keyof typeof OWN_DETAILS];

const START_PARSED = 1;
const END_PARSED = 2;
const DETAILS_PARSED = 4;
/** From the initial state, and its operation not called yet in this invocation (see ExecutionState.find). */
const UNFOUND = 8;

/**
 * A stored operation: a snapshot of the wire record's fields taken when it is stored (a client may reuse and
 * mutate the objects it returned), with timestamps parsed on first read and then kept in place. It holds the
 * details of its own type in one field (the others, which the service never sends, only if a record has them):
 * an execution keeps one of these per operation for its whole invocation, so it is kept small.
 */
class StoredOperation implements Operation {
  readonly Id: string | undefined;
  readonly ParentId: string | undefined;
  readonly Name: string | undefined;
  readonly Type: OperationType | undefined;
  readonly SubType: string | undefined;
  readonly Status: OperationStatus | undefined;
  /** The wire timestamps, replaced by Dates when first read (see `flags`). */
  private start: unknown;
  private end: unknown;
  /** The details of this record's own type, as on the wire until first read. */
  private details: unknown;
  private others: Partial<Record<DetailsKey, unknown>> | undefined;
  private flags: number;

  constructor(wire: WireOperation, unfound: boolean) {
    this.Id = wire.Id;
    this.ParentId = wire.ParentId;
    this.Name = wire.Name;
    this.Type = wire.Type;
    this.SubType = wire.SubType;
    this.Status = wire.Status;
    this.start = wire.StartTimestamp;
    this.end = wire.EndTimestamp;
    const own = ownDetailsKey(wire.Type);
    this.details = own === undefined ? undefined : ownDetails(wire, own);
    // Details of another type than the record's own are never sent by the service; kept if they come.
    let others: Partial<Record<DetailsKey, unknown>> | undefined;
    if (wire.ExecutionDetails !== undefined && own !== "ExecutionDetails")
      (others ??= {}).ExecutionDetails = wire.ExecutionDetails;
    if (wire.ContextDetails !== undefined && own !== "ContextDetails")
      (others ??= {}).ContextDetails = wire.ContextDetails;
    if (wire.StepDetails !== undefined && own !== "StepDetails")
      (others ??= {}).StepDetails = wire.StepDetails;
    if (wire.WaitDetails !== undefined && own !== "WaitDetails")
      (others ??= {}).WaitDetails = wire.WaitDetails;
    if (wire.CallbackDetails !== undefined && own !== "CallbackDetails")
      (others ??= {}).CallbackDetails = wire.CallbackDetails;
    if (wire.ChainedInvokeDetails !== undefined && own !== "ChainedInvokeDetails")
      (others ??= {}).ChainedInvokeDetails = wire.ChainedInvokeDetails;
    this.others = others;
    this.flags = unfound ? UNFOUND : 0;
  }

  get StartTimestamp(): Date | undefined {
    if ((this.flags & START_PARSED) === 0) {
      this.start = toDate(this.start);
      this.flags |= START_PARSED;
    }
    return this.start as Date | undefined;
  }

  get EndTimestamp(): Date | undefined {
    if ((this.flags & END_PARSED) === 0) {
      this.end = toDate(this.end);
      this.flags |= END_PARSED;
    }
    return this.end as Date | undefined;
  }

  get ExecutionDetails(): ExecutionDetails | undefined {
    return this.plain("ExecutionDetails") as ExecutionDetails | undefined;
  }

  get ContextDetails(): ContextDetails | undefined {
    return this.plain("ContextDetails") as ContextDetails | undefined;
  }

  get CallbackDetails(): CallbackDetails | undefined {
    return this.plain("CallbackDetails") as CallbackDetails | undefined;
  }

  get ChainedInvokeDetails(): ChainedInvokeDetails | undefined {
    return this.plain("ChainedInvokeDetails") as ChainedInvokeDetails | undefined;
  }

  get StepDetails(): StepDetails | undefined {
    if (this.Type !== "STEP") return parseStepDetails(this.others?.StepDetails);
    if ((this.flags & DETAILS_PARSED) === 0) {
      this.details = parseStepDetails(this.details);
      this.flags |= DETAILS_PARSED;
    }
    return this.details as StepDetails | undefined;
  }

  get WaitDetails(): WaitDetails | undefined {
    if (this.Type !== "WAIT") return parseWaitDetails(this.others?.WaitDetails);
    if ((this.flags & DETAILS_PARSED) === 0) {
      this.details = parseWaitDetails(this.details);
      this.flags |= DETAILS_PARSED;
    }
    return this.details as WaitDetails | undefined;
  }

  /** Details without timestamps: returned as they came. */
  private plain(key: DetailsKey): unknown {
    return ownDetailsKey(this.Type) === key ? this.details : this.others?.[key];
  }

  static isUnfound(op: Operation): boolean {
    return op instanceof StoredOperation && (op.flags & UNFOUND) !== 0;
  }

  static markFound(op: Operation): boolean {
    if (!(op instanceof StoredOperation) || (op.flags & UNFOUND) === 0) return false;
    op.flags &= ~UNFOUND;
    return true;
  }
}

/** The record's own details, read by name (a keyed read with six different keys would not stay fast). */
function ownDetails(wire: WireOperation, key: DetailsKey): unknown {
  switch (key) {
    case "StepDetails":
      return wire.StepDetails;
    case "WaitDetails":
      return wire.WaitDetails;
    case "ContextDetails":
      return wire.ContextDetails;
    case "CallbackDetails":
      return wire.CallbackDetails;
    case "ChainedInvokeDetails":
      return wire.ChainedInvokeDetails;
    case "ExecutionDetails":
      return wire.ExecutionDetails;
  }
}

function ownDetailsKey(type: OperationType | undefined): DetailsKey | undefined {
  switch (type) {
    case "EXECUTION":
    case "CONTEXT":
    case "STEP":
    case "WAIT":
    case "CALLBACK":
    case "CHAINED_INVOKE":
      return OWN_DETAILS[type];
    default:
      return undefined;
  }
}

/** Step details with NextAttemptTimestamp as a Date (the same object when it is one already). */
function parseStepDetails(wire: unknown): StepDetails | undefined {
  const step = wire as WireOperation["StepDetails"];
  return step === undefined ||
    step.NextAttemptTimestamp === undefined ||
    isValidDate(step.NextAttemptTimestamp)
    ? (step as StepDetails | undefined)
    : { ...step, NextAttemptTimestamp: toDate(step.NextAttemptTimestamp) };
}

/** Wait details with ScheduledEndTimestamp as a Date. */
function parseWaitDetails(wire: unknown): WaitDetails | undefined {
  const wait = wire as WireOperation["WaitDetails"];
  return wait === undefined || isValidDate(wait.ScheduledEndTimestamp)
    ? (wait as WaitDetails | undefined)
    : { ScheduledEndTimestamp: toDate(wait.ScheduledEndTimestamp) };
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
