// Everything one invocation shares: execution state, checkpoint queue, suspension lifecycle, termination,
// plugins, logging environment, limits and clock. Built once per invocation by withDurableExecution.
import { CheckpointQueue } from "../checkpoint/checkpoint-queue.js";
import type { UnrecoverableError } from "../errors.js";
import type { LogEnvironment } from "../logger.js";
import type { PluginHub } from "../plugins.js";
import type { ExecutionState } from "../replay/execution-state.js";
import type { LambdaContext } from "../types/core.js";
import type { DurableExecutionClient, PayloadLimits } from "../types/durable-execution.js";
import { resolvePayloadLimits } from "../payload-limits.js";
import { InvocationLifecycle, type WaitReason } from "./lifecycle.js";

/** How an invocation ended early: suspension (PENDING) or an unrecoverable error. */
export type Termination =
  { kind: "suspend"; reason: WaitReason } | { kind: "fault"; error: UnrecoverableError | Error };

/** Time source; injected so tests and the replay core never read the wall clock directly. */
export interface RuntimeClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: RuntimeClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RuntimeOptions {
  durableExecutionArn: string;
  checkpointToken: string;
  client: DurableExecutionClient;
  state: ExecutionState;
  lambdaContext: LambdaContext;
  log: LogEnvironment;
  plugins: PluginHub;
  payloadLimits?: PayloadLimits;
  clock?: RuntimeClock;
  /** Macrotask scheduler (setImmediate by default). */
  schedule?: (fn: () => void) => void;
  /** Classifies a checkpoint failure into the error that terminates the invocation. */
  classifyCheckpointError: (error: unknown) => UnrecoverableError;
  /** Ids changed since the previous invocation (UpdatedOperationIds). */
  updatedOperationIds?: ReadonlySet<string>;
}

export class ExecutionRuntime {
  readonly durableExecutionArn: string;
  readonly state: ExecutionState;
  readonly queue: CheckpointQueue;
  readonly lifecycle: InvocationLifecycle;
  readonly lambdaContext: LambdaContext;
  readonly log: LogEnvironment;
  readonly plugins: PluginHub;
  readonly payloadLimits: Required<PayloadLimits>;
  readonly clock: RuntimeClock;
  readonly schedule: (fn: () => void) => void;
  readonly updatedOperationIds: ReadonlySet<string>;
  private terminationValue: Termination | undefined;
  private resolveTermination!: (t: Termination) => void;
  /** Settles when the invocation must end early (suspension or fault). */
  readonly termination: Promise<Termination>;
  private readonly timers = new Set<unknown>();

  constructor(options: RuntimeOptions) {
    this.durableExecutionArn = options.durableExecutionArn;
    this.state = options.state;
    this.lambdaContext = options.lambdaContext;
    this.log = options.log;
    this.plugins = options.plugins;
    this.payloadLimits = resolvePayloadLimits(options.payloadLimits);
    this.clock = options.clock ?? realClock;
    this.schedule = options.schedule ?? ((fn) => void setImmediate(fn));
    this.updatedOperationIds = options.updatedOperationIds ?? new Set();
    this.termination = new Promise<Termination>((resolve) => (this.resolveTermination = resolve));
    this.lifecycle = new InvocationLifecycle({
      isQueueIdle: () => this.queue.idle,
      onSuspend: (reason) => this.terminate({ kind: "suspend", reason }),
      schedule: this.schedule,
    });
    this.queue = new CheckpointQueue({
      client: options.client,
      durableExecutionArn: options.durableExecutionArn,
      checkpointToken: options.checkpointToken,
      state: options.state,
      schedule: options.schedule ?? afterMicrotasks,
      onError: (error) => this.terminate({ kind: "fault", error: options.classifyCheckpointError(error) }),
      onOperationsChanged: (changed) => this.plugins.operationsChanged(changed, this.state),
      onIdleChanged: () => this.lifecycle.changed(),
    });
  }

  get terminated(): boolean {
    return this.terminationValue !== undefined;
  }

  /** End the invocation early. The first call wins; later operations get never-settling promises. */
  terminate(termination: Termination): void {
    if (this.terminationValue) return;
    this.terminationValue = termination;
    this.lifecycle.stop();
    this.queue.stop();
    for (const handle of this.timers) this.clock.clearTimeout(handle);
    this.timers.clear();
    this.resolveTermination(termination);
  }

  /** End of the invocation: cancel poll timers and abandon whatever is still pending. Idempotent. */
  dispose(): void {
    this.terminate({ kind: "suspend", reason: "wait" });
  }

  /** A timer that is cancelled when the invocation terminates. */
  setTimer(fn: () => void, ms: number): { cancel(): void } {
    if (this.terminated) return { cancel: () => undefined };
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return {
      cancel: () => {
        if (this.timers.delete(handle)) this.clock.clearTimeout(handle);
      },
    };
  }

  /** Milliseconds left before the Lambda deadline (Infinity when unknown). */
  remainingTimeMs(): number {
    const fn = this.lambdaContext.getRemainingTimeInMillis as (() => number) | undefined;
    const value = typeof fn === "function" ? fn.call(this.lambdaContext) : Number.POSITIVE_INFINITY;
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  }
}

/** A promise that never settles: what operations return after termination started. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/**
 * Runs `fn` once the microtask queue has drained: updates issued by promise chains that settle without I/O (a
 * step's START, its function's result, its SUCCEED) share a call, without paying an event-loop turn per call.
 * The microtask hop makes this hold when called from synchronous code too (nextTick alone would run before
 * the promise jobs already queued). The hop is a reaction on a settled promise rather than queueMicrotask, which
 * builds an AsyncResource and a bound function per call while async hooks are on.
 */
export function afterMicrotasks(fn: () => void): void {
  void SETTLED.then(() => process.nextTick(fn));
}

const SETTLED = Promise.resolve();
