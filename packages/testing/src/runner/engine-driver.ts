import type { DurableEngine, VirtualClock } from "@durable-lambda/local";

/** Why {@link EngineDriver.drive} returned. */
export type DriveOutcome =
  /** The condition holds. */
  | "met"
  /** The execution is closed. */
  | "closed"
  /** Nothing can happen any more without outside input (an unanswered callback), and the condition does not hold. */
  | "idle"
  /** Virtual time reached the given deadline. */
  | "deadline";

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Drives one execution through virtual time on behalf of a test. The driver holds the clock while the test works,
 * so nothing moves between the test's calls; `drive` lets time jump — one timer at a time, and only when the
 * engine is idle — until a condition holds. Because the driver decides every jump, a callback's timeout cannot fire
 * before the test had a chance to answer the callback.
 */
export class EngineDriver {
  private release: (() => void) | undefined;

  constructor(
    private readonly engine: DurableEngine,
    private readonly clock: VirtualClock,
  ) {
    this.release = clock.hold();
  }

  /** Virtual now, epoch milliseconds. */
  now(): number {
    return this.clock.now();
  }

  /**
   * Lets the engine run and time advance until `condition()` holds, the execution closes, nothing more can
   * happen, or virtual time reaches `deadlineMs`. `condition` is re-checked only when the execution's event count
   * changes, so polling costs O(1) per macrotask.
   */
  async drive(
    arn: string,
    condition: () => boolean,
    deadlineMs = Number.POSITIVE_INFINITY,
  ): Promise<DriveOutcome> {
    let seenEvents = -1;
    while (true) {
      // Someone besides us holds the clock: an invocation or a plain target is running. Checked first because it
      // is O(1), while reading the execution copies its record.
      if (this.clock.holdCount > 1) {
        await tick();
        continue;
      }
      const record = this.engine.getExecution(arn);
      if (record.eventCount !== seenEvents) {
        seenEvents = record.eventCount;
        if (condition()) return "met";
      }
      if (record.status !== "RUNNING") return condition() ? "met" : "closed";
      if (record.invocation !== "idle") {
        await tick();
        continue;
      }
      const nextDue = this.nextTimerDue();
      if (nextDue === undefined) return condition() ? "met" : "idle";
      if (nextDue <= this.clock.now()) {
        await tick(); // due timers fire on the next macrotask even while held
        continue;
      }
      if (nextDue > deadlineMs) {
        await this.jumpTo(deadlineMs);
        return "deadline";
      }
      await this.jumpTo(nextDue);
    }
  }

  /** Advances virtual time to `targetMs`, firing every timer due on the way and letting the engine react. */
  async advanceTo(arn: string, targetMs: number): Promise<void> {
    const outcome = await this.drive(arn, () => false, targetMs);
    if (outcome !== "deadline" && this.clock.now() < targetMs) await this.jumpTo(targetMs);
    await this.drive(arn, () => false, targetMs); // settle: whatever fired at the target has run
  }

  /** Releases the clock for good (when the runner closes). */
  dispose(): void {
    this.release?.();
    this.release = undefined;
  }

  private nextTimerDue(): number | undefined {
    let min: number | undefined;
    for (const timer of this.engine.store.listTimers())
      if (min === undefined || timer.dueMs < min) min = timer.dueMs;
    return min;
  }

  /**
   * One jump: release the clock for one macrotask. The clock's own step was queued first (FIFO), so it moves to
   * the earliest timer — never past `targetMs`, where a sleeper is parked — and fires it; we hold again before
   * its next step, so the engine's reaction (a due-now invocation) happens before any further jump.
   */
  private async jumpTo(targetMs: number): Promise<void> {
    void this.clock.sleep(Math.max(0, targetMs - this.clock.now()));
    this.release?.();
    await tick();
    this.release = this.clock.hold();
  }
}
