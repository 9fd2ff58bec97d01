// 5-6 Invoke target fails, caught: the handler catches the InvokeError and returns a fallback value.
import { InvokeError, withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  try {
    return await context.invoke(invokeTargetName("failing"));
  } catch (error) {
    if (!(error instanceof InvokeError)) throw error;
    return { fallback: true, reason: error.message };
  }
});
