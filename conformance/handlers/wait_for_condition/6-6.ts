// 6-6 Wait-for-condition exhausts its attempts: the condition is never met and the strategy allows 3 checks;
// the third raises a max-attempts error, which fails the operation and (uncaught) the execution.
import { createWaitStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (start: number, context) => {
  return context.waitForCondition(async (count: number) => count + 1, {
    initialState: start,
    waitStrategy: createWaitStrategy<number>({
      shouldContinuePolling: () => true,
      maxAttempts: 3,
      initialDelay: { seconds: 1 },
      backoffRate: 1,
      jitter: JitterStrategy.NONE,
    }),
  });
});
