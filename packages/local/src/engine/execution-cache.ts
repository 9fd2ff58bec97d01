import type { Clock } from "../scheduler/clock.js";
import type { ExecutionRecord, Store } from "../store/store.js";
import { ExecutionState } from "./execution-state.js";

const DAY_MS = 86_400_000;

/** True once a closed execution has outlived its RetentionPeriodInDays (SERVICE.md §10). */
export function isExpired(record: ExecutionRecord, nowMs: number): boolean {
  return record.endMs !== undefined && nowMs > record.endMs + record.retentionPeriodInDays * DAY_MS;
}

/** Closed executions kept in memory after their last use, so repeated reads of one do not reload it. */
const RECENTLY_CLOSED = 64;

/**
 * The engine's in-memory executions, loaded from the store on first use (one read of the operations per
 * execution, then O(1) lookups). Running executions stay in memory; a closed one is released once no invocation
 * of it is live and only the most recently used closed ones are kept, so a long-running service does not
 * accumulate every execution it ever touched (the store reloads them on demand). Retention is applied lazily: an
 * expired execution is purged when next touched.
 *
 * @example
 * ```ts
 * const state = cache.load(arn); // undefined for unknown or expired executions
 * ```
 */
export class ExecutionCache {
  private readonly running = new Map<string, ExecutionState>();
  /** Closed executions in least-recently-used order (oldest first). */
  private readonly closed = new Map<string, ExecutionState>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Registers a state created by the engine (a new execution). */
  add(state: ExecutionState): void {
    this.running.set(state.arn, state);
  }

  /** Called once an execution is closed and none of its invocations is live: it no longer needs pinning. */
  release(state: ExecutionState): void {
    if (this.running.get(state.arn) !== state) return;
    this.running.delete(state.arn);
    this.keepClosed(state);
  }

  load(arn: string): ExecutionState | undefined {
    let state = this.running.get(arn) ?? this.closed.get(arn);
    if (!state) {
      const record = this.store.getExecution(arn);
      if (!record) return undefined;
      state = new ExecutionState(record, this.store.listOperations(arn));
      if (state.running) this.running.set(arn, state);
    }
    if (isExpired(state.record, this.clock.now())) {
      this.running.delete(arn);
      this.closed.delete(arn);
      this.store.deleteExecution(arn);
      return undefined;
    }
    if (!state.running && !state.live) {
      this.running.delete(arn);
      this.keepClosed(state);
    }
    return state;
  }

  /** The unexpired execution holding `name` for a function (names are reserved per function). */
  findByName(functionName: string, name: string): ExecutionState | undefined {
    const record = this.store.findExecutionByName(functionName, name);
    return record && this.load(record.arn);
  }

  /** How many executions are held in memory (for tests of the bound). */
  get size(): number {
    return this.running.size + this.closed.size;
  }

  private keepClosed(state: ExecutionState): void {
    // Re-inserting moves it to the most recent end.
    this.closed.delete(state.arn);
    this.closed.set(state.arn, state);
    if (this.closed.size > RECENTLY_CLOSED) {
      const oldest = this.closed.keys().next();
      if (oldest.done !== true) this.closed.delete(oldest.value);
    }
  }
}
