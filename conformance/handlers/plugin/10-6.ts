// 10-6 Plugin first-invocation flag: true on the invocation that starts the 2 s wait, false on the replay.
import { withDurableExecution } from "durable-lambda";
import { createLifecyclePlugin } from "../_support/lifecycle-plugin.js";

export const handler = withDurableExecution(
  async (_event: unknown, context) => {
    await context.wait({ seconds: 2 });
  },
  { plugins: [createLifecyclePlugin("CONFPLUGIN", { invocation: true })] },
);
