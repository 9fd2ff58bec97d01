// 1-19 Step fails permanently: no retry, so the first failure is final and fails the execution.
import { retryPresets, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.step(
    async () => {
      throw new Error("Step failed permanently");
    },
    { retryStrategy: retryPresets.noRetry },
  );
});
