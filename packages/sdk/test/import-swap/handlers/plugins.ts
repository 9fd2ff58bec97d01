// withDurableExecution options: plugins and pluginsConfig, with a plugin implementing the lifecycle hooks, and
// a plugin provider as packages publish them.
import {
  DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
  withDurableExecution,
  type AttemptEndInfo,
  type DurableExecutionConfig,
  type DurableInstrumentationPlugin,
  type DurableInstrumentationPluginProvider,
  type InvocationEndInfo,
  type InvocationInfo,
  type OperationEndInfo,
  type OperationInfo,
} from "durable-lambda";

/** Hook events seen by the plugin, in order (tests read it). */
export const hookEvents: string[] = [];

class AuditPlugin implements DurableInstrumentationPlugin {
  async onInvocationStart(info: InvocationInfo): Promise<void> {
    hookEvents.push(`invocation-start first=${info.isFirstInvocation}`);
  }
  async onInvocationEnd(info: InvocationEndInfo): Promise<void> {
    hookEvents.push(`invocation-end ${info.status}`);
  }
  async onOperationStart(info: OperationInfo): Promise<void> {
    hookEvents.push(`operation-start ${info.type} ${info.name ?? "-"} replay=${info.isReplay}`);
  }
  async onOperationEnd(info: OperationEndInfo): Promise<void> {
    hookEvents.push(`operation-end ${info.type} ${info.name ?? "-"} ${info.status ?? "?"}`);
  }
  async onOperationAttemptEnd(info: AttemptEndInfo): Promise<void> {
    hookEvents.push(`attempt-end ${info.name ?? "-"} #${info.attempt} ${info.outcome}`);
  }
}

/** How a plugin package would expose the plugin for loading by name. */
export const auditPluginProvider: DurableInstrumentationPluginProvider<AuditPlugin> = {
  pluginApiVersion: DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
  pluginType: AuditPlugin,
  createPlugin: () => new AuditPlugin(),
};

const config: DurableExecutionConfig = {
  plugins: [auditPluginProvider.createPlugin()],
  pluginsConfig: { childOperationsDepth: 1 },
};

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const greeting = await context.step("greet", async () => "hello");
  await context.wait("pause", { seconds: 3 });
  return context.runInChildContext("shout", async (child) =>
    child.step("upper", async () => greeting.toUpperCase()),
  );
}, config);
