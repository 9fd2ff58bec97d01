// Retry policies: the three presets, a linear strategy, a hand-written RetryDecision function, and how a
// final failure surfaces (StepError, a DurableOperationError).
import {
  createLinearRetryStrategy,
  DurableOperationError,
  JitterStrategy,
  retryPresets,
  StepError,
  withDurableExecution,
  type RetryDecision,
} from "durable-lambda";

class TransientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TransientError";
  }
}

class PaymentDeclinedError extends Error {
  constructor() {
    super("card declined");
    this.name = "PaymentDeclinedError";
  }
}

function retryTransientTwice(error: Error, attemptsMade: number): RetryDecision {
  if (error instanceof TransientError && attemptsMade < 3)
    return { shouldRetry: true, delay: { seconds: 3 } };
  return { shouldRetry: false };
}

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const viaDefault = await context.step(
    "default-preset",
    async (step) => {
      if (step.attempt < 2) throw new Error("flaky dependency");
      return step.attempt;
    },
    { retryStrategy: retryPresets.default },
  );
  const viaLinear = await context.step(
    "linear",
    async (step) => {
      if (step.attempt < 3) throw new Error("still warming up");
      return step.attempt;
    },
    {
      retryStrategy: createLinearRetryStrategy({
        maxAttempts: 4,
        initialDelay: { seconds: 1 },
        increment: { seconds: 2 },
        jitter: JitterStrategy.NONE,
      }),
    },
  );
  const viaCustom = await context.step(
    "custom",
    async (step) => {
      if (step.attempt === 1) throw new TransientError("timeout talking to the bank");
      return step.attempt;
    },
    { retryStrategy: retryTransientTwice },
  );
  let declined: { message: string; errorType: string; isDurableError: boolean } | undefined;
  try {
    await context.step(
      "charge-card",
      async (): Promise<string> => {
        throw new PaymentDeclinedError();
      },
      { retryStrategy: retryPresets.noRetry },
    );
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    declined = {
      message: error.message,
      errorType: error.errorType,
      isDurableError: error instanceof DurableOperationError,
    };
  }
  return { viaDefault, viaLinear, viaCustom, declined };
});
