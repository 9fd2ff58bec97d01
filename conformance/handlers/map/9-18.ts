// 9-18 Map with a tolerated failure, then a 1 s wait: the completed map (failed item included) is replayed.
import { withDurableExecution } from "durable-lambda";
import { summarizeBatch } from "../_support/batch-summary.js";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "fail-then-wait",
    ["ok", "fail"],
    async (_iteration, item: string) => {
      if (item === "fail") throw new Error("item fail failed");
      return item;
    },
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
  );
  await context.wait({ seconds: 1 });
  return summarizeBatch(result);
});
