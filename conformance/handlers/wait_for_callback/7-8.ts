// 7-8 Wait-for-callback inside a child context named "wrapper".
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.runInChildContext("wrapper", async (child) =>
    child.waitForCallback(event, async (callbackId, submitter) => {
      submitter.logger.info(`Submitted callback ${callbackId}`);
    }),
  );
});
