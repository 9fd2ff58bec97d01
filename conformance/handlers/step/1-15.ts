// 1-15 Retry a specific exception: only TransientError is retried (1 s later); anything else fails at once.
import { withDurableExecution, type RetryDecision } from "durable-lambda";

class TransientError extends Error {
  constructor(message: string) {
    super(message);
    // The wire ErrorType is error.name, so a custom class must set it.
    this.name = "TransientError";
  }
}

function retryOnTransient(error: Error, attempt: number): RetryDecision {
  if (error instanceof TransientError && attempt < 3) return { shouldRetry: true, delay: { seconds: 1 } };
  return { shouldRetry: false };
}

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.step(
    async (stepContext) => {
      if (stepContext.attempt === 1) throw new TransientError("Temporary outage, try again");
      return "recovered";
    },
    { retryStrategy: retryOnTransient },
  );
});
