// 4-5 Heartbeat keeps a callback alive: a 10 s heartbeat timeout, a heartbeat, then a success.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const [result] = await context.createCallback(event, { heartbeatTimeout: { seconds: 10 } });
  return result;
});
