/**
 * Time for the local service. `RealClock` follows the wall clock; `VirtualClock` jumps straight to the next due
 * timer whenever nobody holds it, so tests of hour-long waits finish in milliseconds.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * const release = clock.hold();   // time stands still while we work
 * // ... start an execution ...
 * release();
 * await clock.sleep(60_000);      // returns once virtual time has advanced a minute
 * ```
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Calls `callback` once `now() >= dueMs`; returns a function that cancels it. */
  setTimer(dueMs: number, callback: () => void): () => void;
  /** Prevents time from jumping until the returned release function is called (no-op for real time). */
  hold(): () => void;
  /** Resolves after `ms` of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** setTimeout's maximum delay; longer timers are re-armed in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** The wall clock. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(dueMs: number, callback: () => void): () => void {
    let handle: NodeJS.Timeout | undefined;
    const arm = (): void => {
      const delay = dueMs - Date.now();
      if (delay > MAX_TIMEOUT_MS) {
        handle = setTimeout(arm, MAX_TIMEOUT_MS);
      } else {
        handle = setTimeout(callback, Math.max(0, delay));
      }
      // Timers must not keep a process alive that has nothing else to do (CLI exit, test teardown).
      handle.unref();
    };
    arm();
    return () => clearTimeout(handle);
  }

  hold(): () => void {
    return () => {};
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }
}

interface VirtualTimer {
  dueMs: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * Virtual time. Timers already due fire on the next macrotask even while held; time itself only advances — to the
 * earliest pending timer — when the hold count is zero. Jumps happen on a macrotask after the previous batch of
 * timers fired, so promise continuations of a sleeper run (and can re-hold) before the next jump.
 */
export class VirtualClock implements Clock {
  private nowMs: number;
  private holds = 0;
  private seq = 0;
  /** Min-heap by (dueMs, seq). */
  private readonly heap: VirtualTimer[] = [];
  private stepQueued = false;

  constructor(startMs: number = Date.now()) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimer(dueMs: number, callback: () => void): () => void {
    const timer: VirtualTimer = { dueMs, seq: this.seq++, callback, cancelled: false };
    this.push(timer);
    this.queueStep();
    return () => {
      timer.cancelled = true;
    };
  }

  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.queueStep();
    };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.setTimer(this.nowMs + Math.max(0, ms), resolve);
    });
  }

  /** Number of holders right now (for diagnostics and tests). */
  get holdCount(): number {
    return this.holds;
  }

  private queueStep(): void {
    if (this.stepQueued) return;
    this.stepQueued = true;
    setImmediate(() => {
      this.stepQueued = false;
      this.step();
    });
  }

  private step(): void {
    this.dropCancelled();
    const next = this.heap[0];
    if (next === undefined) return;
    if (next.dueMs > this.nowMs) {
      if (this.holds > 0) return;
      this.nowMs = next.dueMs;
    }
    // Fire every timer due at the current instant, then look again on a later macrotask.
    while (true) {
      this.dropCancelled();
      const top = this.heap[0];
      if (top === undefined || top.dueMs > this.nowMs) break;
      this.pop();
      top.callback();
    }
    if (this.heap.length > 0) this.queueStep();
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled === true) this.pop();
  }

  private static before(a: VirtualTimer, b: VirtualTimer): boolean {
    return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
  }

  private push(timer: VirtualTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!VirtualClock.before(timer, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): VirtualTimer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    while (true) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = last;
      let at = -1;
      const left = heap[l];
      const right = heap[r];
      if (left !== undefined && VirtualClock.before(left, smallest)) {
        smallest = left;
        at = l;
      }
      if (right !== undefined && VirtualClock.before(right, smallest)) {
        smallest = right;
        at = r;
      }
      if (at < 0) break;
      heap[i] = smallest;
      i = at;
    }
    heap[i] = last;
    return top;
  }
}
