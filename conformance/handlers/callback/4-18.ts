// 4-18 Callbacks side by side: create A and B first, then await A, then await B.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: [string, string], context) => {
  const [nameA, nameB] = event;
  const [resultA] = await context.createCallback(nameA);
  const [resultB] = await context.createCallback(nameB);
  const a = await resultA;
  const b = await resultB;
  return { a, b };
});
