// 1-8 Step and wait with replay: after the 2 s wait the completed step is replayed, not re-run.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.step(async () => "computed");
  await context.wait({ seconds: 2 });
  return result;
});
