// createCallback: both overloads, CreateCallbackConfig (timeout, heartbeatTimeout, serdes), the
// [promise, callbackId] result, and the callback error classes.
import {
  CallbackError,
  CallbackTimeoutError,
  DurablePromise,
  withDurableExecution,
  type Serdes,
} from "durable-lambda";

interface Approval {
  approved: boolean;
  approver: string;
}

const approvalDeserializer: Omit<Serdes<Approval>, "serialize"> = {
  deserialize: async (data) => (data === undefined ? undefined : (JSON.parse(data) as Approval)),
};

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const [approval, approvalCallbackId] = await context.createCallback<Approval>("manager-approval", {
    timeout: { hours: 24 },
    heartbeatTimeout: { minutes: 30 },
    serdes: approvalDeserializer,
  });
  const [receipt, receiptCallbackId] = await context.createCallback({ timeout: { minutes: 5 } });
  await context.step("notify-approvers", async () => ({ approvalCallbackId, receiptCallbackId }));
  const decision = await approval;
  const receiptText = await receipt;
  const isDurablePromise = receipt instanceof DurablePromise;

  const [slow] = await context.createCallback("courier-pickup", { timeout: { seconds: 30 } });
  let pickup: string;
  try {
    pickup = await slow;
  } catch (error) {
    if (!(error instanceof CallbackError)) throw error;
    pickup = error instanceof CallbackTimeoutError ? "timed out" : `failed: ${error.message}`;
  }

  const [rejected] = await context.createCallback("legal-review");
  let review: string;
  try {
    review = await rejected;
  } catch (error) {
    if (!(error instanceof CallbackError)) throw error;
    review = `rejected (${error.errorType}): ${error.message}`;
  }
  return { decision, receiptText, isDurablePromise, pickup, review };
});
