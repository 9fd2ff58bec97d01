// 3-3 Child context with sequential steps: the second step passes on the first step's result.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.runInChildContext("sequential_steps", async (child) => {
    const first = await child.step(async () => event);
    return child.step(async () => first);
  });
});
