// 4-9 Callback, then a 5 s wait, then the callback result: the callback resolves while the wait is pending.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const [result] = await context.createCallback(event);
  await context.wait({ seconds: 5 });
  return result;
});
