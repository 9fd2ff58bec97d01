// 5-1 Invoke basic: the echo target returns the input, which the handler returns.
// The input is a string, so the named overload is used: invoke(target, "text") would read "text" as the
// function id.
import { withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.invoke<string, string>("echo", invokeTargetName("echo"), event);
});
