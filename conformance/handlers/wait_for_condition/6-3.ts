// 6-3 Wait-for-condition with a name: "poll-status" appears on every poll's events.
import { createWaitStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.waitForCondition("poll-status", async (count: number) => count + 1, {
    initialState: 0,
    waitStrategy: createWaitStrategy<number>({
      shouldContinuePolling: (count) => count < 2,
      initialDelay: { seconds: 1 },
      jitter: JitterStrategy.NONE,
    }),
  });
});
