import type { Clock } from "./clock.js";
import type { Store, TimerRecord } from "../store/store.js";

/**
 * Durable timers: waits, step retries, callback timeouts and heartbeats, execution timeouts and invocation
 * backoff. Each timer is written to the store (inside the caller's transaction) and armed on the clock; on start
 * the persisted timers are re-armed so they survive a restart. Firing hands the record to the engine, which
 * re-checks the operation state, so a stale timer is harmless.
 *
 * @example
 * ```ts
 * scheduler.schedule({ key: `${arn}|wait|${opId}`, arn, kind: "wait", opId, dueMs });
 * ```
 */
export class Scheduler {
  private readonly armed = new Map<string, () => void>();

  constructor(
    private readonly clock: Clock,
    private readonly store: Store,
    private readonly fire: (timer: TimerRecord) => void,
  ) {}

  /** Persists and arms a timer, replacing any timer with the same key. */
  schedule(timer: TimerRecord): void {
    this.store.putTimer(timer);
    this.arm(timer);
  }

  /** Removes a timer from the store and the clock; unknown keys are ignored. */
  cancel(key: string): void {
    this.store.deleteTimer(key);
    this.disarm(key);
  }

  /** Re-arms every persisted timer (service start). */
  restore(): void {
    for (const timer of this.store.listTimers()) this.arm(timer);
  }

  /** Disarms everything without touching the store (service close). */
  close(): void {
    for (const cancel of this.armed.values()) cancel();
    this.armed.clear();
  }

  private arm(timer: TimerRecord): void {
    this.disarm(timer.key);
    const cancel = this.clock.setTimer(timer.dueMs, () => {
      if (this.armed.get(timer.key) !== cancel) return;
      this.armed.delete(timer.key);
      // The engine deletes the stored record in the same transaction that applies the timer's effect.
      this.fire(timer);
    });
    this.armed.set(timer.key, cancel);
  }

  private disarm(key: string): void {
    const cancel = this.armed.get(key);
    if (cancel === undefined) return;
    cancel();
    this.armed.delete(key);
  }
}

export const timerKey = (arn: string, kind: TimerRecord["kind"], opId = ""): string =>
  `${arn}|${kind}|${opId}`;
