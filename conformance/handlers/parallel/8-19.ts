// 8-19 Parallel with max concurrency 0: rejected as invalid before anything is checkpointed; uncaught.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel("bad-concurrency", [async () => "b0", async () => "b1"], {
    maxConcurrency: 0,
  });
  return result.getResults();
});
