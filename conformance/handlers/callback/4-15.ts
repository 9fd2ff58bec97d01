// 4-15 Custom callback deserializer: the JSON payload becomes a typed object whose ISO timestamp is a Date; the
// handler reports the timestamp in epoch seconds.
import { withDurableExecution, type Serdes } from "durable-lambda";

interface Approval {
  id: string;
  message: string;
  timestamp: Date;
}

/** Thrown when a callback payload is not the expected approval record. */
class InvalidApprovalPayloadError extends Error {
  constructor(received: string | undefined) {
    super(`Expected a JSON object {id, message, timestamp}, received: ${String(received)}`);
    this.name = "InvalidApprovalPayloadError";
  }
}

const approvalDeserializer: Omit<Serdes<Approval>, "serialize"> = {
  deserialize: async (data) => {
    if (data === undefined) return undefined;
    const raw: unknown = JSON.parse(data);
    if (typeof raw !== "object" || raw === null) throw new InvalidApprovalPayloadError(data);
    const { id, message, timestamp } = raw as Record<string, unknown>;
    if (typeof id !== "string" || typeof message !== "string" || typeof timestamp !== "string") {
      throw new InvalidApprovalPayloadError(data);
    }
    return { id, message, timestamp: new Date(timestamp) };
  },
};

export const handler = withDurableExecution(async (event: string, context) => {
  const [result] = await context.createCallback(event, { serdes: approvalDeserializer });
  const approval = await result;
  return {
    received: {
      id: approval.id,
      message: approval.message,
      timestamp: Math.floor(approval.timestamp.getTime() / 1000),
    },
  };
});
