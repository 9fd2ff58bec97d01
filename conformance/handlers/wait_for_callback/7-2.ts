// 7-2 Wait-for-callback with a static name: the operation is named "approval".
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.waitForCallback("approval", async (callbackId, submitter) => {
    submitter.logger.info(`Approval requested with callback ${callbackId}`);
  });
});
