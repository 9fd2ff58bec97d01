// 8-1 Parallel basic: two branches, one step each, run one at a time; results in branch order.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel(
    "parallel",
    [
      async (branch) => branch.step(async () => "task-1"),
      async (branch) => branch.step(async () => "task-2"),
    ],
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
