import type { ExecutionRecord } from "../store/store.js";
import type { OperationRecord, OperationRow } from "../wire.js";

/** A checkpoint response kept for ClientToken retries (SERVICE.md §7.4). */
export interface CheckpointResult {
  CheckpointToken: string;
  NewExecutionState: { Operations: OperationRecord[] };
}

/** The invocation currently running for an execution (at most one, §7.5). */
export interface LiveInvocation {
  requestId: string;
  /** The one token that may checkpoint now; rotated by every successful checkpoint. */
  token: string;
  startMs: number;
  /** Operations changed since this invocation's previous checkpoint response. */
  delta: Set<string>;
  /** A service-side change happened that no checkpoint response has carried yet. */
  undelivered: boolean;
  /**
   * The response to the last consumed token, for a ClientToken retry (§7.4). Tokens are single-use, so an older
   * response can never be asked for again: keeping only this one bounds memory per invocation.
   */
  lastResponse?: { key: string; result: CheckpointResult };
}

/**
 * The engine's in-memory view of one execution: its record, its operations by id and in start order, and a count
 * of outstanding operations maintained on every change, so "may this invocation return PENDING?" is O(1).
 */
export class ExecutionState {
  readonly rows = new Map<string, OperationRow>();
  /** Operation ids in start order (index = seq). */
  readonly order: string[] = [];
  outstanding = 0;
  live: LiveInvocation | undefined;
  readonly waiters: Array<(record: ExecutionRecord) => void> = [];
  /**
   * Operations the service changed that no invocation has been told about yet — the next invocation's
   * UpdatedOperationIds. A checkpoint response that carries one removes it, so it is reported exactly once.
   */
  readonly pendingUpdates: Set<string>;
  /** Chained-invoke outcomes that arrived during a live invocation, applied once it has ended. */
  readonly deferred: Array<() => void> = [];

  constructor(
    public record: ExecutionRecord,
    rows: OperationRow[] = [],
  ) {
    this.pendingUpdates = new Set(record.updatedIds);
    for (const row of rows) this.setRow(row);
  }

  get arn(): string {
    return this.record.arn;
  }

  get running(): boolean {
    return this.record.status === "RUNNING";
  }

  /** Inserts or replaces an operation; a new operation takes the next seq. Returns the stored row. */
  setRow(row: OperationRow): OperationRow {
    const previous = this.rows.get(row.op.Id);
    if (previous) {
      this.outstanding -= isOutstanding(previous.op) ? 1 : 0;
      row.seq = previous.seq;
    } else if (row.seq < 0 || row.seq !== this.order.length) {
      row.seq = this.order.length;
    }
    if (!previous) this.order.push(row.op.Id);
    this.outstanding += isOutstanding(row.op) ? 1 : 0;
    this.rows.set(row.op.Id, row);
    return row;
  }
}

/** Something the execution still waits for (SERVICE.md §9.2). */
export function isOutstanding(op: OperationRecord): boolean {
  switch (op.Type) {
    case "STEP":
      return op.Status === "PENDING" || op.Status === "READY";
    case "WAIT":
    case "CALLBACK":
    case "CHAINED_INVOKE":
      return op.Status === "STARTED";
    default:
      return false;
  }
}
