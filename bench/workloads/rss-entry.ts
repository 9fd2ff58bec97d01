// Peak memory of replaying N completed steps, in a plain Node process (no TypeScript loader): bundled by
// rss.ts with esbuild, it loads the SDK under test from BENCH_SDK_URL (our built bundle or the official one).
import { EXECUTION_ARN, lambdaContext } from "../lib/lambda-context.js";
import { completedStepsBackend, expectSucceeded, stepsHandler } from "../lib/steps-workload.js";

const n = Number(process.env["BENCH_N"]);
const { withDurableExecution } = (await import(process.env["BENCH_SDK_URL"]!)) as {
  withDurableExecution: (h: unknown, c: unknown) => (e: unknown, c: unknown) => Promise<unknown>;
};
const backend = await completedStepsBackend(n);
const handler = withDurableExecution(stepsHandler(n), { durableExecutionClient: backend });
const baselineMb = process.memoryUsage().rss / 2 ** 20;
expectSucceeded(await handler(backend.envelope(EXECUTION_ARN), lambdaContext()), "rss replay");
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`BENCH_RSS ${JSON.stringify({ peakMb, growthMb: peakMb - baselineMb })}\n`);
