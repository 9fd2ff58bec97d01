// 10-9 Plugin sees a wait completed between invocations: on the replay after the 2 s wait, invocation start
// reports the wait among the operations updated externally.
import { withDurableExecution, type DurableInstrumentationPlugin } from "durable-lambda";
import { PluginRecordWriter } from "../_support/plugin-records.js";

const records = new PluginRecordWriter("CONFPLUGIN");

const updatedOperationsPlugin: DurableInstrumentationPlugin = {
  async onInvocationStart(info) {
    records.bindExecution(info.executionArn);
    for (const operation of Object.values(info.updatedOperations)) {
      if (operation.type !== "WAIT") continue;
      records.write({
        hook: "updated-on-invoke",
        op: operation.id,
        status: operation.status,
        first: info.isFirstInvocation,
      });
    }
  },
};

export const handler = withDurableExecution(
  async (_event: unknown, context) => {
    await context.wait({ seconds: 2 });
  },
  { plugins: [updatedOperationsPlugin] },
);
