// Test harness for the SDK core: runs a durable handler against the in-memory backend, one invocation at a
// time, collecting log lines instead of writing them to stdout.
import { createDurableHandler } from "../../src/with-durable-execution.js";
import { MemoryTransport, type MemoryTransportOptions } from "../../src/checkpoint/memory-transport.js";
import type { DurableExecutionInvocationOutput, LambdaContext } from "../../src/types/core.js";
import type { DurableExecutionConfig, DurableExecutionHandler } from "../../src/types/durable-execution.js";
import type { OperationUpdate } from "../../src/types/wire.js";

export function lambdaContext(remainingMs = 900_000): LambdaContext {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: "test",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:test",
    memoryLimitInMB: "128",
    awsRequestId: "req-1",
    logGroupName: "g",
    logStreamName: "s",
    getRemainingTimeInMillis: () => remainingMs,
  };
}

export interface Harness {
  backend: MemoryTransport;
  logs: string[];
  invoke(): Promise<DurableExecutionInvocationOutput>;
}

/** A handler bound to a fresh in-memory backend. */
export function harness(
  fn: DurableExecutionHandler<any, any, any>,
  options: MemoryTransportOptions & { input?: unknown; config?: DurableExecutionConfig } = {},
): Harness {
  const backend = new MemoryTransport({
    ...options,
    ...(options.input === undefined ? {} : { inputPayload: JSON.stringify(options.input) }),
  });
  const logs: string[] = [];
  const handler = createDurableHandler(
    fn,
    { ...options.config, durableExecutionClient: backend },
    {
      logSink: (line) => logs.push(line),
    },
  );
  return { backend, logs, invoke: () => handler(backend.invocationEvent(), lambdaContext()) };
}

/** Updates without volatile fields, for exact comparisons. */
export function shape(updates: OperationUpdate[]): OperationUpdate[] {
  return updates.map((u) => ({ ...u }));
}
