// Small statistics and formatting helpers for benchmark figures.

/** The median of a non-empty list of samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error("median of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How long a workload is repeated before and while it is measured. */
export interface TimingPlan {
  /** Measured runs at least (more while `minMeasureMs` has not elapsed). */
  runs: number;
  /** Unmeasured runs first, until this much time passed (at least `minWarmupRuns`, at most `maxWarmupRuns`)... */
  warmupMs: number;
  minWarmupRuns: number;
  maxWarmupRuns: number;
  /** ...then measured runs until at least this much time passed (at most 1000 runs). */
  minMeasureMs: number;
}

/**
 * Both SDKs are measured in steady state: a run of a few hundred µs is repeated until the JIT has compiled the
 * hot paths of either SDK (a fixed count of warm-up runs left short workloads half-interpreted, which measured
 * V8's tiers rather than the SDKs), then sampled long enough for a stable median.
 */
export const STEADY_STATE: TimingPlan = {
  runs: 15,
  warmupMs: 1500,
  minWarmupRuns: 2,
  maxWarmupRuns: 2000,
  minMeasureMs: 750,
};

/** Runs `fn` per `plan` and returns each measured run's wall time in ms. `fn` may time itself (return ms). */
export async function timeRuns(fn: () => Promise<number | void>, plan: TimingPlan): Promise<number[]> {
  const warmupEnd = performance.now() + plan.warmupMs;
  for (let i = 0; i < plan.maxWarmupRuns && (i < plan.minWarmupRuns || performance.now() < warmupEnd); i++)
    await fn();
  const samples: number[] = [];
  const measureEnd = performance.now() + plan.minMeasureMs;
  while (samples.length < plan.runs || (performance.now() < measureEnd && samples.length < 1000)) {
    const start = performance.now();
    const timed = await fn();
    samples.push(typeof timed === "number" ? timed : performance.now() - start);
  }
  return samples;
}

/** Formats a number with a sensible count of significant digits for a table cell. */
export function formatValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}
