// 10-8 Plugin operation-change hook: each updated step is reported with its new status and whether it is in
// the full operation map (it always must be).
import { withDurableExecution, type DurableInstrumentationPlugin } from "durable-lambda";
import { isStepOperation, PluginRecordWriter } from "../_support/plugin-records.js";

const records = new PluginRecordWriter("CONFPLUGIN");

const changePlugin: DurableInstrumentationPlugin = {
  async onInvocationStart(info) {
    records.bindExecution(info.executionArn);
  },
  async onOperationChange(info) {
    for (const [id, operation] of Object.entries(info.updatedOperations)) {
      if (!isStepOperation(operation)) continue;
      records.write({
        hook: "operation-change",
        op: operation.id,
        status: operation.status,
        in_full_map: Object.hasOwn(info.operations, id),
      });
    }
  },
};

export const handler = withDurableExecution(
  async (event: string, context) => context.step(async () => `Hello, ${event}!`),
  { plugins: [changePlugin] },
);
