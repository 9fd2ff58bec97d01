// Before the handler runs (SDK.md §1 steps 1–5): envelope validation, configuration checks, transport and plugin
// resolution, state loading with GetDurableExecutionState paging, input parsing.
import { classifyTransportError } from "./checkpoint/error-classification.js";
import {
  CheckpointUnrecoverableExecutionError,
  CheckpointUnrecoverableInvocationError,
  InvalidInvocationInputError,
  InvalidOperationConfigError,
  isUnrecoverableError,
  toError,
  type UnrecoverableError,
} from "./errors.js";
import { DurableExecutionInvocationInputWithClient } from "./invocation-input.js";
import { resolvePayloadLimits } from "./payload-limits.js";
import { ExecutionState } from "./replay/execution-state.js";
import { toDate } from "./replay/normalize.js";
import type { DurableExecutionInvocationInput } from "./types/core.js";
import type { DurableExecutionClient, DurableExecutionConfig } from "./types/durable-execution.js";
import type { DurableInstrumentationPlugin } from "./types/plugin.js";
import type { WireOperation } from "./types/wire.js";

/** Page size of GetDurableExecutionState while loading the initial state. */
export const STATE_PAGE_SIZE = 1000;

export interface Setup {
  client: DurableExecutionClient;
  plugins: DurableInstrumentationPlugin[];
}

/** A missing or malformed envelope is thrown: there is no execution to report a failure to. */
export function validateEnvelope(event: unknown): DurableExecutionInvocationInput {
  if (typeof event !== "object" || event === null) {
    throw new InvalidInvocationInputError(
      `Expected a durable execution invocation event (an object with DurableExecutionArn and CheckpointToken), received ${event === null ? "null" : typeof event}`,
    );
  }
  const e = event as Partial<DurableExecutionInvocationInput>;
  for (const field of ["DurableExecutionArn", "CheckpointToken"] as const) {
    if (typeof e[field] !== "string" || e[field] === "") {
      throw new InvalidInvocationInputError(
        `Invalid durable execution event: ${field} must be a non-empty string, received ${JSON.stringify(e[field]) ?? "undefined"}. ` +
          "Is this function configured as a durable function?",
      );
    }
  }
  const state = e.InitialExecutionState;
  if (
    state !== undefined &&
    (typeof state !== "object" ||
      state === null ||
      (state.Operations !== undefined && !Array.isArray(state.Operations)))
  ) {
    throw new InvalidInvocationInputError(
      "Invalid durable execution event: InitialExecutionState.Operations must be an array",
    );
  }
  return e as DurableExecutionInvocationInput;
}

/** Configuration checks (→ FAILED before the handler runs) and transport / plugin resolution. */
export async function prepare(
  config: DurableExecutionConfig | undefined,
  input: DurableExecutionInvocationInput,
  defaultClient: () => Promise<DurableExecutionClient>,
  envPlugins: () => Promise<DurableInstrumentationPlugin[]>,
): Promise<Setup> {
  if (config !== undefined && (typeof config !== "object" || config === null)) {
    throw new InvalidOperationConfigError("withDurableExecution config must be an object");
  }
  // An event carrying its own client (in-process test runners) wins over the configured one.
  const custom = DurableExecutionInvocationInputWithClient.isInstance(input)
    ? input.durableExecutionClient
    : config?.durableExecutionClient;
  if (config?.client && config.durableExecutionClient) {
    throw new InvalidOperationConfigError(
      "Pass either `client` (deprecated) or `durableExecutionClient`, not both",
    );
  }
  if (
    custom !== undefined &&
    (typeof custom?.checkpoint !== "function" || typeof custom?.getExecutionState !== "function")
  ) {
    throw new InvalidOperationConfigError(
      "durableExecutionClient must implement checkpoint() and getExecutionState()",
    );
  }
  const plugins = config?.plugins ?? [];
  if (!Array.isArray(plugins) || plugins.some((p) => typeof p !== "object" || p === null)) {
    throw new InvalidOperationConfigError("plugins must be an array of plugin objects");
  }
  const depth = config?.pluginsConfig?.childOperationsDepth;
  if (depth !== undefined && depth !== Number.POSITIVE_INFINITY && (!Number.isInteger(depth) || depth < 0)) {
    throw new InvalidOperationConfigError(
      `pluginsConfig.childOperationsDepth must be a non-negative integer or Infinity, received ${String(depth)}`,
    );
  }
  resolvePayloadLimits(config?.payloadLimits);
  const fromEnv = await envPlugins();
  let client: DurableExecutionClient;
  if (custom) client = custom;
  else if (config?.client) {
    const { LambdaClientTransport } = await import("./checkpoint/lambda-client-transport.js");
    client = new LambdaClientTransport(config.client);
  } else client = await defaultClient();
  return { client, plugins: [...plugins, ...fromEnv] };
}

export async function loadDefaultClient(): Promise<DurableExecutionClient> {
  // Loaded lazily so a custom client never pulls in the HTTPS/SigV4 code.
  const { LambdaTransport } = await import("./checkpoint/lambda-transport.js");
  return new LambdaTransport();
}

/** Turns a transport failure into the error that terminates the invocation (SDK.md §9.3). */
export function classifyCheckpointError(error: unknown): UnrecoverableError {
  const message = `Checkpoint call failed: ${toError(error).message}`;
  return classifyTransportError(error) === "EXECUTION"
    ? new CheckpointUnrecoverableExecutionError(message, error)
    : new CheckpointUnrecoverableInvocationError(message, error);
}

/** GetDurableExecutionState paging, only while the event's state has a NextMarker. */
async function loadOperations(
  input: DurableExecutionInvocationInput,
  client: DurableExecutionClient,
): Promise<WireOperation[]> {
  const operations = [...(input.InitialExecutionState?.Operations ?? [])];
  let marker = input.InitialExecutionState?.NextMarker;
  while (marker) {
    let page;
    try {
      page = await client.getExecutionState({
        DurableExecutionArn: input.DurableExecutionArn,
        CheckpointToken: input.CheckpointToken,
        Marker: marker,
        MaxItems: STATE_PAGE_SIZE,
      });
    } catch (error) {
      throw classifyCheckpointError(error);
    }
    for (const op of page?.Operations ?? []) operations.push(op);
    if (page?.NextMarker === marker)
      throw new CheckpointUnrecoverableInvocationError(`State paging did not advance past marker ${marker}`);
    marker = page?.NextMarker;
  }
  return operations;
}

/** What the invocation knows about its execution before the handler runs. */
export interface LoadedExecution {
  state: ExecutionState;
  executionId: string | undefined;
  event: unknown;
  isFirstInvocation: boolean;
  startTimestamp: Date | undefined;
}

/** Load and index the state, find the EXECUTION operation and parse the input. */
export async function loadExecution(
  input: DurableExecutionInvocationInput,
  client: DurableExecutionClient,
): Promise<LoadedExecution | { error: Error }> {
  let wireOps: WireOperation[];
  try {
    wireOps = await loadOperations(input, client);
  } catch (error) {
    if (isUnrecoverableError(error) && error.scope === "EXECUTION") return { error };
    throw error;
  }
  // Once per invocation (not per operation): the EXECUTION record and whether anything else exists.
  const executionOp = wireOps.find((op) => op.Type === "EXECUTION") ?? wireOps[0];
  let event: unknown = {};
  const inputPayload = executionOp?.ExecutionDetails?.InputPayload;
  if (inputPayload !== undefined && inputPayload !== "") {
    try {
      event = JSON.parse(inputPayload) as unknown;
    } catch (error) {
      return {
        error: new InvalidInvocationInputError(
          `The execution input is not valid JSON: ${toError(error).message}`,
        ),
      };
    }
  }
  return {
    state: new ExecutionState(wireOps),
    executionId: executionOp?.Id,
    event,
    isFirstInvocation: !wireOps.some((op) => op.Type !== "EXECUTION"),
    startTimestamp: toDate(executionOp?.StartTimestamp),
  };
}
