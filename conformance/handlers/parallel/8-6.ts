// 8-6 Parallel fail-fast: with no failure tolerated, the failing second branch stops the operation before the
// third starts. The operation returns a batch result rather than throwing.
import { withDurableExecution } from "durable-lambda";
import { summarizeBatch } from "../_support/batch-summary.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel(
    "failfast",
    [
      async () => "ok",
      async (): Promise<string> => {
        throw new Error("branch 1 failed");
      },
      async () => "never started",
    ],
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 0 } },
  );
  return summarizeBatch(result);
});
