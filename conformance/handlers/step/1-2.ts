// 1-2 Step with name: the step's explicit name appears on StepStarted/StepSucceeded.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.step("custom_step_name", async () => `Hello, ${event}!`);
});
