// 10-17 A faulty plugin never blocks a healthy one: both are registered (faulty first); every hook of the
// faulty one throws, and the healthy one still sees each lifecycle boundary exactly once.
import { withDurableExecution } from "durable-lambda";
import { createFaultyPlugin } from "../_support/faulty-plugin.js";
import { createLifecyclePlugin } from "../_support/lifecycle-plugin.js";

const healthyPlugin = createLifecyclePlugin("CONFPLUGIN-HEALTHY", {
  invocation: true,
  operation: true,
  attempt: true,
});

export const handler = withDurableExecution(
  async (event: string, context) => context.step(async () => `Hello, ${event}!`),
  { plugins: [createFaultyPlugin(), healthyPlugin] },
);
