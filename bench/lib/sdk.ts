// Loads one of the two SDKs by name, so every workload runs the same handler code against either.

export type SdkName = "ours" | "official";

export interface SdkModule {
  withDurableExecution: (handler: any, config?: any) => (event: any, context: any) => Promise<any>;
}

export async function loadSdk(name: SdkName): Promise<SdkModule> {
  const mod =
    name === "ours" ? await import("durable-lambda") : await import("@aws/durable-execution-sdk-js");
  return mod as unknown as SdkModule;
}

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
