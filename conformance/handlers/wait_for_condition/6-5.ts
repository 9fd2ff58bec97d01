// 6-5 Wait-for-condition with a fixed 2 s delay (no backoff, no jitter) between polls.
import { createWaitStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (threshold: number, context) => {
  return context.waitForCondition(async (count: number) => count + 1, {
    initialState: 0,
    waitStrategy: createWaitStrategy<number>({
      shouldContinuePolling: (count) => count < threshold,
      initialDelay: { seconds: 2 },
      backoffRate: 1,
      jitter: JitterStrategy.NONE,
    }),
  });
});
