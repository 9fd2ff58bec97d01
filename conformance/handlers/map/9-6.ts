// 9-6 Map rethrow: the first item fails, fail-fast stops the map, and throwIfError() rethrows (uncaught).
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "throwing",
    ["i0", "i1"],
    async (_iteration, item: string): Promise<string> => {
      throw new Error(`item ${item} failed`);
    },
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 0 } },
  );
  result.throwIfError();
  return result.getResults();
});
