// 5-5 Invoke target fails: the always-failing target throws; the InvokeError fails the execution.
import { withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.invoke(invokeTargetName("failing"));
});
