// 10-19 Invocation hook info field set: one canonical dump of each invocation hook's own info. Fields the SDK
// does not expose are omitted — 2.4.0's end info lacks isFirstInvocation, which this requirement reports.
import { withDurableExecution, type DurableInstrumentationPlugin } from "durable-lambda";
import { dumpInvocationInfo, PluginRecordWriter } from "../_support/plugin-records.js";

const records = new PluginRecordWriter("CONFPLUGIN");

const invocationDumpPlugin: DurableInstrumentationPlugin = {
  async onInvocationStart(info) {
    records.bindExecution(info.executionArn);
    records.write({ hook: "invocation-start", ...dumpInvocationInfo(info) });
  },
  async onInvocationEnd(info) {
    records.write({ hook: "invocation-end", ...dumpInvocationInfo(info) });
  },
};

export const handler = withDurableExecution(
  async (event: string, context) => {
    await context.wait({ seconds: 2 });
    return `done-${event}`;
  },
  { plugins: [invocationDumpPlugin] },
);
