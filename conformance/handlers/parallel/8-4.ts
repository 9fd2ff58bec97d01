// 8-4 Parallel with heterogeneous results: a string, a number and an object keep their types.
import { withDurableExecution } from "durable-lambda";

type Mixed = string | number | { k: string };

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel<Mixed>(
    "hetero",
    [async () => "hello", async () => 42, async () => ({ k: "v" })],
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
