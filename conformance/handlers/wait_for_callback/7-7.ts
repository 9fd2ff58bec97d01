// 7-7 Wait-for-callback submitter keeps failing: 2 attempts 1 s apart, then the operation fails (uncaught).
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.waitForCallback(
    event,
    async (callbackId) => {
      throw new Error(`Could not deliver callback ${callbackId} to the approval system`);
    },
    {
      retryStrategy: createRetryStrategy({
        maxAttempts: 2,
        initialDelay: { seconds: 1 },
        jitter: JitterStrategy.NONE,
      }),
    },
  );
});
