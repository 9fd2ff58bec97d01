import type { Clock } from "../scheduler/clock.js";
import type { ExecutionRecord, Store, TimerRecord } from "../store/store.js";
import type { FunctionDefinition, InvocationResult } from "../invoker/invoker.js";
import type { ErrorObject } from "../wire.js";
import type { EventDraft } from "../history.js";
import type { Transition } from "../state-machines/transition.js";
import type { ExecutionCache } from "./execution-cache.js";
import type { ExecutionState } from "./execution-state.js";
import type { FunctionRegistry } from "./functions.js";

/** Arguments of `DurableEngine.startExecution`. */
export interface StartExecutionArgs {
  def: FunctionDefinition;
  version: string;
  input: string;
  name?: string;
  tenantId?: string;
  traceHeader?: string;
  parent?: { arn: string; opId: string };
  arn?: string;
}

/** The terminal statuses `closeExecution` records. */
export type ClosingStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

/**
 * What the engine's parts (invocation loop, timer dispatch, chained-invoke orchestration) share: the store and
 * clock, the in-memory executions, and the primitives that change an execution. The engine builds one and hands
 * it to each part, so those primitives stay off its public API. Mutating members run inside a store transaction.
 */
export interface EngineInternals {
  readonly store: Store;
  readonly clock: Clock;
  readonly functions: FunctionRegistry;
  readonly executions: ExecutionCache;
  /** True once `close` was called: nothing new is scheduled or invoked. */
  readonly closed: boolean;
  /** Base URL handed to invokers. */
  readonly serviceUrl: string;
  save(state: ExecutionState): void;
  append(state: ExecutionState, draft: EventDraft): void;
  scheduleTimer(state: ExecutionState, kind: TimerRecord["kind"], opId: string, dueMs: number): void;
  /** Commits a change the service made and tells the function about it (re-invoke or next checkpoint). */
  applyServiceTransition(state: ExecutionState, transition: Transition): void;
  closeExecution(
    state: ExecutionState,
    status: ClosingStatus,
    outcome: { result?: string; error?: ErrorObject },
  ): void;
  startExecution(args: StartExecutionArgs): ExecutionRecord;
  queueInvocation(state: ExecutionState, delayMs: number): void;
  runPlainFunction(def: FunctionDefinition, version: string, payload: string): Promise<InvocationResult>;
  /** Keeps `promise` in the set `close` waits for. */
  track(promise: Promise<void>): void;
}
