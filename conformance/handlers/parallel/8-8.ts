// 8-8 Parallel min-successful: once 2 branches succeeded the operation completes without starting the rest.
import { withDurableExecution } from "durable-lambda";
import { summarizeBatch } from "../_support/batch-summary.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel(
    "min-successful",
    [async () => "b0", async () => "b1", async () => "b2", async () => "b3"],
    { maxConcurrency: 1, completionConfig: { minSuccessful: 2 } },
  );
  const { completionReason, successCount, totalCount } = summarizeBatch(result);
  return { completionReason, successCount, totalCount };
});
