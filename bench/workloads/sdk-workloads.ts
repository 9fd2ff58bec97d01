// In-process SDK workloads: replay, execute, map under checkpoint latency, and peak memory of a replay.
// Each returns plain numbers; the orchestrator (run.ts) runs them in fresh processes and takes medians of runs
// made in steady state (lib/stats.ts).
import { MemoryBackend } from "../lib/memory-backend.js";
import { completedStepsBackend, expectSucceeded, stepsHandler } from "../lib/steps-workload.js";
import { EXECUTION_ARN, lambdaContext } from "../lib/lambda-context.js";
import { loadSdk, type SdkName } from "../lib/sdk.js";
import { median, STEADY_STATE, timeRuns } from "../lib/stats.js";

/** Median µs per completed operation replayed: one invocation over N SUCCEEDED steps, nothing to checkpoint. */
export async function replayPerOperation(
  sdk: SdkName,
  n: number,
  runs: number,
): Promise<Record<string, number>> {
  const { withDurableExecution } = await loadSdk(sdk);
  const backend = await completedStepsBackend(n);
  const handler = withDurableExecution(stepsHandler(n), { durableExecutionClient: backend });
  const event = backend.envelope(EXECUTION_ARN);
  const perSample = invocationsPerSample(n);
  const samples = await timeRuns(
    async () => {
      for (let i = 0; i < perSample; i++) expectSucceeded(await handler(event, lambdaContext()), "replay");
    },
    { ...STEADY_STATE, runs },
  );
  if (backend.checkpointCalls !== 0) throw new Error(`replay sent ${backend.checkpointCalls} checkpoints`);
  return { usPerOp: (median(samples) * 1000) / (n * perSample) };
}

/**
 * Per-operation figures are medians of samples of at least this many operations: a sample of one small invocation
 * (100 steps, ~0.3 ms) usually falls between two young-generation GCs, so a median of such samples left out the GC
 * work those invocations cause, while every sample of a 5000-step invocation includes its share. With samples of
 * equal size, both sizes pay for their garbage and per-operation costs compare across N.
 */
const OPERATIONS_PER_SAMPLE = 5000;

/** Invocations of `n` operations timed together as one sample. */
function invocationsPerSample(n: number): number {
  return Math.max(1, Math.ceil(OPERATIONS_PER_SAMPLE / n));
}

/** Median µs per new step executed and checkpointed (START + SUCCEED each) in a fresh execution of N steps. */
export async function executePerStep(sdk: SdkName, n: number, runs: number): Promise<Record<string, number>> {
  const samples = await timeFreshExecutions(
    sdk,
    stepsHandler(n),
    runs,
    (output, backend) => {
      expectSucceeded(output, "execute");
      if (backend.updatesReceived !== 2 * n)
        throw new Error(`expected ${2 * n} updates, got ${backend.updatesReceived}`);
    },
    invocationsPerSample(n),
  );
  return { usPerStep: (median(samples) * 1000) / n };
}

/** map over 100 items, maxConcurrency 10, one step per item, 10 ms latency per checkpoint call. */
export async function mapUnderLatency(sdk: SdkName, runs: number): Promise<Record<string, number>> {
  const { withDurableExecution } = await loadSdk(sdk);
  const walls: number[] = [];
  const calls: number[] = [];
  for (let r = 0; r < runs + 1; r++) {
    const backend = new MemoryBackend({ latencyMs: 10 });
    backend.seedExecution({});
    const items = Array.from({ length: 100 }, (_, i) => i);
    const handler = withDurableExecution(
      async (_event: unknown, ctx: any) => {
        const batch = await ctx.map(
          "fan-out",
          items,
          async (c: any, item: number) => c.step(`work-${item}`, async () => item * 2),
          { maxConcurrency: 10 },
        );
        return batch.getResults().length;
      },
      { durableExecutionClient: backend },
    );
    const start = performance.now();
    const output = await handler(backend.envelope(EXECUTION_ARN), lambdaContext());
    const wall = performance.now() - start;
    expectSucceeded(output, "map");
    if (r === 0) continue; // warm-up
    walls.push(wall);
    calls.push(backend.checkpointCalls);
  }
  return { wallMs: median(walls), checkpointCalls: median(calls) };
}

/**
 * Concurrency inside one invocation (nothing waits on the service): `map` of 500 items, maxConcurrency 50, each a
 * step that awaits a macrotask (as real I/O would) and a second step; or 500 such steps started at once in one
 * context and awaited with Promise.all. Median ms per invocation, in steady state.
 */
export async function concurrentSteps(
  sdk: SdkName,
  shape: "map" | "fan-out",
  runs: number,
): Promise<Record<string, number>> {
  const items = Array.from({ length: 500 }, (_, i) => i);
  const io = <T>(value: T) => new Promise<T>((resolve) => setImmediate(() => resolve(value)));
  const body =
    shape === "map"
      ? async (_event: unknown, ctx: any) => {
          const batch = await ctx.map(
            "items",
            items,
            async (c: any, item: number) => {
              const a = await c.step("a", async () => io(item));
              return c.step("b", async () => a + 1);
            },
            { maxConcurrency: 50 },
          );
          return batch.getResults().length;
        }
      : async (_event: unknown, ctx: any) =>
          (await Promise.all(items.map((i) => ctx.step(`s${i}`, async () => io(i))))).length;
  const samples = await timeFreshExecutions(sdk, body, runs, (output) => {
    expectSucceeded(output, shape);
    if (output.Result !== "500") throw new Error(`${shape}: expected 500 results, got ${output.Result}`);
  });
  return { ms: median(samples) };
}

/**
 * ms per execution of `body`, each a fresh execution on a fresh backend (set up outside the measurement), in steady
 * state; a sample is the mean of `perSample` such executions run one after another. `check` verifies each output.
 */
async function timeFreshExecutions(
  sdk: SdkName,
  body: (event: unknown, ctx: any) => Promise<unknown>,
  runs: number,
  check: (output: any, backend: MemoryBackend) => void,
  perSample = 1,
): Promise<number[]> {
  const { withDurableExecution } = await loadSdk(sdk);
  return timeRuns(
    async () => {
      let elapsed = 0;
      // Each execution is set up just before it runs: executions prepared for the whole sample at once would be
      // live, and copied by every young-generation GC, while the others run.
      for (let i = 0; i < perSample; i++) {
        // One invocation, nothing read back: the double need not keep finished records (memory-backend.ts).
        const backend = new MemoryBackend({ keepFinished: false });
        backend.seedExecution({});
        const handler = withDurableExecution(body, { durableExecutionClient: backend });
        const event = backend.envelope(EXECUTION_ARN);
        const start = performance.now();
        const output = await handler(event, lambdaContext());
        elapsed += performance.now() - start;
        check(output, backend);
      }
      return elapsed / perSample;
    },
    { ...STEADY_STATE, runs },
  );
}
