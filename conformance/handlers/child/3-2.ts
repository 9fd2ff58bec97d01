// 3-2 Child context with name: the child context is named after the input's `name` field.
import { withDurableExecution } from "durable-lambda";

interface NamedValue {
  name: string;
  value: string;
}

export const handler = withDurableExecution(async (event: NamedValue, context) => {
  return context.runInChildContext(event.name, async (child) => child.step(async () => event.value));
});
