// Duration → whole seconds, with typed errors for bad input.
import { InvalidOperationConfigError } from "./errors.js";
import type { Duration } from "./types/core.js";

/** Longest wait the service accepts: 366 days. */
export const MAX_WAIT_SECONDS = 31_622_400;

const UNIT_SECONDS = { days: 86_400, hours: 3_600, minutes: 60, seconds: 1 } as const;

/**
 * Total seconds of a duration (may be fractional). Throws {@link InvalidOperationConfigError} for anything that
 * is not an object of finite, non-negative numbers with at least one unit.
 *
 * @example
 * durationToSeconds({ minutes: 1, seconds: 5 }); // 65
 */
export function durationToSeconds(duration: Duration, what = "duration"): number {
  if (typeof duration !== "object" || duration === null) {
    throw new InvalidOperationConfigError(
      `${what} must be an object like { seconds: 5 }, received ${describe(duration)}`,
    );
  }
  let total = 0;
  let units = 0;
  for (const [unit, factor] of Object.entries(UNIT_SECONDS)) {
    const value = (duration as Record<string, unknown>)[unit];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new InvalidOperationConfigError(
        `${what}.${unit} must be a finite number ≥ 0, received ${describe(value)}`,
      );
    }
    total += value * factor;
    units++;
  }
  if (units === 0) {
    throw new InvalidOperationConfigError(
      `${what} needs at least one of days, hours, minutes, seconds; received ${describe(duration)}`,
    );
  }
  return total;
}

/**
 * Whole seconds in `min..max`, as a wait or callback timeout needs. Fractions are rejected, not rounded.
 *
 * @example
 * wholeSeconds({ hours: 1 }, "wait duration", 1, MAX_WAIT_SECONDS); // 3600
 */
export function wholeSeconds(duration: Duration, what: string, min: number, max: number): number {
  const seconds = durationToSeconds(duration, what);
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new InvalidOperationConfigError(
      `${what} must be a whole number of seconds between ${min} and ${max}, received ${seconds} s`,
    );
  }
  return seconds;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
