import type { RecordedOperation } from "../history/history-event.js";
import type { OperationCall, RecordedOutcome, RecordSource } from "../mock/record-source.js";
import { ReplayDivergenceError, type OperationIdentity, type ReplayDivergence } from "./replay-divergence.js";

function identityOf(op: RecordedOperation): OperationIdentity {
  return {
    id: op.Id,
    type: op.Type,
    ...(op.SubType !== undefined ? { subType: op.SubType } : {}),
    ...(op.Name !== undefined ? { name: op.Name } : {}),
  };
}

function describe(who: { type: string; subType?: string | undefined; name?: string | undefined }): string {
  return `${who.type}${who.subType === undefined ? "" : `(${who.subType})`} ${who.name === undefined ? "(no name)" : JSON.stringify(who.name)}`;
}

/** The chain of enclosing operations of a call, outermost first: `"fulfil" > "charge"` with raw ids. */
export function pathOf(call: OperationCall): string {
  const parts: string[] = [];
  for (let c: OperationCall | undefined = call; c !== undefined; c = c.parent) {
    parts.unshift(`${c.name === undefined ? c.subType : JSON.stringify(c.name)} [${c.rawId}]`);
  }
  return parts.join(" > ");
}

/**
 * Serves the records of a recorded execution to the mock context by wire id, checking each call against its record
 * as the SDK does (type, then name, then sub-type, SDK.md §8) and stopping at the first difference. Calls without a
 * record are the replay's frontier: they wait, so nothing beyond what was recorded runs.
 */
export class HistoryRecordSource implements RecordSource {
  readonly runsLive = false;
  private readonly byId = new Map<string, RecordedOperation>();
  private readonly visited = new Set<string>();

  constructor(operations: readonly RecordedOperation[]) {
    for (const op of operations) if (op.Type !== "EXECUTION") this.byId.set(op.Id, op);
  }

  lookup(call: OperationCall): RecordedOutcome | undefined {
    const op = this.byId.get(call.id);
    if (op === undefined) return undefined;
    const field =
      op.Type !== call.type
        ? "type"
        : op.Name !== call.name
          ? "name"
          : (op.SubType ?? call.subType) !== call.subType
            ? "subType"
            : undefined;
    if (field !== undefined) {
      const current: ReplayDivergence["current"] = {
        id: call.id,
        rawId: call.rawId,
        type: call.type,
        subType: call.subType,
        ...(call.name !== undefined ? { name: call.name } : {}),
        ...(call.callSite !== undefined ? { callSite: call.callSite } : {}),
      };
      const recorded = identityOf(op);
      const message =
        `Non-deterministic replay at ${pathOf(call)}: operation ${field} differs — recorded ${describe(recorded)}, ` +
        `current code calls ${describe(current)}${call.callSite === undefined ? "" : ` at ${call.callSite}`}`;
      throw new ReplayDivergenceError({
        kind: "mismatch",
        field,
        path: pathOf(call),
        recorded,
        current,
        message,
      });
    }
    this.visited.add(call.id);
    return outcomeOf(op);
  }

  /** How many calls matched their record so far. */
  get matched(): number {
    return this.visited.size;
  }

  /** Recorded operations the replay never reached although their enclosing context was replayed. */
  unvisited(enteredContexts: ReadonlySet<string>): RecordedOperation[] {
    const missing: RecordedOperation[] = [];
    for (const op of this.byId.values()) {
      if (this.visited.has(op.Id)) continue;
      if (enteredContexts.has(op.ParentId ?? "")) missing.push(op);
    }
    return missing;
  }
}

function outcomeOf(op: RecordedOperation): RecordedOutcome {
  const details = op.StepDetails ?? op.CallbackDetails ?? op.ChainedInvokeDetails ?? op.ContextDetails;
  switch (op.Status) {
    case "SUCCEEDED":
      return {
        status: "SUCCEEDED",
        ...(details?.Result !== undefined ? { payload: details.Result } : {}),
        ...(op.ContextDetails?.ReplayChildren === true ? { replayChildren: true } : {}),
      };
    case "FAILED":
    case "TIMED_OUT":
    case "STOPPED":
    case "CANCELLED":
      return { status: op.Status, error: details?.Error ?? { ErrorMessage: `operation ${op.Status}` } };
    default:
      return {
        status: "STARTED",
        ...(op.CallbackDetails?.CallbackId !== undefined
          ? { callbackId: op.CallbackDetails.CallbackId }
          : {}),
      };
  }
}

export { describe as describeOperation };
