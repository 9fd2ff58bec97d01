// withRetry: both overloads and every WithRetryConfig field (retryStrategy, wrapWithRunInChildContext,
// childContextConfig); each attempt gets its own durable context and the attempt number.
import { createRetryStrategy, JitterStrategy, withDurableExecution, withRetry } from "durable-lambda";

const threeTries = createRetryStrategy({
  maxAttempts: 3,
  initialDelay: { seconds: 1 },
  jitter: JitterStrategy.NONE,
});

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const booked = await withRetry(
    context,
    "book-slot",
    async (attemptContext, attempt) => {
      const slot = await attemptContext.step(`try-slot-${attempt}`, async () =>
        attempt < 2 ? "taken" : "free",
      );
      if (slot === "taken") throw new Error(`slot taken on attempt ${attempt}`);
      return `booked on attempt ${attempt}`;
    },
    { retryStrategy: threeTries, childContextConfig: { subType: "BookingAttempt" } },
  );
  const confirmed = await withRetry(context, async (_attemptContext, attempt) => `confirmed #${attempt}`, {
    retryStrategy: threeTries,
    wrapWithRunInChildContext: false,
  });
  return { booked, confirmed };
});
