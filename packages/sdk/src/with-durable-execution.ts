// The Lambda entry point (SDK.md §1): validate the envelope, load state (paging), run the handler raced
// against the termination signal, and turn the outcome into the invocation output.
import { ContextNode } from "./context/context-node.js";
import { DurableContextImpl } from "./context/durable-context.js";
import { ExecutionRuntime, type RuntimeClock, type Termination } from "./context/execution-runtime.js";
import { classifyTransportError } from "./checkpoint/error-classification.js";
import {
  CheckpointUnrecoverableExecutionError,
  CheckpointUnrecoverableInvocationError,
  InvalidInvocationInputError,
  InvalidOperationConfigError,
  isUnrecoverableError,
  plainErrorFrom,
  toError,
  toErrorObject,
  type UnrecoverableError,
} from "./errors.js";
import { DurableExecutionInvocationInputWithClient } from "./invocation-input.js";
import { stdoutSink, type LogSink } from "./logger.js";
import { loadEnvironmentPlugins, PluginHub } from "./plugins.js";
import { ExecutionState } from "./replay/execution-state.js";
import { toDate } from "./replay/normalize.js";
import type {
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  LambdaContext,
} from "./types/core.js";
import type {
  DurableExecutionClient,
  DurableExecutionConfig,
  DurableExecutionHandler,
  DurableLambdaHandler,
} from "./types/durable-execution.js";
import type { DurableLogger } from "./types/logger-types.js";
import type {
  DurableInstrumentationPlugin,
  InvocationEndInfo,
  InvocationInfo,
  OperationInfo,
  PluginInvocationStatus,
} from "./types/plugin.js";
import type { WireOperation } from "./types/wire.js";

/** Page size of GetDurableExecutionState while loading the initial state. */
export const STATE_PAGE_SIZE = 1000;
/** Results longer than this (UTF-8) are checkpointed on the EXECUTION operation instead of returned. */
export const MAX_INLINE_RESULT_BYTES = 6 * 1024 * 1024 - 50;

/** Test seams (not part of the public API). */
export interface InvocationEffects {
  logSink?: LogSink;
  clock?: RuntimeClock;
  schedule?: (fn: () => void) => void;
}

/**
 * Wrap a durable handler as a Lambda handler.
 *
 * @example
 * export const handler = withDurableExecution(async (event: { orderId: string }, ctx) => {
 *   const order = await ctx.step("load", async () => loadOrder(event.orderId));
 *   await ctx.wait({ hours: 1 });
 *   return ctx.step("ship", async () => ship(order));
 * });
 */
export const withDurableExecution = <
  TEvent = any,
  TResult = any,
  TLogger extends DurableLogger = DurableLogger,
>(
  handler: DurableExecutionHandler<TEvent, TResult, TLogger>,
  config?: DurableExecutionConfig,
): DurableLambdaHandler => createDurableHandler(handler, config, {});

/** {@link withDurableExecution} with test seams. */
export function createDurableHandler<TEvent, TResult, TLogger extends DurableLogger>(
  handler: DurableExecutionHandler<TEvent, TResult, TLogger>,
  config: DurableExecutionConfig | undefined,
  effects: InvocationEffects,
): DurableLambdaHandler {
  let defaultClient: Promise<DurableExecutionClient> | undefined;
  let environmentPlugins: Promise<DurableInstrumentationPlugin[]> | undefined;
  return async (event, lambdaContext) => {
    const input = validateEnvelope(event);
    const setup = await prepare(
      config,
      input,
      () => (defaultClient ??= loadDefaultClient()),
      () => (environmentPlugins ??= loadEnvironmentPlugins(process.env["DURABLE_EXECUTION_PLUGINS"])),
    ).catch((error: unknown) => ({ error: toError(error) }));
    if ("error" in setup) return failed(setup.error);
    return runInvocation(
      handler as DurableExecutionHandler<unknown, unknown, any>,
      input,
      lambdaContext,
      setup,
      config,
      effects,
    );
  };
}

interface Setup {
  client: DurableExecutionClient;
  plugins: DurableInstrumentationPlugin[];
}

function failed(error: unknown): DurableExecutionInvocationOutput {
  return { Status: "FAILED", Error: toErrorObject(error) };
}

/** A missing or malformed envelope is thrown: there is no execution to report a failure to. */
function validateEnvelope(event: unknown): DurableExecutionInvocationInput {
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
async function prepare(
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
  const fromEnv = await envPlugins();
  let client: DurableExecutionClient;
  if (custom) client = custom;
  else if (config?.client) {
    const { LambdaClientTransport } = await import("./checkpoint/lambda-client-transport.js");
    client = new LambdaClientTransport(config.client);
  } else client = await defaultClient();
  return { client, plugins: [...plugins, ...fromEnv] };
}

async function loadDefaultClient(): Promise<DurableExecutionClient> {
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
interface LoadedExecution {
  state: ExecutionState;
  executionId: string | undefined;
  event: unknown;
  isFirstInvocation: boolean;
  startTimestamp: Date | undefined;
}

/** Load and index the state, find the EXECUTION operation and parse the input. */
async function loadExecution(
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

async function runInvocation(
  handler: DurableExecutionHandler<unknown, unknown, any>,
  input: DurableExecutionInvocationInput,
  lambdaContext: LambdaContext,
  setup: Setup,
  config: DurableExecutionConfig | undefined,
  effects: InvocationEffects,
): Promise<DurableExecutionInvocationOutput> {
  const loaded = await loadExecution(input, setup.client);
  if ("error" in loaded) return failed(loaded.error);
  const { state, event, isFirstInvocation, startTimestamp } = loaded;
  const plugins = new PluginHub(setup.plugins);
  plugins.setExecutionArn(input.DurableExecutionArn);
  const requestId = typeof lambdaContext?.awsRequestId === "string" ? lambdaContext.awsRequestId : "";
  const tenantId = typeof lambdaContext?.tenantId === "string" ? lambdaContext.tenantId : undefined;
  const runtime = new ExecutionRuntime({
    durableExecutionArn: input.DurableExecutionArn,
    checkpointToken: input.CheckpointToken,
    client: setup.client,
    state,
    lambdaContext,
    plugins,
    log: {
      requestId,
      executionArn: input.DurableExecutionArn,
      ...(tenantId === undefined ? {} : { tenantId }),
      sink: effects.logSink ?? stdoutSink,
      enrich: plugins.enabled ? () => plugins.enrichLog() : undefined,
    },
    payloadLimits: config?.payloadLimits,
    clock: effects.clock,
    schedule: effects.schedule,
    classifyCheckpointError,
    updatedOperationIds: new Set(input.UpdatedOperationIds ?? []),
  });
  const root = new DurableContextImpl(runtime, {
    node: new ContextNode(undefined),
    rawId: undefined,
    parentWireId: undefined,
    mode: isFirstInvocation ? "execution" : "replay",
    parent: undefined,
    label: "handler",
    preserveChildDepth: rootPreserveChildDepth(config?.pluginsConfig?.childOperationsDepth),
  });
  const base = () => ({
    requestId,
    executionArn: input.DurableExecutionArn,
    executionInput: event,
    operations: plugins.operations(state),
    isFirstInvocation,
    ...(startTimestamp ? { executionStartTimestamp: startTimestamp } : {}),
  });
  const run = async (): Promise<DurableExecutionInvocationOutput> => {
    const outcome = await raceHandler(() => handler(event, root), runtime);
    return finish(outcome, runtime, loaded.executionId, root.node);
  };
  if (!plugins.enabled) {
    try {
      return await run();
    } finally {
      runtime.dispose();
    }
  }
  let output: DurableExecutionInvocationOutput | undefined;
  let thrown: unknown;
  try {
    const info: InvocationInfo = {
      ...base(),
      updatedOperations: updatedInfos(input, plugins.operations(state)),
    };
    await plugins.invocationStart(info);
    output = await plugins.wrapInvocation(info, run);
    return output;
  } catch (error) {
    thrown = error;
    throw error;
  } finally {
    runtime.dispose();
    await plugins.invocationEnd({ ...base(), ...endFields(output, thrown) });
  }
}

/** Plugin infos of the operations the service changed since the previous invocation. */
function updatedInfos(
  input: DurableExecutionInvocationInput,
  operations: Record<string, OperationInfo>,
): Record<string, OperationInfo> {
  const out: Record<string, OperationInfo> = {};
  for (const id of input.UpdatedOperationIds ?? []) {
    const info = operations[id];
    if (info) out[id] = info;
  }
  return out;
}

/** Status, result and error of the invocation as onInvocationEnd reports them (a throw means a Lambda retry). */
function endFields(
  output: DurableExecutionInvocationOutput | undefined,
  thrown: unknown,
): Pick<InvocationEndInfo, "status" | "executionResult" | "executionError"> {
  const status: PluginInvocationStatus = output ? output.Status : "RETRYING";
  const fields: Pick<InvocationEndInfo, "status" | "executionResult" | "executionError"> = { status };
  if (output?.Status === "SUCCEEDED" && output.Result !== undefined) fields.executionResult = output.Result;
  if (output?.Status === "FAILED") fields.executionError = plainErrorFrom(output.Error);
  if (thrown !== undefined) fields.executionError = toError(thrown);
  return fields;
}

type HandlerOutcome =
  | { kind: "returned"; value: unknown }
  | { kind: "threw"; error: unknown }
  | { kind: "terminated"; termination: Termination };

/** The handler raced against the termination signal (suspension or fault). */
async function raceHandler(call: () => Promise<unknown>, runtime: ExecutionRuntime): Promise<HandlerOutcome> {
  const handlerOutcome: Promise<HandlerOutcome> = (async () => {
    try {
      return { kind: "returned", value: await call() } as const;
    } catch (error) {
      return { kind: "threw", error } as const;
    }
  })();
  const terminated = runtime.termination.then((termination): HandlerOutcome => ({
    kind: "terminated",
    termination,
  }));
  return Promise.race([handlerOutcome, terminated]);
}

async function finish(
  outcome: HandlerOutcome,
  runtime: ExecutionRuntime,
  executionId: string | undefined,
  rootNode: ContextNode,
): Promise<DurableExecutionInvocationOutput> {
  if (outcome.kind === "threw" && isUnrecoverableError(outcome.error)) {
    runtime.terminate({ kind: "fault", error: outcome.error });
  }
  if (outcome.kind === "terminated" || runtime.terminated) {
    const termination = outcome.kind === "terminated" ? outcome.termination : await runtime.termination;
    return terminationOutput(termination);
  }
  // The handler settled: nothing may suspend the invocation any more. Let running step functions finish (their
  // completions are checkpointed, as the official SDK does), then flush what is queued.
  runtime.lifecycle.stop();
  const drained = await Promise.race([
    runtime.lifecycle
      .whenNoneExecuting()
      .then(() => runtime.queue.drain())
      .then(() => undefined),
    runtime.termination.then((t) => t),
  ]);
  if (drained) return terminationOutput(drained);
  if (outcome.kind === "threw") return failed(outcome.error);
  const value = outcome.value;
  if (value === undefined) return { Status: "SUCCEEDED" };
  let result: string | undefined;
  try {
    result = JSON.stringify(value);
  } catch (error) {
    return failed(
      new InvalidOperationConfigError(
        `The handler's result cannot be serialized to JSON: ${toError(error).message}`,
      ),
    );
  }
  if (result === undefined) return { Status: "SUCCEEDED" };
  if (
    result.length * 3 > MAX_INLINE_RESULT_BYTES &&
    Buffer.byteLength(result, "utf8") > MAX_INLINE_RESULT_BYTES
  ) {
    // Too large for the response: checkpoint it on the EXECUTION operation itself ([ours]: its own id).
    const checkpointed = runtime.queue.enqueue(
      { Id: executionId, Type: "EXECUTION", Action: "SUCCEED", Payload: result },
      "execution-result",
      rootNode,
    );
    const stopped = await Promise.race([
      checkpointed.then(() => undefined),
      runtime.termination.then((t) => t),
    ]);
    if (stopped) return terminationOutput(stopped);
    return { Status: "SUCCEEDED", Result: "" };
  }
  return { Status: "SUCCEEDED", Result: result };
}

/** `childOperationsDepth` d (1 = top-level contexts keep their children) → the root's budget d + 1. */
function rootPreserveChildDepth(depth: number | undefined): number {
  if (depth === undefined || depth <= 0) return 0;
  return depth === Number.POSITIVE_INFINITY ? depth : depth + 1;
}

function terminationOutput(termination: Termination): DurableExecutionInvocationOutput {
  if (termination.kind === "suspend") return { Status: "PENDING" };
  const error = termination.error;
  if (isUnrecoverableError(error) && error.scope === "INVOCATION") throw error;
  return { Status: "FAILED", Error: { ErrorType: error.name, ErrorMessage: error.message } };
}
