// 7-11 Wait-for-callback with a JSON deserializer: the payload {"status": "approved"} is parsed and its status
// returned (the default deserializer would hand back the raw string).
import { withDurableExecution, type Serdes } from "durable-lambda";

interface ApprovalDecision {
  status: string;
}

const jsonDeserializer: Omit<Serdes<ApprovalDecision>, "serialize"> = {
  deserialize: async (data) => (data === undefined ? undefined : (JSON.parse(data) as ApprovalDecision)),
};

export const handler = withDurableExecution(async (event: string, context) => {
  const decision = await context.waitForCallback<ApprovalDecision>(
    event,
    async (callbackId, submitter) => {
      submitter.logger.info(`Submitted callback ${callbackId}`);
    },
    { serdes: jsonDeserializer },
  );
  return decision.status;
});
