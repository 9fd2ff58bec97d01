// 5-14 Sequential invokes: two targets, each invoke suspending and resuming the execution.
import { withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const first = await context.invoke(invokeTargetName("echo"));
  const second = await context.invoke(invokeTargetName("second"));
  return { first, second };
});
