// 3-7 Child context with step retry: the inner step fails once, is retried 1 s later and succeeds.
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

const retryOnce = createRetryStrategy({
  maxAttempts: 2,
  initialDelay: { seconds: 1 },
  jitter: JitterStrategy.NONE,
});

export const handler = withDurableExecution(async (event: string, context) => {
  return context.runInChildContext("retrying_child", async (child) =>
    child.step(
      async (stepContext) => {
        if (stepContext.attempt === 1) throw new Error("Transient failure on first attempt");
        return event;
      },
      { retryStrategy: retryOnce },
    ),
  );
});
