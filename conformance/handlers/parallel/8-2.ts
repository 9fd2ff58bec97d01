// 8-2 Parallel without a name: branches return constants directly, without inner steps.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel([async () => "alpha", async () => "beta"], { maxConcurrency: 1 });
  return result.getResults();
});
