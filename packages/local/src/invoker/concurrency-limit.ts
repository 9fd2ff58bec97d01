/**
 * A per-key limit on work in flight with a FIFO of waiters: the local stand-in for a function's reserved
 * concurrency. Starting a Node process per concurrent invocation is far dearer here than in Lambda, so the
 * worker invoker runs at most `limit` invocations of one function at once and queues the rest for a warm
 * process instead of churning new ones. O(1) per acquire and release.
 */
export class ConcurrencyLimit {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  }

  /** Resolves when a slot for `key` is free; the caller must `release(key)` exactly once afterwards. */
  acquire(key: string): Promise<void> | undefined {
    const active = this.active.get(key) ?? 0;
    if (active < this.limit) {
      this.active.set(key, active + 1);
      return undefined; // no wait: callers skip an await on the common path
    }
    return new Promise((resolve) => {
      let queue = this.waiting.get(key);
      if (queue === undefined) this.waiting.set(key, (queue = []));
      queue.push(resolve);
    });
  }

  /** Frees a slot: hands it straight to the oldest waiter, if any, so the count never dips in between. */
  release(key: string): void {
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (next !== undefined) {
      if (queue!.length === 0) this.waiting.delete(key);
      next();
      return;
    }
    const active = (this.active.get(key) ?? 1) - 1;
    if (active === 0) this.active.delete(key);
    else this.active.set(key, active);
  }

  /** Wakes every waiter (used on shutdown: each then sees the invoker closed and fails instead of hanging). */
  releaseAll(): void {
    const queues = [...this.waiting.values()];
    this.waiting.clear();
    for (const queue of queues) for (const wake of queue) wake();
  }

  /** Invocations of `key` waiting for a slot. */
  queued(key: string): number {
    return this.waiting.get(key)?.length ?? 0;
  }
}
