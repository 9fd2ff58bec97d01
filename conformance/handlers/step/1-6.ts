// 1-6 Custom per-step serdes: the step result is stored upper-cased as raw text (not JSON), so the
// checkpointed payload — and the value read back from it — is "HELLO WORLD".
import { withDurableExecution, type Serdes } from "durable-lambda";

const uppercaseSerdes: Serdes<string> = {
  serialize: async (value) => (value === undefined ? undefined : value.toUpperCase()),
  deserialize: async (data) => data,
};

export const handler = withDurableExecution(async (event: string, context) => {
  return context.step(async () => event, { serdes: uppercaseSerdes });
});
