import type { LambdaContextLike } from "./invoker.js";
import { ACCOUNT_ID, REGION } from "../ids.js";

/**
 * A Lambda context object for an in-process invocation.
 *
 * @example
 * ```ts
 * const context = lambdaContext({ name: "orders" }, "$LATEST", requestId, Date.now() + 60_000);
 * ```
 */
export function lambdaContext(
  fn: { name: string },
  version: string,
  requestId: string,
  deadlineMs: number,
): LambdaContextLike {
  return {
    functionName: fn.name,
    functionVersion: version,
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${fn.name}:${version}`,
    memoryLimitInMB: "128",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `local/${requestId}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}
