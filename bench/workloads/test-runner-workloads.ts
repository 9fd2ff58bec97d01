// Test-runner workloads: the official LocalDurableTestRunner (time skipping on) against our DurableTestRunner
// (virtual time on the local engine), on the same handlers.
import type { SdkName } from "../lib/sdk.js";
import { loadSdk } from "../lib/sdk.js";
import { median, timeRuns, type TimingPlan } from "../lib/stats.js";

export type RunnerWorkload = "trivial" | "steps-1000" | "wait-and-map";

function handlerFor(workload: RunnerWorkload) {
  switch (workload) {
    case "trivial":
      return async () => 1;
    case "steps-1000":
      return async (_e: unknown, ctx: any) => {
        let sum = 0;
        for (let i = 0; i < 1000; i++) sum += await ctx.step(`s${i}`, async () => i);
        return sum;
      };
    case "wait-and-map":
      return async (_e: unknown, ctx: any) => {
        await ctx.wait("pause", { seconds: 30 });
        const batch = await ctx.map(
          "ten",
          Array.from({ length: 10 }, (_, i) => i),
          async (c: any, item: number) => c.step(`item-${item}`, async () => item + 1),
        );
        return batch.getResults().reduce((a: number, b: number) => a + b, 0);
      };
  }
}

const EXPECTED: Record<RunnerWorkload, number> = { trivial: 1, "steps-1000": 499500, "wait-and-map": 55 };

/**
 * Median wall time (ms) of one complete test run of `workload`, after warm-up runs (a run of the official runner
 * over 1000 steps takes ~20 s, so warm-up is bounded by time with at least one run).
 */
export async function testRunnerWall(
  sdk: SdkName,
  workload: RunnerWorkload,
  runs: number,
): Promise<Record<string, number>> {
  const plan: TimingPlan = { runs, warmupMs: 1000, minWarmupRuns: 1, maxWarmupRuns: 500, minMeasureMs: 0 };
  const check = (result: unknown) => {
    if (result !== EXPECTED[workload])
      throw new Error(`${workload}: expected ${EXPECTED[workload]}, got ${String(result)}`);
  };
  let samples: number[];
  if (sdk === "official") {
    const { withDurableExecution } = await loadSdk("official");
    const { LocalDurableTestRunner } = await import("@aws/durable-execution-sdk-js-testing");
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
    try {
      samples = await timeRuns(async () => {
        const runner = new LocalDurableTestRunner({
          handlerFunction: withDurableExecution(handlerFor(workload)),
        });
        const start = performance.now();
        const execution = await runner.run({ payload: {} });
        const wall = performance.now() - start;
        check(execution.getResult());
        return wall;
      }, plan);
    } finally {
      await LocalDurableTestRunner.teardownTestEnvironment();
    }
  } else {
    const { DurableTestRunner } = await import("@durable-lambda/testing");
    samples = await timeRuns(async () => {
      const runner = new DurableTestRunner({ handler: handlerFor(workload) });
      const start = performance.now();
      const run = await runner.run({ payload: {} });
      const wall = performance.now() - start;
      await runner.close();
      check(run.result);
      return wall;
    }, plan);
  }
  return { wallMs: median(samples) };
}
