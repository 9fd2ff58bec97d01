// 9-13 Map with an item namer: iterations are named "item-<item>".
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (numbers: number[], context) => {
  const result = await context.map("named-items", numbers, async (_iteration, n: number) => n * 10, {
    maxConcurrency: 1,
    itemNamer: (n) => `item-${n}`,
  });
  return result.getResults();
});
