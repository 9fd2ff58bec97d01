// 1-3 Sequential steps: the second step consumes the first step's result.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const first = await context.step(async () => "first");
  return context.step(async () => `${first}_second`);
});
