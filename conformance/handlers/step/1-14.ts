// 1-14 Custom retry config: 2 s initial delay with 3x backoff and no jitter gives retry delays 2 s then 6 s;
// the step fails twice and succeeds on attempt 3. The attempt number comes from the step context (the SDK
// tracks it across invocations), so no external store is needed.
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

const backoff = createRetryStrategy({
  maxAttempts: 5,
  initialDelay: { seconds: 2 },
  backoffRate: 3,
  jitter: JitterStrategy.NONE,
});

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.step(
    async (stepContext) => {
      if (stepContext.attempt <= 2) throw new Error(`Failure on attempt ${stepContext.attempt}`);
      return { succeededOnAttempt: stepContext.attempt };
    },
    { retryStrategy: backoff },
  );
});
