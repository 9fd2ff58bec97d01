// 7-4 Wait-for-callback rejected, not caught: the callback failure fails the operation and the execution.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.waitForCallback(event, async (callbackId, submitter) => {
    submitter.logger.info(`Submitted callback ${callbackId}`);
  });
});
