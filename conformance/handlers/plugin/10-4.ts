// 10-4 Plugin exceptions are swallowed: every hook of the only plugin logs and throws; the execution is unaffected.
import { withDurableExecution } from "durable-lambda";
import { createFaultyPlugin } from "../_support/faulty-plugin.js";

export const handler = withDurableExecution(
  async (event: string, context) => context.step(async () => `Hello, ${event}!`),
  { plugins: [createFaultyPlugin()] },
);
