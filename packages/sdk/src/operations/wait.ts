// ctx.wait (SDK.md §4.3): WAIT START{WaitSeconds} (awaited), then wait for SUCCEEDED — polled in-process while
// other work runs, otherwise the invocation suspends. A STARTED record is waited on again without a new START.
import type { DurableContextImpl } from "../context/durable-context.js";
import { never } from "../context/execution-runtime.js";
import type { DurablePromise } from "../durable-promise.js";
import { MAX_WAIT_SECONDS, wholeSeconds } from "../duration.js";
import { OperationSubType, type Duration } from "../types/core.js";
import { emitOperationEnd, emitOperationStart, emitReplayedTerminal } from "./operation-hooks.js";
import { isTerminal, reconstructError } from "./record-outcome.js";

/** Durable pause of whole seconds in 1..31,622,400 (validated before anything is checkpointed). */
export function runWait(
  ctx: DurableContextImpl<any>,
  name: string | undefined,
  duration: Duration,
): DurablePromise<void> {
  return ctx.start(() => {
    const waitSeconds = wholeSeconds(duration, "wait duration", 1, MAX_WAIT_SECONDS);
    const slot = ctx.nextOperation({ type: "WAIT", subType: OperationSubType.WAIT, name });
    return async () => {
      let record = slot.record;
      if (isTerminal(record)) {
        emitReplayedTerminal(slot, record);
        if (record.Status === "SUCCEEDED") return;
        throw reconstructError(record, "Wait failed");
      }
      if (ctx.mode === "replay-succeeded") return never();
      if (record) void emitOperationStart(slot, true, record.Status);
      else {
        void emitOperationStart(slot, false);
        await slot.send("START", { WaitOptions: { WaitSeconds: waitSeconds } });
      }
      for (record = slot.record; !isTerminal(record); record = slot.record) {
        await slot.waitForChange("wait", record?.WaitDetails?.ScheduledEndTimestamp);
      }
      emitOperationEnd(slot);
      if (record.Status !== "SUCCEEDED") throw reconstructError(record, "Wait failed");
    };
  });
}
