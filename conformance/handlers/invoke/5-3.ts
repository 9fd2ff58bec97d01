// 5-3 Invoke with a complex object: the echo target returns the nested input unchanged.
import { withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

interface Nested {
  nested: { key: string; items: number[] };
  source: string;
}

export const handler = withDurableExecution(async (event: Nested, context) => {
  return context.invoke<Nested, Nested>(invokeTargetName("echo"), event);
});
