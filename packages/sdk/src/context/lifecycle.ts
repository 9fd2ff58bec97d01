// Decides when the invocation can suspend (SDK.md §7): the checkpoint queue is idle, no user step/check function
// is executing, and at least one operation is waiting on the service. Event-driven: every change of these
// counters schedules one evaluation after the current macrotask, so promise chains that are about to start new
// work get to run first. No timers, no cooldown sleeps.
import type { ContextNode, WaitingRegistration } from "./context-node.js";

/** Why an operation waits; the suspension reason is the highest-ranked one (retry > wait > callback > invoke). */
export type WaitReason = "retry" | "wait" | "callback" | "invoke";
const RANK: Record<WaitReason, number> = { retry: 3, wait: 2, callback: 1, invoke: 0 };

export interface LifecycleHooks {
  /** True when no checkpoint update is queued, no call is in flight and no refresh is pending. */
  isQueueIdle(): boolean;
  /** Called once when the invocation should suspend. */
  onSuspend(reason: WaitReason): void;
  /** Schedules `fn` after pending I/O callbacks and microtasks (setImmediate in production). */
  schedule(fn: () => void): void;
}

export class InvocationLifecycle {
  private executing = 0;
  private noneExecutingWaiters: (() => void)[] = [];
  private readonly waitingByReason: Record<WaitReason, number> = {
    retry: 0,
    wait: 0,
    callback: 0,
    invoke: 0,
  };
  private waitingTotal = 0;
  private checkScheduled = false;
  private stopped = false;

  constructor(private readonly hooks: LifecycleHooks) {}

  /** Mark user code (a step or check function) as running; call the returned function when it settles. */
  beginExecuting(): () => void {
    this.enterExecuting();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.exitExecuting();
    };
  }

  /** {@link beginExecuting} without the release closure, for callers that pair it with exactly one exit. */
  enterExecuting(): void {
    this.executing++;
  }

  /** Ends one {@link enterExecuting}. */
  exitExecuting(): void {
    this.executing--;
    if (this.executing === 0) {
      const waiters = this.noneExecutingWaiters;
      this.noneExecutingWaiters = [];
      for (const resolve of waiters) resolve();
    }
    this.changed();
  }

  /** Resolves when no step / check function is running (the handler's result waits for them, as officially). */
  whenNoneExecuting(): Promise<void> {
    if (this.executing === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.noneExecutingWaiters.push(resolve));
  }

  /**
   * Register an operation waiting on the service under `node`. `release()` when it stops waiting; a finished
   * ancestor context drops it automatically.
   */
  beginWaiting(node: ContextNode, reason: WaitReason): { release(): void } {
    this.waitingByReason[reason]++;
    this.waitingTotal++;
    let active = true;
    const registration: WaitingRegistration = {
      drop: () => {
        if (!active) return;
        active = false;
        this.waitingByReason[reason]--;
        this.waitingTotal--;
        this.changed();
      },
    };
    if (node.abandoned) registration.drop();
    else node.addWaiting(registration);
    this.changed();
    return {
      release: () => {
        node.removeWaiting(registration);
        registration.drop();
      },
    };
  }

  get executingCount(): number {
    return this.executing;
  }

  get waitingCount(): number {
    return this.waitingTotal;
  }

  /** Re-evaluate after the queue became idle or busy. */
  changed(): void {
    // Nothing waits, so nothing can suspend; beginWaiting calls this again when something starts waiting.
    if (this.checkScheduled || this.stopped || this.waitingTotal === 0) return;
    this.checkScheduled = true;
    this.hooks.schedule(() => {
      this.checkScheduled = false;
      if (this.stopped || !this.canSuspend()) return;
      // Evaluate once more a macrotask later: a continuation resumed by the last checkpoint response may still be
      // on its way to starting new work.
      this.hooks.schedule(() => {
        if (this.stopped || !this.canSuspend()) return;
        this.stopped = true;
        this.hooks.onSuspend(this.topReason());
      });
    });
  }

  stop(): void {
    this.stopped = true;
  }

  private canSuspend(): boolean {
    return this.waitingTotal > 0 && this.executing === 0 && this.hooks.isQueueIdle();
  }

  private topReason(): WaitReason {
    let best: WaitReason = "invoke";
    for (const reason of Object.keys(RANK) as WaitReason[]) {
      if (this.waitingByReason[reason] > 0 && RANK[reason] > RANK[best]) best = reason;
    }
    return best;
  }
}
