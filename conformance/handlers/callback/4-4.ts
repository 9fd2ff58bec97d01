// 4-4 Callback heartbeat timeout: a 5 s heartbeat timeout with no heartbeat; the service times the callback out.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const [result] = await context.createCallback(event, { heartbeatTimeout: { seconds: 5 } });
  return result;
});
