// 8-12 Parallel with FLAT nesting: branches run in virtual contexts, so their steps sit directly under the
// Parallel context and no ParallelBranch contexts are checkpointed.
import { NestingType, withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel(
    "flat",
    [async (branch) => branch.step(async () => "fa"), async (branch) => branch.step(async () => "fb")],
    { maxConcurrency: 1, nesting: NestingType.FLAT },
  );
  return result.getResults();
});
