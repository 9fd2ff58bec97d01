// 3-13 Child context with only a wait, then an outer step: the child completes on replay after the wait.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const fromChild = await context.runInChildContext("waiting_child", async (child) => {
    await child.wait({ seconds: 2 });
    return event;
  });
  return context.step(async () => fromChild);
});
