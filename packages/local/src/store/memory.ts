import type { OperationRow } from "../wire.js";
import type { ExecutionRecord, HistoryEvent, Store, TimerRecord } from "./store.js";

interface ExecutionEntry {
  record: ExecutionRecord;
  operations: Map<string, OperationRow>;
  events: HistoryEvent[];
}

/**
 * An in-memory store for tests and the test kit. Transactions snapshot nothing: the engine validates a request
 * completely before it mutates anything, so a rollback only matters for SQLite's crash safety.
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
    const copy = structuredClone(record);
    const entry = this.executions.get(record.arn);
    if (entry) {
      entry.record = copy;
      return;
    }
    this.executions.set(record.arn, { record: copy, operations: new Map(), events: [] });
    this.byName.set(`${record.functionName}\u0000${record.name}`, record.arn);
    let arns = this.byFunction.get(record.functionName);
    if (!arns) this.byFunction.set(record.functionName, (arns = new Set()));
    arns.add(record.arn);
  }

  getExecution(arn: string): ExecutionRecord | undefined {
    const entry = this.executions.get(arn);
    return entry && structuredClone(entry.record);
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
    return [...this.executions.values()]
      .filter((entry) => entry.record.status === "RUNNING")
      .map((entry) => structuredClone(entry.record));
  }

  deleteExecution(arn: string): void {
    const entry = this.executions.get(arn);
    if (!entry) return;
    this.executions.delete(arn);
    this.byName.delete(`${entry.record.functionName}\u0000${entry.record.name}`);
    this.byFunction.get(entry.record.functionName)?.delete(arn);
    for (const row of entry.operations.values()) {
      const id = row.op.CallbackDetails?.CallbackId;
      if (id !== undefined) this.callbacks.delete(id);
    }
  }

  putOperation(arn: string, row: OperationRow): void {
    const entry = this.executions.get(arn);
    if (!entry) throw new Error(`MemoryStore: no execution ${arn}`);
    entry.operations.set(row.op.Id, structuredClone(row));
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
    entry.events.push(structuredClone(event));
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
