// 8-11 Parallel with concurrency 2: completion order varies, results stay in branch order.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel(
    "concurrent",
    [async () => "r0", async () => "r1", async () => "r2"],
    {
      maxConcurrency: 2,
    },
  );
  return result.getResults();
});
