// 8-20 Parallel batch-result accessors: hasFailure, succeeded(), failed() and getErrors() after one failure.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel(
    "accessors",
    [
      async () => "b0",
      async (): Promise<string> => {
        throw new Error("branch 1 failed");
      },
      async () => "b2",
    ],
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
  );
  return {
    hasFailure: result.hasFailure,
    successCount: result.succeeded().length,
    failureCount: result.failed().length,
    errorCount: result.getErrors().length,
  };
});
