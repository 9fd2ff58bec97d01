// 9-14 Map with a per-item serdes: each iteration result is checkpointed as "wrapped:<value>" and unwrapped on
// the way back.
import { withDurableExecution, type Serdes } from "durable-lambda";

const WRAP_PREFIX = "wrapped:";

/** Thrown when a checkpointed iteration result was not produced by the wrapping serializer. */
class UnwrappedPayloadError extends Error {
  constructor(received: string) {
    super(`Expected a payload starting with "${WRAP_PREFIX}", received: ${received}`);
    this.name = "UnwrappedPayloadError";
  }
}

const wrappingSerdes: Serdes<string> = {
  serialize: async (value) => (value === undefined ? undefined : `${WRAP_PREFIX}${value}`),
  deserialize: async (data) => {
    if (data === undefined) return undefined;
    if (!data.startsWith(WRAP_PREFIX)) throw new UnwrappedPayloadError(data);
    return data.slice(WRAP_PREFIX.length);
  },
};

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "serdes",
    ["x", "y"],
    async (_iteration, item: string) => item.toUpperCase(),
    {
      maxConcurrency: 1,
      itemSerdes: wrappingSerdes,
    },
  );
  return result.getResults();
});
