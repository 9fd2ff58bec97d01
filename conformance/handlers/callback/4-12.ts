// 4-12 Callback result, then a 2 s wait, then return: three invocations replaying a callback and a wait.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const [result] = await context.createCallback(event);
  const value = await result;
  await context.wait({ seconds: 2 });
  return value;
});
