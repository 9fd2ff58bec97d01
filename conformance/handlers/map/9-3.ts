// 9-3 Map function uses the item and its index: item + index.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (numbers: number[], context) => {
  const result = await context.map("indexed", numbers, async (_iteration, n: number, index) => n + index, {
    maxConcurrency: 1,
  });
  return result.getResults();
});
