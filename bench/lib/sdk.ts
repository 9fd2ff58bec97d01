// Loads one of the two SDKs by name, so every workload runs the same handler code against either. Both are the
// published form: the official package's dist, and our built package (run.ts builds it first), not our
// TypeScript sources through the loader (which adds a helper call per function it transpiles).

export type SdkName = "ours" | "official";

export interface SdkModule {
  withDurableExecution: (handler: any, config?: any) => (event: any, context: any) => Promise<any>;
}

/** Our built ESM entry point. */
export const OUR_BUILT_SDK = new URL("../../packages/sdk/dist/index.js", import.meta.url);

export async function loadSdk(name: SdkName): Promise<SdkModule> {
  const mod =
    name === "ours" ? await import(OUR_BUILT_SDK.href) : await import("@aws/durable-execution-sdk-js");
  return mod as unknown as SdkModule;
}
