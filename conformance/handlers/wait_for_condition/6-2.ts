// 6-2 Wait-for-condition already satisfied: the first check leaves the state at 5 and polling stops at once.
import { withDurableExecution, type WaitForConditionDecision } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.waitForCondition(async (state: number) => state, {
    initialState: 5,
    waitStrategy: (state): WaitForConditionDecision =>
      state >= 5 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 1 } },
  });
});
