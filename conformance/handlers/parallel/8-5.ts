// 8-5 Parallel with no branches: completes at once with an empty result list.
import { withDurableExecution, type DurableContext } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const branches: Array<(branch: DurableContext) => Promise<string>> = [];
  const result = await context.parallel("empty", branches);
  return result.getResults();
});
