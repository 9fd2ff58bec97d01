// 4-1 Create callback basic: a callback named after the input; the handler returns what the external system sent.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const [result] = await context.createCallback(event);
  return result;
});
