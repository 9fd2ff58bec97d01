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
