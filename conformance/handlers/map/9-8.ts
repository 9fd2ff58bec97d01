// 9-8 Map tolerating one failure: every item runs; status FAILED, reason ALL_COMPLETED.
import { withDurableExecution } from "durable-lambda";
import { summarizeBatch } from "../_support/batch-summary.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "tolerated",
    ["i0", "i1", "i2"],
    async (_iteration, item: string, index) => {
      if (index === 1) throw new Error(`item ${item} failed`);
      return item;
    },
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
  );
  return summarizeBatch(result);
});
