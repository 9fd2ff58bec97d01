// Instrumentation plugins (SDK.md §11). Every hook is optional and isolated: a throw or rejection is swallowed
// and never changes the outcome or blocks another plugin. With no plugins every entry point is a cheap no-op,
// so operation info is never built on the hot path.
import { plainErrorFrom, PluginLoadError } from "./errors.js";
import type { ExecutionState } from "./replay/execution-state.js";
import type { DurableExecutionInvocationOutput } from "./types/core.js";
import type {
  AttemptEndInfo,
  AttemptInfo,
  CustomerFn,
  DurableInstrumentationPlugin,
  DurableInstrumentationPluginProvider,
  InvocationEndInfo,
  InvocationInfo,
  OperationEndInfo,
  OperationInfo,
  PluginOperationStatus,
} from "./types/plugin.js";
import { DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION } from "./types/plugin.js";
import type { Operation } from "./types/wire.js";

/** Build the plugin view of a stored operation. */
export function toOperationInfo(op: Operation, isReplay: boolean): OperationInfo {
  const info: OperationInfo = { id: op.Id ?? "", type: op.Type ?? "", isReplay };
  if (op.Name !== undefined) info.name = op.Name;
  if (op.SubType !== undefined) info.subType = op.SubType;
  if (op.ParentId !== undefined) info.parentId = op.ParentId;
  if (op.Status !== undefined) info.status = op.Status as PluginOperationStatus;
  if (op.StartTimestamp) info.startTimestamp = op.StartTimestamp;
  if (op.EndTimestamp) info.endTimestamp = op.EndTimestamp;
  const result =
    op.StepDetails?.Result ??
    op.ContextDetails?.Result ??
    op.CallbackDetails?.Result ??
    op.ChainedInvokeDetails?.Result;
  if (result !== undefined) info.result = result;
  const error =
    op.StepDetails?.Error ??
    op.ContextDetails?.Error ??
    op.CallbackDetails?.Error ??
    op.ChainedInvokeDetails?.Error;
  if (error) info.error = plainErrorFrom(error);
  if (op.StepDetails?.Attempt !== undefined) info.attempt = op.StepDetails.Attempt;
  return info;
}

/** All records as plugin infos, keyed by id. Built only when a plugin asks (never per operation). */
export function operationsSnapshot(state: ExecutionState): Record<string, OperationInfo> {
  const out: Record<string, OperationInfo> = {};
  for (const op of state.all()) if (op.Id !== undefined) out[op.Id] = toOperationInfo(op, true);
  return out;
}

/**
 * Dispatches hooks to the registered plugins.
 *
 * @example
 * const hub = new PluginHub([myPlugin]);
 * await hub.operationStart(info);
 */
export class PluginHub {
  readonly enabled: boolean;
  private executionArn = "";
  private snapshot: Record<string, OperationInfo> | undefined;

  constructor(private readonly plugins: readonly DurableInstrumentationPlugin[]) {
    this.enabled = plugins.length > 0;
  }

  setExecutionArn(arn: string): void {
    this.executionArn = arn;
  }

  /** Awaits every plugin's hook concurrently; failures are swallowed. */
  private async fire<K extends keyof DurableInstrumentationPlugin>(
    hook: K,
    ...args: unknown[]
  ): Promise<void> {
    if (!this.enabled) return;
    await Promise.all(
      this.plugins.map(async (plugin) => {
        const fn = plugin[hook] as ((...a: unknown[]) => unknown) | undefined;
        if (typeof fn !== "function") return;
        try {
          await fn.apply(plugin, args);
        } catch {
          // Isolated by contract: a plugin never changes the outcome.
        }
      }),
    );
  }

  invocationStart(info: InvocationInfo): Promise<void> {
    return this.fire("onInvocationStart", info);
  }
  invocationEnd(info: InvocationEndInfo): Promise<void> {
    return this.fire("onInvocationEnd", info);
  }
  operationStart(info: OperationInfo): Promise<void> {
    return this.fire("onOperationStart", info);
  }
  operationEnd(info: OperationEndInfo): Promise<void> {
    return this.fire("onOperationEnd", info);
  }
  attemptStart(info: AttemptInfo): Promise<void> {
    return this.fire("onOperationAttemptStart", info);
  }
  attemptEnd(info: AttemptEndInfo): Promise<void> {
    return this.fire("onOperationAttemptEnd", info);
  }

  /**
   * The full operations map handed to hooks. Built once per invocation, then kept current from checkpoint
   * responses in O(changed), so no hook call scans every operation. Hooks must treat it as read-only.
   */
  operations(state: ExecutionState): Record<string, OperationInfo> {
    this.snapshot ??= operationsSnapshot(state);
    return this.snapshot;
  }

  /** Fire onOperationChange for records whose status changed in a checkpoint response. */
  operationsChanged(changed: readonly Operation[], state: ExecutionState): void {
    if (!this.enabled) return;
    const updatedOperations: Record<string, OperationInfo> = {};
    for (const op of changed) if (op.Id !== undefined) updatedOperations[op.Id] = toOperationInfo(op, false);
    if (this.snapshot) Object.assign(this.snapshot, updatedOperations);
    if (!this.plugins.some((p) => typeof p.onOperationChange === "function")) return;
    void this.fire("onOperationChange", {
      executionArn: this.executionArn,
      updatedOperations,
      operations: this.operations(state),
    });
  }

  /** Wrap the whole invocation; a throwing wrapper is bypassed. */
  async wrapInvocation(
    info: InvocationInfo,
    fn: () => Promise<DurableExecutionInvocationOutput>,
  ): Promise<DurableExecutionInvocationOutput> {
    return this.wrap("wrapInvocation", info, fn as CustomerFn) as Promise<DurableExecutionInvocationOutput>;
  }

  /** Wrap an attempt's user function. */
  wrapAttempt<T>(info: AttemptInfo, fn: () => Promise<T>): Promise<T> {
    return this.wrap("wrapOperationAttemptFn", info, fn) as Promise<T>;
  }

  /** Wrap a context-type user function. */
  wrapChildFn<T>(info: OperationInfo, fn: () => Promise<T>): Promise<T> {
    return this.wrap("wrapChildContextFn", info, fn) as Promise<T>;
  }

  /**
   * Nest the wrappers of every plugin that has `hook` around `fn`. The user function runs exactly once: if a
   * wrapper throws before calling it, it is called directly; if a wrapper throws after, its result still wins.
   */
  private async wrap(
    hook: "wrapInvocation" | "wrapOperationAttemptFn" | "wrapChildContextFn",
    info: unknown,
    fn: CustomerFn,
  ): Promise<unknown> {
    let call: () => Promise<unknown> = async () => fn();
    if (this.enabled) {
      for (const plugin of this.plugins) {
        const wrapper = plugin[hook] as ((i: unknown, f: CustomerFn) => unknown) | undefined;
        if (typeof wrapper !== "function") continue;
        const inner = call;
        call = () => isolatedWrap(wrapper.bind(plugin), info, inner);
      }
    }
    return call();
  }

  /** Extra log fields; a throwing hook contributes nothing. */
  enrichLog(): Record<string, unknown> | undefined {
    if (!this.enabled) return undefined;
    let out: Record<string, unknown> | undefined;
    for (const plugin of this.plugins) {
      if (typeof plugin.enrichLogContext !== "function") continue;
      try {
        const fields = plugin.enrichLogContext();
        if (fields) out = { ...out, ...fields };
      } catch {
        // isolated
      }
    }
    return out;
  }
}

/** Run `wrapper(info, inner)` so that `inner` runs exactly once and the wrapper cannot change its outcome. */
async function isolatedWrap(
  wrapper: (info: unknown, fn: CustomerFn) => unknown,
  info: unknown,
  inner: () => Promise<unknown>,
): Promise<unknown> {
  let innerPromise: Promise<unknown> | undefined;
  const once = (): Promise<unknown> => (innerPromise ??= inner());
  try {
    await wrapper(info, once);
  } catch {
    // isolated: fall through to the user's own outcome
  }
  return once();
}

/**
 * Load plugin providers named in `DURABLE_EXECUTION_PLUGINS` (comma-separated package names). Throws
 * {@link PluginLoadError} when a package cannot be imported or exports no valid provider.
 *
 * @example
 * const plugins = await loadEnvironmentPlugins(process.env.DURABLE_EXECUTION_PLUGINS);
 */
export async function loadEnvironmentPlugins(
  list: string | undefined,
): Promise<DurableInstrumentationPlugin[]> {
  if (!list || list.trim() === "") return [];
  const plugins: DurableInstrumentationPlugin[] = [];
  for (const name of list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(name)) as Record<string, unknown>;
    } catch (error) {
      throw new PluginLoadError(`Cannot load plugin package "${name}": ${(error as Error).message}`, {
        cause: error,
      });
    }
    const provider = (mod["durableExecutionPluginProvider"] ??
      (mod["default"] as Record<string, unknown> | undefined)?.["durableExecutionPluginProvider"]) as
      DurableInstrumentationPluginProvider | undefined;
    if (!provider || typeof provider.createPlugin !== "function") {
      throw new PluginLoadError(`Plugin package "${name}" does not export durableExecutionPluginProvider`);
    }
    if (provider.pluginApiVersion !== DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION) {
      throw new PluginLoadError(
        `Plugin package "${name}" declares pluginApiVersion ${String(provider.pluginApiVersion)}, expected ${DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION}`,
      );
    }
    try {
      plugins.push(provider.createPlugin());
    } catch (error) {
      throw new PluginLoadError(
        `Plugin package "${name}" failed to create its plugin: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
  return plugins;
}
