// 7-10 Wait, step and wait-for-callback interleaved: a 1 s wait, a top-level step, then the callback.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  await context.wait({ seconds: 1 });
  const request = await context.step(async () => ({ requestType: "approval", priority: "high" }));
  return context.waitForCallback(event, async (callbackId, submitter) => {
    submitter.logger.info(`Submitted ${request.requestType} request with callback ${callbackId}`);
  });
});
