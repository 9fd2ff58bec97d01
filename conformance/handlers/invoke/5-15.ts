// 5-15 Invoke with a custom payload serdes: the outgoing payload's string fields are upper-cased.
import { withDurableExecution, type Serdes } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

interface DataPayload {
  data: string;
}

const uppercasePayloadSerdes: Serdes<DataPayload> = {
  serialize: async (value) =>
    value === undefined ? undefined : JSON.stringify({ data: value.data.toUpperCase() }),
  deserialize: async (data) => (data === undefined ? undefined : (JSON.parse(data) as DataPayload)),
};

export const handler = withDurableExecution(async (event: DataPayload, context) => {
  return context.invoke<DataPayload, DataPayload>(invokeTargetName("echo"), event, {
    payloadSerdes: uppercasePayloadSerdes,
  });
});
