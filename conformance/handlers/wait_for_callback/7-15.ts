// 7-15 Wait-for-callback completed without a payload: the operation's result is empty and returned as such.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const result = await context.waitForCallback(event, async (callbackId, submitter) => {
    submitter.logger.info(`Submitted callback ${callbackId}`);
  });
  return result ?? null;
});
