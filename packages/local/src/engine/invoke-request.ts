import { invalidParameter, requestTooLarge } from "../errors.js";
import { EXECUTION_NAME_PATTERN, parseFunctionIdentifier } from "../ids.js";
import type { InvocationResult } from "../invoker/invoker.js";
import type { ExecutionRecord } from "../store/store.js";

export interface InvokeRequest {
  /** Path label: name, `name:qualifier`, partial or full ARN. */
  functionName: string;
  qualifier?: string;
  /** Input bytes as text. */
  payload: string;
  invocationType?: "RequestResponse" | "Event" | "DryRun";
  durableExecutionName?: string;
  tenantId?: string;
  traceHeader?: string;
}

/** Result of `DurableEngine.invoke` (the Invoke API). */
export interface InvokeOutcome {
  statusCode: 200 | 202 | 204;
  executedVersion?: string;
  durableExecutionArn?: string;
  functionError?: "Unhandled";
  body?: string;
}

const SYNC_INPUT_LIMIT = 6 * 1024 * 1024;
const ASYNC_INPUT_LIMIT = 1024 * 1024;

/**
 * Validates what an Invoke request says by itself (SERVICE.md §2.8): the function identifier, a qualifier that
 * does not contradict it, the execution name and the input size for the invocation type.
 *
 * @example
 * ```ts
 * checkInvokeRequest({ functionName: "orders:$LATEST", payload: "{}" }); // { name: "orders", qualifier: "$LATEST", … }
 * ```
 */
export function checkInvokeRequest(req: InvokeRequest): {
  name: string;
  qualifier: string | undefined;
  type: NonNullable<InvokeRequest["invocationType"]>;
} {
  const id = parseFunctionIdentifier(req.functionName);
  if (!id) {
    throw invalidParameter(
      `FunctionName is not a valid function name or ARN: ${JSON.stringify(req.functionName.slice(0, 200))}`,
    );
  }
  if (id.qualifier !== undefined && req.qualifier !== undefined && id.qualifier !== req.qualifier) {
    throw invalidParameter(
      `The qualifier in FunctionName (${id.qualifier}) differs from Qualifier (${req.qualifier})`,
    );
  }
  if (req.durableExecutionName !== undefined && !EXECUTION_NAME_PATTERN.test(req.durableExecutionName)) {
    throw invalidParameter(
      `X-Amz-Durable-Execution-Name must match [a-zA-Z0-9-_]{1,64}, got ${JSON.stringify(req.durableExecutionName.slice(0, 100))}`,
    );
  }
  const type = req.invocationType ?? "RequestResponse";
  const size = Buffer.byteLength(req.payload, "utf8");
  const limit = type === "Event" ? ASYNC_INPUT_LIMIT : SYNC_INPUT_LIMIT;
  if (size > limit)
    throw requestTooLarge(`Request payload of ${size} bytes exceeds the ${type} limit of ${limit} bytes`);
  return { name: id.name, qualifier: id.qualifier ?? req.qualifier, type };
}

/** The synchronous response for a plain function: its JSON value, or the error with `X-Amz-Function-Error`. */
export function plainInvokeOutcome(result: InvocationResult, version: string): InvokeOutcome {
  if (result.kind === "returned") {
    return { statusCode: 200, executedVersion: version, body: JSON.stringify(result.value) ?? "null" };
  }
  return {
    statusCode: 200,
    executedVersion: version,
    functionError: "Unhandled",
    body: JSON.stringify({ errorType: result.errorType, errorMessage: result.errorMessage }),
  };
}

/** The synchronous response once a durable execution is terminal: its Result, or its error as a function error. */
export function durableInvokeOutcome(done: ExecutionRecord, version: string): InvokeOutcome {
  const outcome: InvokeOutcome = { statusCode: 200, executedVersion: version, durableExecutionArn: done.arn };
  if (done.status === "SUCCEEDED") return { ...outcome, body: done.result ?? "" };
  const fallbackType = {
    RUNNING: "ExecutionFailed",
    FAILED: "ExecutionFailed",
    TIMED_OUT: "ExecutionTimedOut",
    STOPPED: "ExecutionStopped",
  }[done.status];
  return {
    ...outcome,
    functionError: "Unhandled",
    body: JSON.stringify({
      errorType: done.error?.ErrorType ?? fallbackType,
      errorMessage: done.error?.ErrorMessage ?? `The durable execution ended ${done.status}`,
    }),
  };
}
