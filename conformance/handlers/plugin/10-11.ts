// 10-11 Plugin parent ids: operation-end for the step names the child context as parent; the child has none.
import { withDurableExecution, type DurableInstrumentationPlugin } from "durable-lambda";
import { PluginRecordWriter } from "../_support/plugin-records.js";

const records = new PluginRecordWriter("CONFPLUGIN");

const parentagePlugin: DurableInstrumentationPlugin = {
  async onInvocationStart(info) {
    records.bindExecution(info.executionArn);
  },
  async onOperationEnd(info) {
    records.write({
      hook: "operation-end",
      op: info.id,
      parent: info.parentId ?? "NONE",
      status: info.status,
    });
  },
};

export const handler = withDurableExecution(
  async (event: string, context) =>
    context.runInChildContext(async (child) => child.step(async () => `Hello, ${event}!`)),
  { plugins: [parentagePlugin] },
);
