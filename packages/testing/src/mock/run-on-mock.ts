import type { DurableContext, LambdaContext, OperationUpdate } from "durable-lambda";
import type { TestOperation } from "../operations/test-operation.js";
import { MockContext } from "./mock-context.js";
import { MockExecution, type InvokeTarget, type MockLogRecord } from "./mock-execution.js";
import type { OperationCall, RecordSource } from "./record-source.js";

/** A durable function: what is passed to `withDurableExecution`. */
export type DurableFunction<TEvent = any, TResult = any> = (
  event: TEvent,
  context: DurableContext,
) => Promise<TResult>;

/** How a mock run ended. */
export interface MockRunOutcome<TResult> {
  /** SUCCEEDED/FAILED: the handler settled. PENDING: it is parked on an operation this run cannot complete. */
  status: "SUCCEEDED" | "FAILED" | "PENDING";
  result?: TResult;
  /** What the handler threw, or the fault that stopped the run. */
  error?: Error;
  /** True when `error` is a fault of the run (non-determinism, a preload mismatch) rather than the handler's throw. */
  faulted: boolean;
  operations: TestOperation[];
  calls: OperationCall[];
  checkpoints: OperationUpdate[];
  logs: MockLogRecord[];
  enteredContexts: ReadonlySet<string>;
}

/** Options shared by the mock context and the history replay. */
export interface RunOnMockOptions {
  source: RecordSource;
  waitsElapse: boolean;
  maxConditionAttempts?: number;
  invokeTargets?: ReadonlyMap<string, InvokeTarget>;
  durableExecutionArn?: string;
  functionName?: string;
}

/** A Lambda context object with plausible values, for handlers that read it. */
export function fakeLambdaContext(functionName: string): LambdaContext {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}:$LATEST`,
    memoryLimitInMB: "128",
    awsRequestId: "00000000-0000-4000-8000-000000000000",
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "mock",
    getRemainingTimeInMillis: () => 900_000,
  };
}

/** Runs a durable function on a fresh mock context until it settles, suspends or faults. */
export async function runOnMock<TEvent, TResult>(
  handler: DurableFunction<TEvent, TResult>,
  event: TEvent,
  options: RunOnMockOptions,
): Promise<MockRunOutcome<TResult>> {
  const functionName = options.functionName ?? "mock-function";
  const arn =
    options.durableExecutionArn ??
    `arn:aws:lambda:us-east-1:123456789012:function:${functionName}:$LATEST/durable-execution/mock/00000000`;
  const exec = new MockExecution(
    options.source,
    arn,
    { waitsElapse: options.waitsElapse, maxConditionAttempts: options.maxConditionAttempts ?? 1000 },
    options.invokeTargets,
  );
  const root = new MockContext(exec, undefined, fakeLambdaContext(functionName), undefined);
  const stopped = exec.stopped();
  const settled = (async () => handler(event, root.asDurableContext()))().then(
    (result) => ({ kind: "returned" as const, result }),
    (error: unknown) => ({
      kind: "threw" as const,
      error: error instanceof Error ? error : new Error(String(error)),
    }),
  );
  const end = await Promise.race([settled, stopped]);
  const base = {
    operations: exec.operations,
    calls: exec.calls,
    checkpoints: exec.updates,
    logs: exec.logs,
    enteredContexts: exec.enteredContexts,
  };
  if (exec.fault !== undefined) return { ...base, status: "FAILED", error: exec.fault.error, faulted: true };
  if (end === "suspended") return { ...base, status: "PENDING", faulted: false };
  if (end === "fault") return { ...base, status: "FAILED", faulted: true };
  if (end.kind === "returned") {
    return {
      ...base,
      status: "SUCCEEDED",
      faulted: false,
      ...(end.result !== undefined ? { result: end.result } : {}),
    };
  }
  return { ...base, status: "FAILED", error: end.error, faulted: false };
}
