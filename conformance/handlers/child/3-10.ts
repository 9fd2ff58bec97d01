// 3-10 Child context with step and wait: mixed operation types inside one child context.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.runInChildContext("step_then_wait", async (child) => {
    const value = await child.step(async () => event);
    await child.wait({ seconds: 2 });
    return value;
  });
});
