// 6-11 Wait-for-condition with a custom state serdes: the string state is checkpointed base64-encoded and
// decoded on resume; each check appends "x" until the state is "xx".
import { createWaitStrategy, JitterStrategy, withDurableExecution, type Serdes } from "durable-lambda";

const base64StringSerdes: Serdes<string> = {
  serialize: async (value) =>
    value === undefined ? undefined : Buffer.from(value, "utf8").toString("base64"),
  deserialize: async (data) =>
    data === undefined ? undefined : Buffer.from(data, "base64").toString("utf8"),
};

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.waitForCondition(async (state: string) => `${state}x`, {
    initialState: "",
    serdes: base64StringSerdes,
    waitStrategy: createWaitStrategy<string>({
      shouldContinuePolling: (state) => state.length < 2,
      initialDelay: { seconds: 1 },
      jitter: JitterStrategy.NONE,
    }),
  });
});
