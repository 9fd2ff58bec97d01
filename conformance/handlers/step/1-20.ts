// 1-20 Error caught: user code catches the failed step's StepError and continues with a fallback value.
import { retryPresets, StepError, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  let value: string;
  try {
    value = await context.step(
      async (): Promise<string> => {
        throw new Error("Primary source unavailable");
      },
      { retryStrategy: retryPresets.noRetry },
    );
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    value = "fallback_result";
  }
  return context.step(async () => value);
});
