// 10-16 Invocation-end per invocation: the suspending first invocation ends non-terminal, the replay ends
// SUCCEEDED. `first` on the end record comes from the end info when the SDK exposes it there, else from this
// invocation's start (same process, so no state crosses invocations).
import { withDurableExecution, type DurableInstrumentationPlugin } from "durable-lambda";
import { isTerminalStatus, PluginRecordWriter } from "../_support/plugin-records.js";

const records = new PluginRecordWriter("CONFPLUGIN");
let firstAtStart: boolean | undefined;

const invocationPlugin: DurableInstrumentationPlugin = {
  async onInvocationStart(info) {
    records.bindExecution(info.executionArn);
    firstAtStart = info.isFirstInvocation;
    records.write({ hook: "invocation-start", first: info.isFirstInvocation });
  },
  async onInvocationEnd(info) {
    const fromEndInfo = (info as unknown as Record<string, unknown>)["isFirstInvocation"];
    records.write({
      hook: "invocation-end",
      first: typeof fromEndInfo === "boolean" ? fromEndInfo : firstAtStart,
      terminal: isTerminalStatus(info.status),
      status: info.status,
    });
  },
};

export const handler = withDurableExecution(
  async (_event: unknown, context) => {
    await context.wait({ seconds: 2 });
  },
  { plugins: [invocationPlugin] },
);
