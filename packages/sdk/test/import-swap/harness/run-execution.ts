// Drives one durable execution of a handler to its end against the in-memory service, the way the real service
// would: invoke, and while the handler answers PENDING, let time pass and invoke again.
import type { DurableExecutionInvocationOutput, ErrorObject } from "durable-lambda";
import type { InMemoryDurableService, RecordedUpdate } from "./in-memory-service.js";

/** The two SDKs a handler is run under. */
export type SdkName = "ours" | "official";

/** A durable Lambda handler as `withDurableExecution` returns it. */
export type LambdaEntry = (event: never, context: never) => Promise<unknown>;

/** The end of an execution as the service saw it. */
export interface ExecutionRun {
  status: "SUCCEEDED" | "FAILED";
  /** The JSON-decoded result of a successful execution. */
  result?: unknown;
  error?: ErrorObject;
  invocations: number;
  updates: RecordedUpdate[];
}

/** Raised when an execution does not end within the allowed number of invocations, or stalls. */
export class ExecutionDidNotFinishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExecutionDidNotFinishError";
  }
}

const MAX_INVOCATIONS = 30;

function lambdaContext(invocation: number): object {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: "import-swap",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:import-swap",
    memoryLimitInMB: "512",
    awsRequestId: `request-${invocation}`,
    logGroupName: "/aws/lambda/import-swap",
    logStreamName: "local",
    getRemainingTimeInMillis: () => 900_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function decodeResult(payload: string | undefined): unknown {
  if (payload === undefined) return undefined;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}

/**
 * Runs `entry` (a handler module's export, bound to `service`) until its execution ends.
 *
 * @example
 * const service = new InMemoryDurableService(arn, input, script);
 * const run = await runExecution((await loadUnderSdk("ours", "order-fulfilment", service)).handler, service);
 */
export async function runExecution(
  entry: LambdaEntry,
  service: InMemoryDurableService,
): Promise<ExecutionRun> {
  let updatedOperationIds: string[] = [];
  for (let invocation = 1; invocation <= MAX_INVOCATIONS; invocation++) {
    service.beginInvocation(invocation);
    const event = {
      DurableExecutionArn: service.executionArn,
      CheckpointToken: service.checkpointToken,
      InitialExecutionState: { Operations: service.operations() },
      ...(invocation > 1 && { UpdatedOperationIds: updatedOperationIds }),
    };
    const output = (await entry(
      event as never,
      lambdaContext(invocation) as never,
    )) as DurableExecutionInvocationOutput;
    if (output.Status === "SUCCEEDED") {
      const payload = output.Result ?? service.executionOutcome?.result;
      return {
        status: "SUCCEEDED",
        result: decodeResult(payload),
        invocations: invocation,
        updates: service.updates,
      };
    }
    if (output.Status === "FAILED") {
      const error = output.Error ?? service.executionOutcome?.error;
      return {
        status: "FAILED",
        ...(error !== undefined && { error }),
        invocations: invocation,
        updates: service.updates,
      };
    }
    if (output.Status !== "PENDING") {
      throw new ExecutionDidNotFinishError(`Invocation ${invocation} returned ${JSON.stringify(output)}`);
    }
    updatedOperationIds = await service.advance();
    if (updatedOperationIds.length === 0) {
      throw new ExecutionDidNotFinishError(
        `Invocation ${invocation} suspended with nothing left that could complete`,
      );
    }
  }
  throw new ExecutionDidNotFinishError(`The execution did not end within ${MAX_INVOCATIONS} invocations`);
}
