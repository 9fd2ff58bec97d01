// 3-4 Child context error: the inner step fails without retry; the ChildContextError fails the execution.
import { retryPresets, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.runInChildContext("failing_child", async (child) =>
    child.step(
      async (): Promise<string> => {
        throw new Error("Inner step failed");
      },
      { retryStrategy: retryPresets.noRetry },
    ),
  );
});
