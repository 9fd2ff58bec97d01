// 9-1 Map basic: each item greeted by a step in its own iteration, one item at a time; results in item order.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (names: string[], context) => {
  const result = await context.map(
    "map",
    names,
    async (iteration, name: string) => iteration.step(async () => `Hello, ${name}!`),
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
