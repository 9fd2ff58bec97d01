// 8-16 Parallel where every branch fails within tolerance: all run, reason ALL_COMPLETED, status FAILED.
import { withDurableExecution } from "durable-lambda";
import { summarizeBatch } from "../_support/batch-summary.js";

function failingBranch(index: number): () => Promise<string> {
  return async () => {
    throw new Error(`branch ${index} failed`);
  };
}

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel("all-fail", [failingBranch(0), failingBranch(1), failingBranch(2)], {
    maxConcurrency: 1,
    completionConfig: { toleratedFailureCount: 3 },
  });
  return summarizeBatch(result);
});
