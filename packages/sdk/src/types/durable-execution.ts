// withDurableExecution configuration, handler shapes and the transport interface.
import type { DurableContext } from "./durable-context.js";
import type {
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  LambdaContext,
} from "./core.js";
import type { DurableLogger } from "./logger-types.js";
import type { DurableInstrumentationPlugin } from "./plugin.js";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "./wire.js";

/**
 * The user's durable handler.
 *
 * @example
 * const fn: DurableExecutionHandler<{ n: number }, number> = async (e, ctx) => ctx.step(async () => e.n * 2);
 */
export type DurableExecutionHandler<
  TEvent = any,
  TResult = any,
  TLogger extends DurableLogger = DurableLogger,
> = (event: TEvent, context: DurableContext<TLogger>) => Promise<TResult>;

/**
 * The backend seam: every way of talking to the durable execution service implements this.
 * Errors carry `name` and `$metadata.httpStatusCode` (the AWS SDK error shape) or are
 * `DurableExecutionClientError`s, so one classifier serves every implementation.
 *
 * @example
 * const client: DurableExecutionClient = {
 *   getExecutionState: async () => ({ Operations: [] }),
 *   checkpoint: async (req) => ({ CheckpointToken: "next", NewExecutionState: { Operations: [] } }),
 * };
 */
export interface DurableExecutionClient {
  getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse>;
  checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse>;
}

/** Structural stand-in for `@aws-sdk/client-lambda`'s `LambdaClient` (an optional peer dependency). */
export interface LambdaClientLike {
  send(command: any, options?: any): Promise<any>;
}

/**
 * Options of `withDurableExecution`.
 *
 * @example
 * export const handler = withDurableExecution(fn, { plugins: [myPlugin] });
 */
export interface DurableExecutionConfig {
  /** @deprecated Use `durableExecutionClient`. A `LambdaClient` used for the service calls. */
  client?: LambdaClientLike;
  /** Replaces the default transport entirely. Cannot be combined with `client`. */
  durableExecutionClient?: DurableExecutionClient;
  plugins?: DurableInstrumentationPlugin[];
  pluginsConfig?: {
    /** Contexts up to this depth keep their children visible (ReplayChildren) for plugins. */
    childOperationsDepth?: number;
  };
  /** Per-operation-type payload limits in UTF-8 bytes (durable-lambda extension). */
  payloadLimits?: PayloadLimits;
}

/**
 * Payload size limits per operation type, in UTF-8 bytes. `STEP` (steps and waitForCondition states),
 * `CONTEXT` and `CHAINED_INVOKE` (the invoke input) reject a larger payload with `PayloadTooLargeError`
 * (defaults 256 KiB); `EXECUTION` is the largest handler result returned inline (default 6 MiB − 50 bytes) — a
 * larger result is checkpointed on the EXECUTION operation instead. Callback results are not limited here:
 * the SDK never sends them.
 *
 * @example
 * withDurableExecution(fn, { payloadLimits: { STEP: 1_000_000 } });
 */
export type PayloadLimits = Partial<Record<"STEP" | "CONTEXT" | "CHAINED_INVOKE" | "EXECUTION", number>>;

/** The Lambda handler produced by `withDurableExecution`. */
export type DurableLambdaHandler = (
  event: DurableExecutionInvocationInput,
  context: LambdaContext,
) => Promise<DurableExecutionInvocationOutput>;
