// 1-7 Step context logger: the step logs its start and completion through the step's own logger.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.step(async (stepContext) => {
    stepContext.logger.info(`Greeting step started for: ${event}`);
    const greeting = `Hello, ${event}!`;
    stepContext.logger.info(`Greeting step completed with: ${greeting}`);
    return greeting;
  });
});
