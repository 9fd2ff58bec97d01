// 8-9 Parallel tolerating one failure: all three branches run; the batch status is FAILED all the same.
import { withDurableExecution } from "durable-lambda";
import { summarizeBatch } from "../_support/batch-summary.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel(
    "tolerated",
    [
      async () => "b0",
      async (): Promise<string> => {
        throw new Error("branch 1 failed");
      },
      async () => "b2",
    ],
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
  );
  return summarizeBatch(result);
});
