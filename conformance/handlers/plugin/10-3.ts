// 10-3 Plugin attempt hooks: attempt-start/attempt-end per step attempt, with attempt number and outcome; the
// first attempt fails and the retry 1 s later succeeds.
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "durable-lambda";
import { createLifecyclePlugin } from "../_support/lifecycle-plugin.js";

const retryOnce = createRetryStrategy({
  maxAttempts: 2,
  initialDelay: { seconds: 1 },
  jitter: JitterStrategy.NONE,
});

export const handler = withDurableExecution(
  async (_event: unknown, context) =>
    context.step(
      async (stepContext) => {
        if (stepContext.attempt === 1) throw new Error("Transient failure on first attempt");
        return "Operation succeeded";
      },
      { retryStrategy: retryOnce },
    ),
  { plugins: [createLifecyclePlugin("CONFPLUGIN", { attempt: true })] },
);
