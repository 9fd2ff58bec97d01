// 10-2 Plugin operation hooks: one operation-start and one terminal operation-end for the step, with its id.
import { withDurableExecution } from "durable-lambda";
import { createLifecyclePlugin } from "../_support/lifecycle-plugin.js";

export const handler = withDurableExecution(
  async (event: string, context) => context.step(async () => `Hello, ${event}!`),
  { plugins: [createLifecyclePlugin("CONFPLUGIN", { operation: true })] },
);
