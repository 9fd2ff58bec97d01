// 7-5 Wait-for-callback timeout: nobody completes the callback within 3 s; the timeout fails the execution.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.waitForCallback(
    event,
    async (callbackId, submitter) => {
      submitter.logger.info(`Submitted callback ${callbackId}`);
    },
    { timeout: { seconds: 3 } },
  );
});
