// 5-2 Invoke with name: the invoke is named after the input's `name` field.
import { withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

interface NamedPayload {
  name: string;
  payload: string;
}

export const handler = withDurableExecution(async (event: NamedPayload, context) => {
  return context.invoke<string, string>(event.name, invokeTargetName("echo"), event.payload);
});
