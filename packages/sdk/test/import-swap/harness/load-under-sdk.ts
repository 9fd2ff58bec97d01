// Loads a handler module with its `durable-lambda` import bound to one SDK or the other, and its executions
// bound to an in-memory service. Vitest's module registry is reset first, so each load gets fresh module state
// and the binding applies to every import made while loading.
//
// The service is attached where a deployment attaches its transport: `withDurableExecution`'s config gets
// `durableExecutionClient` added (the handler's own options are kept). Both SDKs accept that option, so the
// handler code itself is untouched.
import { vi } from "vitest";
import type { SdkName } from "./run-execution.js";

/** The transport shape both SDKs accept as `durableExecutionClient`. */
export interface DurableExecutionClientLike {
  getExecutionState(request: never): Promise<unknown>;
  checkpoint(request: never): Promise<unknown>;
}

/** Raised when a loaded module lacks an export the harness needs, naming what was expected. */
export class MissingExportError extends Error {
  constructor(sdkName: SdkName, expected: string) {
    super(`Under the ${sdkName} SDK, expected an export ${expected}, but it is missing`);
    this.name = "MissingExportError";
  }
}

type WithDurableExecution = (handler: unknown, config?: Record<string, unknown>) => unknown;

async function sdkModule(sdkName: SdkName): Promise<Record<string, unknown>> {
  return sdkName === "official"
    ? ((await import("@aws/durable-execution-sdk-js")) as Record<string, unknown>)
    : await vi.importActual<Record<string, unknown>>("durable-lambda");
}

/**
 * Imports `./handlers/<name>.ts` under `sdkName` ("ours" = this repository's SDK, "official" =
 * `@aws/durable-execution-sdk-js`), with every `withDurableExecution` in it checkpointing to `client`.
 *
 * @example
 * const module = await loadUnderSdk("official", "order-fulfilment", service);
 */
export async function loadUnderSdk(
  sdkName: SdkName,
  name: string,
  client: DurableExecutionClientLike,
): Promise<Record<string, unknown>> {
  vi.resetModules();
  vi.doMock("durable-lambda", async () => {
    const sdk = await sdkModule(sdkName);
    const withDurableExecution = sdk["withDurableExecution"];
    if (typeof withDurableExecution !== "function")
      throw new MissingExportError(sdkName, "withDurableExecution");
    const bound: WithDurableExecution = (handler, config) =>
      (withDurableExecution as WithDurableExecution)(handler, { ...config, durableExecutionClient: client });
    return { ...sdk, withDurableExecution: bound };
  });
  const module = (await import(`../handlers/${name}.ts`)) as Record<string, unknown>;
  vi.doUnmock("durable-lambda");
  if (typeof module["handler"] !== "function") {
    throw new MissingExportError(sdkName, `handler (a function) from handlers/${name}.ts`);
  }
  return module;
}
