// 5-9 Invoke replay: after the following 1 s wait the invoke result comes from the checkpoint, not a new call.
import { withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.invoke(invokeTargetName("echo"));
  await context.wait({ seconds: 1 });
  return result;
});
