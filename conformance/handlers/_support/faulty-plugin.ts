// A plugin whose every hook logs a record and then throws (10-4, 10-17): the SDK must swallow each failure
// without changing the execution or starving other plugins.
import type { DurableInstrumentationPlugin } from "durable-lambda";
import { isStepOperation, PluginRecordWriter } from "./plugin-records.js";

/** The deliberate failure thrown from every hook of the faulty plugin. */
export class FaultyPluginError extends Error {
  constructor(hook: string) {
    super(`Faulty plugin failed in its ${hook} hook (on purpose)`);
    this.name = "FaultyPluginError";
  }
}

/**
 * Creates a plugin tagged CONFPLUGIN-FAULTY that logs `{hook}` and throws from invocation hooks and from
 * operation/attempt hooks of steps.
 *
 * @example
 * withDurableExecution(handler, { plugins: [createFaultyPlugin(), healthyPlugin] });
 */
export function createFaultyPlugin(): DurableInstrumentationPlugin {
  const records = new PluginRecordWriter("CONFPLUGIN-FAULTY");
  const fail = (hook: string): never => {
    records.write({ hook });
    throw new FaultyPluginError(hook);
  };
  return {
    async onInvocationStart(info) {
      records.bindExecution(info.executionArn);
      fail("invocation-start");
    },
    async onInvocationEnd() {
      fail("invocation-end");
    },
    async onOperationStart(info) {
      if (isStepOperation(info)) fail("operation-start");
    },
    async onOperationEnd(info) {
      if (isStepOperation(info)) fail("operation-end");
    },
    async onOperationAttemptStart(info) {
      if (isStepOperation(info)) fail("attempt-start");
    },
    async onOperationAttemptEnd(info) {
      if (isStepOperation(info)) fail("attempt-end");
    },
  };
}
