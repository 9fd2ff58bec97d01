// 9-9 Map tolerance exceeded: items 0 and 1 fail; the second failure exceeds the tolerance of 1 and stops the map.
import { withDurableExecution } from "durable-lambda";
import { summarizeBatch } from "../_support/batch-summary.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "tolerated-exceeded",
    ["i0", "i1", "i2"],
    async (_iteration, item: string, index) => {
      if (index < 2) throw new Error(`item ${item} failed`);
      return item;
    },
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
  );
  const { completionReason, successCount, failureCount, totalCount } = summarizeBatch(result);
  return { completionReason, successCount, failureCount, totalCount };
});
