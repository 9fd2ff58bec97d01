// 6-7 Wait-for-condition check throws: check errors are not retried, so the operation and the execution fail.
import { createWaitStrategy, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.waitForCondition(
    async (): Promise<number> => {
      throw new Error("Status endpoint unreachable");
    },
    {
      initialState: 0,
      waitStrategy: createWaitStrategy<number>({ shouldContinuePolling: (state) => state < 1 }),
    },
  );
});
