// 1-5 Null result: a step that produces nothing checkpoints null and the execution returns null.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.step(async () => null);
});
