// 4-7 Callback, then a step, then the callback result: the rejection surfaces only when the result is awaited.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const [result, callbackId] = await context.createCallback(event);
  await context.step(async () => ({ notified: callbackId }));
  return result;
});
