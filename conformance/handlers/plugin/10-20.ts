// 10-20 Operation hook info field set: canonical dumps of operation-start and operation-end for the step "greet".
import { withDurableExecution, type DurableInstrumentationPlugin } from "durable-lambda";
import { dumpOperationInfo, isStepOperation, PluginRecordWriter } from "../_support/plugin-records.js";

const records = new PluginRecordWriter("CONFPLUGIN");

const operationDumpPlugin: DurableInstrumentationPlugin = {
  async onInvocationStart(info) {
    records.bindExecution(info.executionArn);
  },
  async onOperationStart(info) {
    if (isStepOperation(info)) records.write({ hook: "operation-start", ...dumpOperationInfo(info) });
  },
  async onOperationEnd(info) {
    if (isStepOperation(info)) records.write({ hook: "operation-end", ...dumpOperationInfo(info) });
  },
};

export const handler = withDurableExecution(
  async (_event: unknown, context) => context.step("greet", async () => "task-a"),
  { plugins: [operationDumpPlugin] },
);
