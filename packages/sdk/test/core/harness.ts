// Test harness for the SDK core: runs a durable handler against the in-memory backend, one invocation at a
// time, collecting log lines instead of writing them to stdout.
import { createDurableHandler } from "../../src/with-durable-execution.js";
import { MemoryTransport, type MemoryTransportOptions } from "../support/memory-transport.js";
import type { DurableExecutionInvocationOutput, LambdaContext } from "../../src/types/core.js";
import type { DurableExecutionConfig, DurableExecutionHandler } from "../../src/types/durable-execution.js";
import type { OperationUpdate } from "../../src/types/wire.js";
import type { RuntimeClock } from "../../src/context/execution-runtime.js";

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

/** A clock whose timers fire only when a test says so; `now` follows the backend's manual clock. */
export class ManualClock implements RuntimeClock {
  private readonly timers = new Map<number, { fn: () => void; at: number }>();
  private nextHandle = 0;
  constructor(private readonly backend: MemoryTransport) {}
  now(): number {
    return this.backend.now();
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const handle = ++this.nextHandle;
    this.timers.set(handle, { fn, at: this.now() + ms });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Fire every timer due at the backend's current time. */
  fireDue(): number {
    let fired = 0;
    for (const [handle, timer] of [...this.timers]) {
      if (timer.at <= this.now()) {
        this.timers.delete(handle);
        timer.fn();
        fired++;
      }
    }
    return fired;
  }
}

export interface Harness {
  backend: MemoryTransport;
  clock: ManualClock;
  logs: string[];
  invoke(remainingMs?: number): Promise<DurableExecutionInvocationOutput>;
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
  const clock = new ManualClock(backend);
  const handler = createDurableHandler(
    fn,
    { ...options.config, durableExecutionClient: backend },
    { logSink: (line) => logs.push(line), clock },
  );
  return {
    backend,
    clock,
    logs,
    invoke: (remainingMs?: number) => handler(backend.invocationEvent(), lambdaContext(remainingMs)),
  };
}

/** Compact view of every call: `ACTION TYPE/SubType name? parent?` per update. */
export function callSummary(calls: { updates: OperationUpdate[] }[]): string[][] {
  return calls.map((c) =>
    c.updates.map(
      (u) =>
        `${u.Action} ${u.Type}/${u.SubType ?? "-"}${u.Name === undefined ? "" : ` "${u.Name}"`}` +
        (u.ParentId === undefined ? "" : ` parent=${u.ParentId}`),
    ),
  );
}
