// 3-8 Child context with retry exhaustion: the inner step fails on both of its 2 attempts, failing the child.
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

const twoAttempts = createRetryStrategy({
  maxAttempts: 2,
  initialDelay: { seconds: 1 },
  jitter: JitterStrategy.NONE,
});

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.runInChildContext("exhausted_child", async (child) =>
    child.step(
      async (stepContext): Promise<string> => {
        throw new Error(`Always failing (attempt ${stepContext.attempt})`);
      },
      { retryStrategy: twoAttempts },
    ),
  );
});
