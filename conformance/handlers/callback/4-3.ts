// 4-3 Callback timeout: a 5 s overall timeout with nobody answering; the CallbackTimeoutError fails the execution.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const [result] = await context.createCallback(event, { timeout: { seconds: 5 } });
  return result;
});
