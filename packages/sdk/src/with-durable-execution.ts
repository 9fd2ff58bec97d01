// The Lambda entry point (SDK.md §1): validate the envelope, load state (paging), run the handler raced
// against the termination signal, and turn the outcome into the invocation output.
import { ContextNode } from "./context/context-node.js";
import { DurableContextImpl } from "./context/durable-context.js";
import { ExecutionRuntime, type RuntimeClock } from "./context/execution-runtime.js";
import { plainErrorFrom, toError } from "./errors.js";
import { failed, finish, raceHandler } from "./invocation-outcome.js";
import {
  classifyCheckpointError,
  loadDefaultClient,
  loadExecution,
  prepare,
  validateEnvelope,
  type Setup,
} from "./invocation-setup.js";
import { stdoutSink, type LogSink } from "./logger.js";
import { loadEnvironmentPlugins, PluginHub } from "./plugins.js";
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

/** `childOperationsDepth` d (1 = top-level contexts keep their children) → the root's budget d + 1. */
function rootPreserveChildDepth(depth: number | undefined): number {
  if (depth === undefined || depth <= 0) return 0;
  return depth === Number.POSITIVE_INFINITY ? depth : depth + 1;
}
