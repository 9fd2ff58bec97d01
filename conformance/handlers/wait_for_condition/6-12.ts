// 6-12 Wait-for-condition feeding a step: the final counter (the input threshold) is multiplied by 10 in a step.
import { createWaitStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (threshold: number, context) => {
  const count = await context.waitForCondition(async (state: number) => state + 1, {
    initialState: 0,
    waitStrategy: createWaitStrategy<number>({
      shouldContinuePolling: (state) => state < threshold,
      initialDelay: { seconds: 1 },
      jitter: JitterStrategy.NONE,
    }),
  });
  return context.step(async () => count * 10);
});
