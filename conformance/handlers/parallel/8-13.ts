// 8-13 Parallel tolerated failure percentage (25 % of 4): the second failure (50 %) stops the operation.
import { withDurableExecution } from "durable-lambda";
import { summarizeBatch } from "../_support/batch-summary.js";

function failingBranch(index: number): () => Promise<string> {
  return async () => {
    throw new Error(`branch ${index} failed`);
  };
}

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel(
    "tolerated-pct",
    [failingBranch(0), failingBranch(1), async () => "b2", async () => "b3"],
    { maxConcurrency: 1, completionConfig: { toleratedFailurePercentage: 25 } },
  );
  const { completionReason, successCount, failureCount, totalCount } = summarizeBatch(result);
  return { completionReason, successCount, failureCount, totalCount };
});
