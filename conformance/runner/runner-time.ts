/**
 * The runner's notion of time. With the virtual clock every wait goes through the service's `VirtualClock`
 * and the runner holds the clock while it works, so virtual time only jumps while every party waits; with
 * real time, waits are real timers and holding is a no-op.
 *
 * @example
 * const busy = new Busy(time);       // holds the clock
 * await busy.idle(() => time.sleep(2000)); // released while sleeping, held again afterwards
 * busy.release();
 */

/** The clock operations of the local service's `VirtualClock` that the runner drives. */
export interface DrivableClock {
  now(): number;
  hold(): () => void;
  sleep(ms: number): Promise<void>;
}

/** Time as the runner sees it. */
export interface RunnerTime {
  readonly kind: "virtual" | "real";
  now(): number;
  /** Waits `ms`; the caller must not hold the clock while waiting (see {@link Busy.idle}). */
  sleep(ms: number): Promise<void>;
  /** Marks the caller busy; virtual time cannot jump until the returned function is called. */
  hold(): () => void;
}

/** Real time: `Date.now()` and timers. */
export function realTime(): RunnerTime {
  return {
    kind: "real",
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
    hold: () => () => {},
  };
}

/** Virtual time driven through the service's clock. */
export function virtualTime(clock: DrivableClock): RunnerTime {
  return {
    kind: "virtual",
    now: () => clock.now(),
    sleep: (ms) => clock.sleep(Math.max(0, ms)),
    hold: () => clock.hold(),
  };
}

/** One worker's hold on the clock: held from construction, released only around waits. */
export class Busy {
  private releaseHold: (() => void) | undefined;
  private abandoned = false;

  constructor(private readonly time: RunnerTime) {
    this.releaseHold = time.hold();
  }

  /** Runs `wait` without holding the clock, then holds it again. */
  async idle<T>(wait: () => Promise<T>): Promise<T> {
    this.release();
    try {
      return await wait();
    } finally {
      if (!this.abandoned) this.releaseHold = this.time.hold();
    }
  }

  /** Waits `ms` of runner time without holding the clock. */
  sleep(ms: number): Promise<void> {
    return this.idle(() => this.time.sleep(ms));
  }

  release(): void {
    const release = this.releaseHold;
    this.releaseHold = undefined;
    release?.();
  }

  /** Releases for good: a run given up on (by the wall-clock guard) must never block virtual time again. */
  abandon(): void {
    this.abandoned = true;
    this.release();
  }
}
