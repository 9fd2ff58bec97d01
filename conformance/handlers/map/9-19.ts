// 9-19 Map with an operation-level serdes: the whole map result (not each item) is checkpointed as
// "OPSERDE:X,Y"; deserializing rebuilds an all-succeeded batch result from that text.
import { BatchItemStatus, withDurableExecution, type BatchResult, type Serdes } from "durable-lambda";

const PREFIX = "OPSERDE:";
const SEPARATOR = ",";

/** Thrown when a batch result cannot be written in, or read from, the "OPSERDE:a,b" encoding. */
class OpSerdeEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpSerdeEncodingError";
  }
}

/** A batch result in which every item succeeded, in item order. */
function succeededBatch(results: string[]): BatchResult<string> {
  const all = results.map((result, index) => ({ result, index, status: BatchItemStatus.SUCCEEDED }));
  return {
    all,
    succeeded: () => [...all],
    failed: () => [],
    started: () => [],
    status: BatchItemStatus.SUCCEEDED,
    completionReason: "ALL_COMPLETED",
    hasFailure: false,
    throwIfError: () => undefined,
    getResults: () => [...results],
    getErrors: () => [],
    successCount: results.length,
    failureCount: 0,
    startedCount: 0,
    totalCount: results.length,
  };
}

// The encoding only carries successful string results; anything else is refused loudly rather than lost.
const opSerdes: Serdes<BatchResult<string>> = {
  serialize: async (batch) => {
    if (batch === undefined) return undefined;
    if (batch.hasFailure || batch.startedCount > 0) {
      throw new OpSerdeEncodingError(
        `Only fully successful batches can be encoded, received status ${batch.status}`,
      );
    }
    const results = batch.getResults();
    const unencodable = results.find((result) => result.includes(SEPARATOR));
    if (unencodable !== undefined) {
      throw new OpSerdeEncodingError(`Results must not contain "${SEPARATOR}", received: ${unencodable}`);
    }
    return PREFIX + results.join(SEPARATOR);
  },
  deserialize: async (data) => {
    if (data === undefined) return undefined;
    if (!data.startsWith(PREFIX)) throw new OpSerdeEncodingError(`Expected "${PREFIX}…", received: ${data}`);
    const body = data.slice(PREFIX.length);
    return succeededBatch(body === "" ? [] : body.split(SEPARATOR));
  },
};

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const result = await context.map(
    "op-serde",
    ["x", "y"],
    async (_iteration, item: string) => item.toUpperCase(),
    {
      maxConcurrency: 1,
      serdes: opSerdes,
    },
  );
  return result.getResults();
});
