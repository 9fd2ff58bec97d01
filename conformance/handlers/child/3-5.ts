// 3-5 Child context error caught: the parent catches the failed child and runs a recovery step.
import { ChildContextError, retryPresets, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  try {
    await context.runInChildContext(async (child) =>
      child.step(
        async (): Promise<string> => {
          throw new Error("Inner step failed");
        },
        { retryStrategy: retryPresets.noRetry },
      ),
    );
  } catch (error) {
    if (!(error instanceof ChildContextError)) throw error;
  }
  return context.step(async () => event);
});
