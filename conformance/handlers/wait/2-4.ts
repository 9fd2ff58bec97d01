// 2-4 Wait in minutes: a one-minute wait is checkpointed as 60 seconds.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  await context.wait({ minutes: 1 });
});
