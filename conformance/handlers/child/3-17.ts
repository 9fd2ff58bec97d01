// 3-17 Child context with only a log line: replay logging is on for the child's logger, so if the completed
// child were re-run after the wait, the input would be logged twice; it must be logged once.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: string, context) => {
  const result = await context.runInChildContext("logging_child", async (child) => {
    child.configureLogger({ modeAware: false });
    child.logger.info(`Child context received ${event}`);
    return event;
  });
  await context.wait({ seconds: 1 });
  return result;
});
