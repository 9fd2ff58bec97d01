// 3-1 Child context basic: one step inside an unnamed child context; the child returns the step's result.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.runInChildContext(async (child) => child.step(async () => event));
});
