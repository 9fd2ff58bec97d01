// 9-17 Map then a 1 s wait: on resume the completed map is replayed, not re-run.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "then-wait",
    ["a", "b"],
    async (_iteration, item: string) => item.toUpperCase(),
    {
      maxConcurrency: 1,
    },
  );
  await context.wait({ seconds: 1 });
  return result.getResults();
});
