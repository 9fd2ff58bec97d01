import type { OperationRow } from "../wire.js";
import type { ExecutionRecord, HistoryEvent, Store, TimerRecord } from "./store.js";

interface ExecutionEntry {
  /** A private copy of everything but the payloads. */
  progress: ExecutionProgress;
  /** Strings are immutable, so the payloads are kept as given: no copy per write however large they are. */
  input: string;
  result: string | undefined;
  operations: Map<string, OperationRow>;
  events: HistoryEvent[];
}

type ExecutionProgress = Omit<ExecutionRecord, "input" | "result">;

/**
 * An in-memory store for tests and the test kit. Transactions snapshot nothing: the engine validates a request
 * completely before it mutates anything, so a rollback only matters for SQLite's crash safety. Operations and
 * events are kept as handed over (the engine never mutates them afterwards) and copied only when read, so the
 * hot checkpoint path clones nothing but the small execution record.
 *
 * @example
 * ```ts
 * const engine = new DurableEngine({ store: new MemoryStore(), clock: new VirtualClock() });
 * ```
 */
export class MemoryStore implements Store {
  private readonly executions = new Map<string, ExecutionEntry>();
  private readonly byName = new Map<string, string>();
  private readonly byFunction = new Map<string, Set<string>>();
  private readonly callbacks = new Map<string, { arn: string; opId: string }>();
  private readonly timers = new Map<string, TimerRecord>();

  transaction<T>(fn: () => T): T {
    return fn();
  }

  putExecution(record: ExecutionRecord): void {
    const entry = this.executions.get(record.arn);
    if (entry) {
      entry.progress = progressOf(record);
      entry.input = record.input;
      entry.result = record.result;
      return;
    }
    this.executions.set(record.arn, {
      progress: progressOf(record),
      input: record.input,
      result: record.result,
      operations: new Map(),
      events: [],
    });
    this.byName.set(`${record.functionName}\u0000${record.name}`, record.arn);
    let arns = this.byFunction.get(record.functionName);
    if (!arns) this.byFunction.set(record.functionName, (arns = new Set()));
    arns.add(record.arn);
  }

  updateExecution(record: ExecutionRecord): void {
    const entry = this.executions.get(record.arn);
    if (!entry) throw new Error(`MemoryStore: no execution ${record.arn}`);
    entry.progress = progressOf(record);
    if (record.result !== undefined) entry.result = record.result;
  }

  getExecution(arn: string): ExecutionRecord | undefined {
    const entry = this.executions.get(arn);
    return entry && recordOf(entry);
  }

  findExecutionByName(functionName: string, name: string): ExecutionRecord | undefined {
    const arn = this.byName.get(`${functionName}\u0000${name}`);
    return arn === undefined ? undefined : this.getExecution(arn);
  }

  listExecutionsByFunction(functionName: string): ExecutionRecord[] {
    const arns = this.byFunction.get(functionName) ?? new Set<string>();
    return [...arns]
      .flatMap((arn) => {
        const record = this.getExecution(arn);
        return record ? [record] : [];
      })
      .sort((a, b) => a.startMs - b.startMs);
  }

  listRunningExecutions(): ExecutionRecord[] {
    return [...this.executions.values()].filter((entry) => entry.progress.status === "RUNNING").map(recordOf);
  }

  deleteExecution(arn: string): void {
    const entry = this.executions.get(arn);
    if (!entry) return;
    this.executions.delete(arn);
    this.byName.delete(`${entry.progress.functionName}\u0000${entry.progress.name}`);
    this.byFunction.get(entry.progress.functionName)?.delete(arn);
    for (const row of entry.operations.values()) {
      const id = row.op.CallbackDetails?.CallbackId;
      if (id !== undefined) this.callbacks.delete(id);
    }
  }

  putOperation(arn: string, row: OperationRow): void {
    const entry = this.executions.get(arn);
    if (!entry) throw new Error(`MemoryStore: no execution ${arn}`);
    entry.operations.set(row.op.Id, row);
    const callbackId = row.op.CallbackDetails?.CallbackId;
    if (callbackId !== undefined) this.callbacks.set(callbackId, { arn, opId: row.op.Id });
  }

  listOperations(arn: string): OperationRow[] {
    const entry = this.executions.get(arn);
    if (!entry) return [];
    return [...entry.operations.values()].sort((a, b) => a.seq - b.seq).map((row) => structuredClone(row));
  }

  findCallback(callbackId: string): { arn: string; opId: string } | undefined {
    return this.callbacks.get(callbackId);
  }

  appendEvent(arn: string, event: HistoryEvent): void {
    const entry = this.executions.get(arn);
    if (!entry) throw new Error(`MemoryStore: no execution ${arn}`);
    entry.events.push(event);
  }

  readEvents(arn: string, query: { afterId?: number; limit: number; reverse: boolean }): HistoryEvent[] {
    const events = this.executions.get(arn)?.events ?? [];
    // EventIds are 1..n and stored at index EventId-1, so a cursor is an index: O(page) per read.
    if (query.reverse) {
      const end = query.afterId === undefined ? events.length : Math.max(0, query.afterId - 1);
      return events
        .slice(Math.max(0, end - query.limit), end)
        .reverse()
        .map((e) => structuredClone(e));
    }
    const start = query.afterId ?? 0;
    return events.slice(start, start + query.limit).map((e) => structuredClone(e));
  }

  putTimer(timer: TimerRecord): void {
    this.timers.set(timer.key, { ...timer });
  }

  deleteTimer(key: string): void {
    this.timers.delete(key);
  }

  listTimers(): TimerRecord[] {
    return [...this.timers.values()].map((t) => ({ ...t }));
  }

  close(): void {}
}

/**
 * The store's copy, taken on every save: shallow, because the engine replaces the record's nested values (error,
 * pendingClose, parent, updatedIds) instead of editing them; reads hand out deep copies.
 */
function progressOf(record: ExecutionRecord): ExecutionProgress {
  const { input: _input, result: _result, ...progress } = record;
  return progress;
}

function recordOf(entry: ExecutionEntry): ExecutionRecord {
  const record: ExecutionRecord = { ...structuredClone(entry.progress), input: entry.input };
  if (entry.result !== undefined) record.result = entry.result;
  return record;
}
