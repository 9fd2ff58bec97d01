// 4-13 Callback failure caught: the handler keeps the error message, waits 2 s and returns the message.
import { CallbackError, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const [result] = await context.createCallback(event);
  let message: string;
  try {
    message = `approved: ${await result}`;
  } catch (error) {
    if (!(error instanceof CallbackError)) throw error;
    message = `callback failed: ${error.message}`;
  }
  await context.wait({ seconds: 2 });
  return message;
});
