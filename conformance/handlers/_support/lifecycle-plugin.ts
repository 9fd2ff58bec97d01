// The lifecycle records most plugin requirements assert (10-1, 10-2, 10-3, 10-6, 10-13, 10-17), written by one
// configurable plugin: each requirement switches on the hook groups its prose asks for.
import type { DurableInstrumentationPlugin } from "durable-lambda";
import { isStepOperation, PluginRecordWriter } from "./plugin-records.js";

/** Which hook groups the plugin records; the execution ARN is always captured at invocation start. */
export interface LifecycleHooks {
  /** `invocation-start {first}` and `invocation-end {status}`. */
  invocation?: boolean;
  /** For steps: `operation-start {op, replay}` and `operation-end {op, status}`. */
  operation?: boolean;
  /** For steps: `attempt-start {n, op}` and `attempt-end {n, outcome, op}`. */
  attempt?: boolean;
}

/**
 * Creates a plugin that writes lifecycle records tagged `tag` for the selected hook groups.
 *
 * @example
 * withDurableExecution(handler, { plugins: [createLifecyclePlugin("CONFPLUGIN", { invocation: true })] });
 */
export function createLifecyclePlugin(tag: string, hooks: LifecycleHooks): DurableInstrumentationPlugin {
  const records = new PluginRecordWriter(tag);
  return {
    async onInvocationStart(info) {
      records.bindExecution(info.executionArn);
      if (hooks.invocation) records.write({ hook: "invocation-start", first: info.isFirstInvocation });
    },
    async onInvocationEnd(info) {
      if (hooks.invocation) records.write({ hook: "invocation-end", status: info.status });
    },
    async onOperationStart(info) {
      if (hooks.operation && isStepOperation(info)) {
        records.write({ hook: "operation-start", op: info.id, replay: info.isReplay });
      }
    },
    async onOperationEnd(info) {
      if (hooks.operation && isStepOperation(info)) {
        records.write({ hook: "operation-end", op: info.id, status: info.status });
      }
    },
    async onOperationAttemptStart(info) {
      if (hooks.attempt && isStepOperation(info))
        records.write({ hook: "attempt-start", n: info.attempt, op: info.id });
    },
    async onOperationAttemptEnd(info) {
      if (hooks.attempt && isStepOperation(info)) {
        records.write({ hook: "attempt-end", n: info.attempt, outcome: info.outcome, op: info.id });
      }
    },
  };
}
