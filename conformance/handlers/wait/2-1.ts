// 2-1 Wait basic: an unnamed 2 s wait suspends the execution, which then succeeds.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  await context.wait({ seconds: 2 });
});
