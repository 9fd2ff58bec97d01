// 10-13 Plugin replay flags: step A completes (never re-started on replay); step B fails once and is observed
// again with replay=true when its retry runs. Each step ends exactly once.
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";
import { createLifecyclePlugin } from "../_support/lifecycle-plugin.js";

const retryOnce = createRetryStrategy({
  maxAttempts: 2,
  initialDelay: { seconds: 1 },
  jitter: JitterStrategy.NONE,
});

export const handler = withDurableExecution(
  async (_event: unknown, context) => {
    await context.step(async () => "step A done");
    return context.step(
      async (stepContext) => {
        if (stepContext.attempt === 1) throw new Error("Transient failure on first attempt");
        return "Operation succeeded";
      },
      { retryStrategy: retryOnce },
    );
  },
  { plugins: [createLifecyclePlugin("CONFPLUGIN", { operation: true })] },
);
