// 8-14 Parallel with a suspended branch: branch 1 waits 2 s; on resume branch 0 is not re-run.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.parallel(
    "replay",
    [
      async (branch) => branch.step(async () => "b0"),
      async (branch) => {
        await branch.wait({ seconds: 2 });
        return "b1";
      },
    ],
    { maxConcurrency: 1 },
  );
  return result.getResults();
});
