// 7-13 Wait-for-callback with a 10 s heartbeat timeout: a heartbeat keeps it alive until the success arrives.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.waitForCallback(
    event,
    async (callbackId, submitter) => {
      submitter.logger.info(`Submitted callback ${callbackId}`);
    },
    { heartbeatTimeout: { seconds: 10 } },
  );
});
