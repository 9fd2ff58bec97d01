// 4-6 Callback failure not caught: the external system rejects the callback and the execution fails.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const [result] = await context.createCallback(event);
  return result;
});
