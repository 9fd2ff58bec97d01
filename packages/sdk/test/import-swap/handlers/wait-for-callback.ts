// waitForCallback: both overloads and every WaitForCallbackConfig field (timeout, heartbeatTimeout,
// retryStrategy, serdes); the submitter receives the callback id and a context with a logger.
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";

interface Signature {
  signedBy: string;
}

/** Deliveries per callback id, standing in for the archive service's own records (kept across invocations). */
const archiveDeliveries = new Map<string, number>();

export const handler = withDurableExecution(async (documentId: string, context) => {
  const signature = await context.waitForCallback<Signature>(
    "collect-signature",
    async (callbackId, submitter) => {
      submitter.logger.info("Sending document for signature", { documentId, callbackId });
    },
    {
      timeout: { days: 7 },
      heartbeatTimeout: { hours: 12 },
      serdes: {
        deserialize: async (data) => (data === undefined ? undefined : (JSON.parse(data) as Signature)),
      },
    },
  );
  const archiveAck = await context.waitForCallback(
    async (callbackId) => {
      const deliveries = (archiveDeliveries.get(callbackId) ?? 0) + 1;
      archiveDeliveries.set(callbackId, deliveries);
      if (deliveries === 1) throw new Error(`archive service unreachable for ${callbackId}`);
    },
    {
      retryStrategy: createRetryStrategy({
        maxAttempts: 3,
        initialDelay: { seconds: 1 },
        jitter: JitterStrategy.NONE,
      }),
    },
  );
  return { signature, archiveAck };
});
