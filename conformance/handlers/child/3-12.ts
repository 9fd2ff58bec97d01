// 3-12 Child context interrupted: the step crashes the process after its START reached the service; on
// re-invocation the step runs again and completes without a second START.
import { withDurableExecution } from "durable-lambda";
import { crashOnce } from "../_support/crash-once.js";

export const handler = withDurableExecution(async (event: string, context) => {
  const executionArn = context.executionContext.durableExecutionArn;
  return context.runInChildContext(async (child) =>
    child.step(async () => {
      await crashOnce(executionArn, "child-step");
      return event;
    }),
  );
});
