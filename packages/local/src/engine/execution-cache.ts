import type { Clock } from "../scheduler/clock.js";
import type { ExecutionRecord, Store } from "../store/store.js";
import { ExecutionState } from "./execution-state.js";

const DAY_MS = 86_400_000;

/** True once a closed execution has outlived its RetentionPeriodInDays (SERVICE.md §10). */
export function isExpired(record: ExecutionRecord, nowMs: number): boolean {
  return record.endMs !== undefined && nowMs > record.endMs + record.retentionPeriodInDays * DAY_MS;
}

/**
 * The engine's in-memory executions, loaded from the store on first use (one read of the operations per
 * execution, then O(1) lookups). Retention is applied lazily: an expired execution is purged when next touched.
 *
 * @example
 * ```ts
 * const state = cache.load(arn); // undefined for unknown or expired executions
 * ```
 */
export class ExecutionCache {
  private readonly states = new Map<string, ExecutionState>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Registers a state created by the engine (a new execution). */
  add(state: ExecutionState): void {
    this.states.set(state.arn, state);
  }

  load(arn: string): ExecutionState | undefined {
    let state = this.states.get(arn);
    if (!state) {
      const record = this.store.getExecution(arn);
      if (!record) return undefined;
      state = new ExecutionState(record, this.store.listOperations(arn));
      this.states.set(arn, state);
    }
    if (isExpired(state.record, this.clock.now())) {
      this.states.delete(arn);
      this.store.deleteExecution(arn);
      return undefined;
    }
    return state;
  }

  /** The unexpired execution holding `name` for a function (names are reserved per function). */
  findByName(functionName: string, name: string): ExecutionState | undefined {
    const record = this.store.findExecutionByName(functionName, name);
    return record && this.load(record.arn);
  }
}
