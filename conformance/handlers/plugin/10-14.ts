// 10-14 Plugin operation-end details: the serialized result on success, the error message on failure.
import { retryPresets, withDurableExecution, type DurableInstrumentationPlugin } from "durable-lambda";
import { isStepOperation, PluginRecordWriter } from "../_support/plugin-records.js";

const records = new PluginRecordWriter("CONFPLUGIN");

const outcomePlugin: DurableInstrumentationPlugin = {
  async onInvocationStart(info) {
    records.bindExecution(info.executionArn);
  },
  async onOperationEnd(info) {
    if (!isStepOperation(info)) return;
    records.write({
      hook: "operation-end",
      op: info.id,
      status: info.status,
      result: info.result ?? "NONE",
      error: info.error?.message ?? "NONE",
    });
  },
};

export const handler = withDurableExecution(
  async (_event: unknown, context) => {
    await context.step(async () => "task-a");
    return context.step(
      async (): Promise<string> => {
        throw new Error("boom");
      },
      { retryStrategy: retryPresets.noRetry },
    );
  },
  { plugins: [outcomePlugin] },
);
