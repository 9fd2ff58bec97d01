// 1-11 Step retry: the first attempt throws, the retry (1 s later, no jitter) succeeds.
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

const retryOnce = createRetryStrategy({
  maxAttempts: 2,
  initialDelay: { seconds: 1 },
  jitter: JitterStrategy.NONE,
});

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.step(
    async (stepContext) => {
      if (stepContext.attempt === 1) throw new Error("Transient failure on first attempt");
      return "Operation succeeded";
    },
    { retryStrategy: retryOnce },
  );
});
