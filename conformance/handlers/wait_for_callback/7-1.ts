// 7-1 Wait-for-callback basic: the submitter receives the callback id; the external system's payload is returned.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.waitForCallback(event, async (callbackId, submitter) => {
    submitter.logger.info(`Waiting for an external system to complete callback ${callbackId}`);
  });
});
