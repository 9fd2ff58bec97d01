// 2-2 Wait with name: the wait's name appears on WaitStarted/WaitSucceeded.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  await context.wait("custom_wait_name", { seconds: 2 });
});
