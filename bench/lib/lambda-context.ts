// The Lambda side of an invocation, the same for both SDKs. Free of SDK imports (bundled into plain Node runs).

/** A Lambda context good enough for both SDKs. */
export function lambdaContext(): Record<string, unknown> {
  return {
    awsRequestId: "bench-request",
    functionName: "bench",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:bench",
    memoryLimitInMB: "1024",
    getRemainingTimeInMillis: () => 900_000,
    callbackWaitsForEmptyEventLoop: true,
  };
}

export const EXECUTION_ARN =
  "arn:aws:lambda:us-east-1:123456789012:function:bench:$LATEST/durable-execution/bench/0001";
