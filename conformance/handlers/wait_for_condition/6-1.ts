// 6-1 Wait-for-condition basic: a counter from 0, incremented per check, polled until it reaches the input.
import { createWaitStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (threshold: number, context) => {
  return context.waitForCondition(async (count: number) => count + 1, {
    initialState: 0,
    waitStrategy: createWaitStrategy<number>({
      shouldContinuePolling: (count) => count < threshold,
      initialDelay: { seconds: 1 },
      jitter: JitterStrategy.NONE,
    }),
  });
});
