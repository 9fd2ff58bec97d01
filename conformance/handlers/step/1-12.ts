// 1-12 Retry exhaustion: 4 attempts 1 s apart, all failing; the 4th failure is final and fails the execution.
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

const fourAttempts = createRetryStrategy({
  maxAttempts: 4,
  initialDelay: { seconds: 1 },
  backoffRate: 1,
  jitter: JitterStrategy.NONE,
});

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.step(
    async (stepContext) => {
      throw new Error(`Always failing (attempt ${stepContext.attempt})`);
    },
    { retryStrategy: fourAttempts },
  );
});
