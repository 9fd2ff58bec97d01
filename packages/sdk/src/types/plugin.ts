// Instrumentation plugin contract (SDK.md §11).
import type { DurableExecutionInvocationOutput } from "./core.js";

/** Version of the plugin API a provider must declare. */
export const DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION = 1;

/**
 * Invocation outcome reported to plugins.
 *
 * @example
 * if (info.status === PluginInvocationStatus.PENDING) metrics.suspended++;
 */
export const PluginInvocationStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  PENDING: "PENDING",
  RETRYING: "RETRYING",
} as const;
export type PluginInvocationStatus = (typeof PluginInvocationStatus)[keyof typeof PluginInvocationStatus];

/** Operation status reported to plugins (the wire statuses). */
export const PluginOperationStatus = {
  STARTED: "STARTED",
  READY: "READY",
  PENDING: "PENDING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMED_OUT: "TIMED_OUT",
  STOPPED: "STOPPED",
  CANCELLED: "CANCELLED",
} as const;
export type PluginOperationStatus = (typeof PluginOperationStatus)[keyof typeof PluginOperationStatus];

/** An operation as seen by plugins. `id` is the wire id (equal to the history's `Id`). */
export interface OperationInfo {
  id: string;
  name?: string;
  type: string;
  subType?: string;
  parentId?: string;
  status?: PluginOperationStatus;
  startTimestamp?: Date;
  endTimestamp?: Date;
  /** The serialized payload string. */
  result?: string;
  /** Rebuilt from the stored ErrorObject; message = ErrorMessage. */
  error?: Error;
  /** 1-based. */
  attempt?: number;
  isReplay: boolean;
  /** True when a context function re-runs to replay checkpointed children (durable-lambda extension). */
  isReplayingChildren?: boolean;
}

/** Passed to `onOperationEnd`. */
export interface OperationEndInfo extends OperationInfo {
  error?: Error;
}

/** Passed around each step / check function attempt. */
export interface AttemptInfo extends OperationInfo {
  attempt: number;
}

/** Outcome of one attempt. */
export const AttemptEndInfoOutcome = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
} as const;
export type AttemptEndInfoOutcome = (typeof AttemptEndInfoOutcome)[keyof typeof AttemptEndInfoOutcome];

/** Passed to `onOperationAttemptEnd`. */
export interface AttemptEndInfo extends AttemptInfo {
  outcome: AttemptEndInfoOutcome;
  error?: Error;
}

/** Fields common to invocation hooks. */
export interface InvocationBaseInfo {
  requestId: string;
  executionArn: string;
  executionInput: unknown;
  operations: Record<string, OperationInfo>;
  executionStartTimestamp?: Date;
}

/** Passed to `onInvocationStart` and `wrapInvocation`. */
export interface InvocationInfo extends InvocationBaseInfo {
  isFirstInvocation: boolean;
  updatedOperations: Record<string, OperationInfo>;
}

/** Passed to `onInvocationEnd`. */
export interface InvocationEndInfo extends InvocationBaseInfo {
  status: PluginInvocationStatus;
  executionResult?: unknown;
  executionError?: Error;
  /** (durable-lambda extension; missing in the official 2.4.0.) */
  isFirstInvocation: boolean;
}

/** Passed to `onOperationChange` after a checkpoint response changed at least one status. */
export interface OperationChangeInfo {
  executionArn: string;
  updatedOperations: Record<string, OperationInfo>;
  operations: Record<string, OperationInfo>;
}

/** Return value of a wrapped user function. */
export type CustomerFnResult = unknown;
/** A user function handed to a wrap hook; call it exactly once. */
export type CustomerFn = () => CustomerFnResult;

/**
 * An instrumentation plugin. Every hook is optional; a throwing hook is isolated and never changes the outcome.
 *
 * @example
 * const timing: DurableInstrumentationPlugin = {
 *   async onOperationEnd(info) { console.log(info.id, info.status); },
 * };
 * export const handler = withDurableExecution(fn, { plugins: [timing] });
 */
export interface DurableInstrumentationPlugin {
  onInvocationStart?(info: InvocationInfo): Promise<void>;
  wrapInvocation?(
    info: InvocationInfo,
    fn: () => Promise<DurableExecutionInvocationOutput>,
  ): Promise<DurableExecutionInvocationOutput>;
  onInvocationEnd?(info: InvocationEndInfo): Promise<void>;
  onOperationStart?(info: OperationInfo): Promise<void>;
  wrapChildContextFn?(info: OperationInfo, fn: CustomerFn): CustomerFnResult;
  onOperationEnd?(info: OperationEndInfo): Promise<void>;
  onOperationAttemptStart?(info: AttemptInfo): Promise<void>;
  wrapOperationAttemptFn?(info: AttemptInfo, fn: CustomerFn): CustomerFnResult;
  onOperationAttemptEnd?(info: AttemptEndInfo): Promise<void>;
  onOperationChange?(info: OperationChangeInfo): Promise<void>;
  enrichLogContext?(): Record<string, string | number | boolean> | undefined;
}

/** The class of a plugin. */
export type DurableInstrumentationPluginType<
  Plugin extends DurableInstrumentationPlugin = DurableInstrumentationPlugin,
> = abstract new (...args: never[]) => Plugin;

/**
 * What a package named in `DURABLE_EXECUTION_PLUGINS` exports as `durableExecutionPluginProvider`.
 *
 * @example
 * export const durableExecutionPluginProvider = { pluginApiVersion: 1, pluginType: MyPlugin, createPlugin: () => new MyPlugin() };
 */
export interface DurableInstrumentationPluginProvider<
  Plugin extends DurableInstrumentationPlugin = DurableInstrumentationPlugin,
> {
  readonly pluginApiVersion: typeof DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION;
  readonly pluginType: DurableInstrumentationPluginType<Plugin>;
  createPlugin(): Plugin;
}
