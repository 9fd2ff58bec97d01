// 4-17 Callbacks one after another: create A, await A, then create B, await B.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: [string, string], context) => {
  const [nameA, nameB] = event;
  const [resultA] = await context.createCallback(nameA);
  const a = await resultA;
  const [resultB] = await context.createCallback(nameB);
  const b = await resultB;
  return { a, b };
});
