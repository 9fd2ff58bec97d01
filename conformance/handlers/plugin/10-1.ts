// 10-1 Plugin invocation hooks: invocation-start (first=true) before the handler, invocation-end (SUCCEEDED)
// after the result is final, around a single greeting step.
import { withDurableExecution } from "durable-lambda";
import { createLifecyclePlugin } from "../_support/lifecycle-plugin.js";

export const handler = withDurableExecution(
  async (event: string, context) =>
    context.step(async (stepContext) => {
      stepContext.logger.info(`Greeting step running for: ${event}`);
      return `Hello, ${event}!`;
    }),
  { plugins: [createLifecyclePlugin("CONFPLUGIN", { invocation: true })] },
);
