// 10-23 Context operations and their user functions: operation-start dumps for CONTEXT operations (the
// Parallel and its branches) and a fn-start dump each time a branch function runs, including the SDK's
// children-replay indicator (branch-a re-runs after its 2 s wait to replay its step and wait).
import { withDurableExecution, type DurableInstrumentationPlugin, type OperationInfo } from "durable-lambda";
import { dumpOperationInfo, PluginRecordWriter } from "../_support/plugin-records.js";

const records = new PluginRecordWriter("CONFPLUGIN");

const isContextOperation = (info: OperationInfo): boolean => info.type === "CONTEXT";

const contextPlugin: DurableInstrumentationPlugin = {
  async onInvocationStart(info) {
    records.bindExecution(info.executionArn);
  },
  async onOperationStart(info) {
    if (isContextOperation(info)) records.write({ hook: "operation-start", ...dumpOperationInfo(info) });
  },
  wrapChildContextFn(info, fn) {
    if (isContextOperation(info)) records.write({ hook: "fn-start", ...dumpOperationInfo(info) });
    return fn();
  },
};

export const handler = withDurableExecution(
  async (_event: unknown, context) => {
    const result = await context.parallel(
      "ctx",
      [
        {
          name: "branch-a",
          func: async (branch) => {
            await branch.step("inner", async () => "x");
            await branch.wait({ seconds: 2 });
            return "a-done";
          },
        },
        { name: "branch-b", func: async () => "b-done" },
      ],
      { maxConcurrency: 1 },
    );
    return result.getResults();
  },
  { plugins: [contextPlugin] },
);
