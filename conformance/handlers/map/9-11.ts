// 9-11 Map with concurrency 2: completion order varies, results stay in item order.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "concurrent",
    ["i0", "i1", "i2"],
    async (_iteration, _item: string, index) => `r${index}`,
    {
      maxConcurrency: 2,
    },
  );
  return result.getResults();
});
