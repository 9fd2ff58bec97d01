// 5-13 Invoke inside a child context: the chained invoke's ParentId is the child context.
import { withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.runInChildContext(async (child) => child.invoke(invokeTargetName("echo")));
});
