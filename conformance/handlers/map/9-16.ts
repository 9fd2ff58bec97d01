// 9-16 Map with a large combined result: four ~70 KB iteration results exceed the 256 KB checkpoint limit
// together, so the Map context is checkpointed without its payload (replay-children). Only counts are returned.
import { withDurableExecution } from "durable-lambda";

const ITEM_RESULT_CHARS = 70 * 1024;

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "large",
    ["a", "b", "c", "d"],
    async (_iteration, fill: string) => fill.repeat(ITEM_RESULT_CHARS),
    { maxConcurrency: 1 },
  );
  return { successCount: result.successCount, totalCount: result.totalCount };
});
