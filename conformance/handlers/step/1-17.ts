// 1-17 At-most-once step interrupted: the step logs its input and crashes the process. At-most-once START is
// checkpointed before the step body runs, so on re-invocation the SDK sees an interrupted attempt, and with no
// retry the step fails permanently without running (and logging) again.
import { retryPresets, StepSemantics, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  return context.step(
    "at_most_once_flaky_step",
    async (stepContext) => {
      stepContext.logger.info(`Processing input ${event}`);
      // Give the log line time to leave the process before it dies.
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.exit(1);
    },
    { semantics: StepSemantics.AtMostOncePerRetry, retryStrategy: retryPresets.noRetry },
  );
});
