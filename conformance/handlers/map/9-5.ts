// 9-5 Map fail-fast: with no failure tolerated, the failing second item stops the map before the third starts.
import { withDurableExecution } from "durable-lambda";
import { summarizeBatch } from "../_support/batch-summary.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "failfast",
    ["i0", "i1", "i2"],
    async (_iteration, item: string, index) => {
      if (index === 1) throw new Error(`item ${item} failed`);
      return "ok";
    },
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 0 } },
  );
  return summarizeBatch(result);
});
