// 4-2 Create callback with an explicit name: the callback is named "approval".
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const [approval] = await context.createCallback("approval");
  return approval;
});
