// ctx.invoke (SDK.md §4.6): CHAINED_INVOKE START{Payload, ChainedInvokeOptions} (awaited), then wait for a
// terminal status. SUCCEEDED → the deserialized result; FAILED / TIMED_OUT / STOPPED → InvokeError.
import type { DurableContextImpl } from "../context/durable-context.js";
import { never } from "../context/execution-runtime.js";
import type { DurablePromise } from "../durable-promise.js";
import { InvalidOperationConfigError, InvokeError, plainErrorFrom } from "../errors.js";
import { checkPayloadSize, defaultSerdes, deserializeFor, serializeFor } from "../serdes.js";
import { OperationSubType } from "../types/core.js";
import type { InvokeRequest } from "../types/invoke.js";
import type { ChainedInvokeOptions } from "../types/wire.js";
import { emitOperationEnd, emitOperationStart, emitReplayedTerminal } from "./operation-hooks.js";
import { isTerminal, storedError } from "./record-outcome.js";

/** Invoke another durable function. */
export function runInvoke<I, O>(
  ctx: DurableContextImpl<any>,
  request: InvokeRequest<I, O>,
): DurablePromise<O> {
  return ctx.start(() => {
    if (typeof request.functionId !== "string" || request.functionId === "") {
      throw new InvalidOperationConfigError(
        `invoke requires a function name or ARN, received ${JSON.stringify(request.functionId) ?? String(request.functionId)}`,
      );
    }
    const slot = ctx.nextOperation({
      type: "CHAINED_INVOKE",
      subType: OperationSubType.CHAINED_INVOKE,
      name: request.name,
    });
    return async () => {
      let record = slot.record;
      const resultSerdes = request.resultSerdes ?? ctx.defaultSerdes ?? defaultSerdes;
      const replayedTerminal = isTerminal(record);
      if (replayedTerminal && record) emitReplayedTerminal(slot, record);
      else if (record) void emitOperationStart(slot, true, record.Status);
      else {
        if (ctx.mode === "replay-succeeded") return never();
        const payload = await serializeFor(
          request.payloadSerdes ?? ctx.defaultSerdes ?? defaultSerdes,
          request.input,
          slot,
        );
        checkPayloadSize(payload, ctx.runtime.payloadLimits.CHAINED_INVOKE, slot);
        const options: ChainedInvokeOptions = { FunctionName: request.functionId };
        if (request.tenantId !== undefined) options.TenantId = request.tenantId;
        void emitOperationStart(slot, false);
        await slot.send(
          "START",
          payload === undefined
            ? { ChainedInvokeOptions: options }
            : { Payload: payload, ChainedInvokeOptions: options },
        );
      }
      for (record = slot.record; !isTerminal(record); record = slot.record) {
        if (ctx.mode === "replay-succeeded") return never();
        await slot.waitForChange("invoke");
      }
      if (!replayedTerminal) emitOperationEnd(slot);
      if (record.Status === "SUCCEEDED") {
        return (await deserializeFor(resultSerdes, record.ChainedInvokeDetails?.Result, slot)) as O;
      }
      const error = storedError(record);
      const cause = error ? plainErrorFrom(error) : undefined;
      throw new InvokeError(
        error?.ErrorMessage || `Invoke ${record.Status?.toLowerCase() ?? "failed"}`,
        cause,
        error?.ErrorData,
      );
    };
  });
}
