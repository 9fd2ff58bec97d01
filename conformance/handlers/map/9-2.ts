// 9-2 Map without a name: each item is doubled directly, without an inner step.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (numbers: number[], context) => {
  const result = await context.map(numbers, async (_iteration, n: number) => n * 2, { maxConcurrency: 1 });
  return result.getResults();
});
