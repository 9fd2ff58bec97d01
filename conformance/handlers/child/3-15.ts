// 3-15 Child context throws directly: no durable operation inside; ContextFailed fails the execution.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.runInChildContext("throwing_child", async (): Promise<string> => {
    throw new Error("Child body failed before any operation");
  });
});
