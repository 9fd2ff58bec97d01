// 10-22 Operation-change info field set: a canonical dump of each updated step plus the change's own fields.
import { withDurableExecution, type DurableInstrumentationPlugin } from "durable-lambda";
import { dumpOperationInfo, isStepOperation, PluginRecordWriter } from "../_support/plugin-records.js";

const records = new PluginRecordWriter("CONFPLUGIN");

const changeDumpPlugin: DurableInstrumentationPlugin = {
  async onInvocationStart(info) {
    records.bindExecution(info.executionArn);
  },
  async onOperationChange(info) {
    const updated = Object.entries(info.updatedOperations);
    for (const [id, operation] of updated) {
      if (!isStepOperation(operation)) continue;
      records.write({
        hook: "operation-change",
        executionArn: info.executionArn,
        updatedOperationsCount: updated.length,
        operationsCount: Object.keys(info.operations).length,
        inFullMap: Object.hasOwn(info.operations, id),
        ...dumpOperationInfo(operation),
      });
    }
  },
};

export const handler = withDurableExecution(
  async (_event: unknown, context) => context.step("greet", async () => "task-a"),
  { plugins: [changeDumpPlugin] },
);
