// 1-1 Step basic: one unnamed step greets the input and succeeds on its first attempt.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.step(async () => `Hello, ${event}!`);
});
