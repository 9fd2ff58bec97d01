// ctx.createCallback (SDK.md §4.4): CALLBACK START{CallbackOptions} (awaited); the service mints the CallbackId,
// returned in the response. The result promise waits for SUCCEEDED / FAILED / TIMED_OUT.
import type { DurableContextImpl } from "../context/durable-context.js";
import { never } from "../context/execution-runtime.js";
import type { OperationSlot } from "../context/operation-slot.js";
import { DurablePromise } from "../durable-promise.js";
import { durationToSeconds } from "../duration.js";
import {
  CallbackError,
  CallbackExternalError,
  CallbackTimeoutError,
  InvalidOperationConfigError,
  plainErrorFrom,
} from "../errors.js";
import { deserializeFor, passThroughSerdes } from "../serdes.js";
import type { CreateCallbackConfig, CreateCallbackResult } from "../types/callback.js";
import { OperationSubType, type Duration } from "../types/core.js";
import type { AnySerdesDeserializer } from "../types/serdes-types.js";
import type { CallbackOptions, Operation } from "../types/wire.js";
import { emitOperationEnd, emitOperationStart, emitReplayedTerminal } from "./operation-hooks.js";
import { isTerminal, storedError } from "./record-outcome.js";

/** Create a callback; resolves to `[resultPromise, callbackId]`. */
export function runCreateCallback<T>(
  ctx: DurableContextImpl<any>,
  name: string | undefined,
  config: CreateCallbackConfig<T> | undefined,
): DurablePromise<CreateCallbackResult<T>> {
  return ctx.start(() => {
    const options = callbackOptions(config);
    const slot = ctx.nextOperation({ type: "CALLBACK", subType: OperationSubType.CALLBACK, name });
    const deserializer: AnySerdesDeserializer =
      config?.serdes ?? ctx.defaultCallbackDeserializer ?? passThroughSerdes;
    return async () => {
      const record = slot.record;
      if (!record) {
        if (ctx.mode === "replay-succeeded") return never();
        void emitOperationStart(slot, false);
        await slot.send("START", { CallbackOptions: options });
      } else if (!isTerminal(record)) void emitOperationStart(slot, true, record.Status);
      const callbackId = slot.record?.CallbackDetails?.CallbackId;
      if (!callbackId) throw new CallbackError(`The service returned no CallbackId for ${slot.describe()}`);
      const result = new DurablePromise<T>(() => awaitCallbackResult<T>(slot, deserializer));
      return [result, callbackId] as CreateCallbackResult<T>;
    };
  });
}

/** `CallbackOptions` is always sent; a member only when its duration was given (zero is sent as 0). */
export function callbackOptions(
  config: { timeout?: Duration; heartbeatTimeout?: Duration } | undefined,
): CallbackOptions {
  if (config !== undefined && (typeof config !== "object" || config === null)) {
    throw new InvalidOperationConfigError(`callback config must be an object, received ${typeof config}`);
  }
  const options: CallbackOptions = {};
  if (config?.timeout !== undefined)
    options.TimeoutSeconds = wholeNonNegative(config.timeout, "callback timeout");
  if (config?.heartbeatTimeout !== undefined) {
    options.HeartbeatTimeoutSeconds = wholeNonNegative(config.heartbeatTimeout, "callback heartbeatTimeout");
  }
  return options;
}

function wholeNonNegative(duration: Duration, what: string): number {
  const seconds = durationToSeconds(duration, what);
  if (!Number.isInteger(seconds)) {
    throw new InvalidOperationConfigError(`${what} must be a whole number of seconds, received ${seconds} s`);
  }
  return seconds;
}

async function awaitCallbackResult<T>(slot: OperationSlot, deserializer: AnySerdesDeserializer): Promise<T> {
  let record = slot.record;
  const replayedTerminal = isTerminal(record);
  if (replayedTerminal && record) emitReplayedTerminal(slot, record);
  while (!isTerminal(record)) {
    if (slot.ctx.mode === "replay-succeeded") return never();
    await slot.waitForChange("callback");
    record = slot.record;
  }
  if (!replayedTerminal) emitOperationEnd(slot);
  return callbackOutcome<T>(slot, record, deserializer);
}

async function callbackOutcome<T>(
  slot: OperationSlot,
  record: Operation,
  deserializer: AnySerdesDeserializer,
): Promise<T> {
  if (record.Status === "SUCCEEDED") {
    return (await deserializeFor(deserializer, record.CallbackDetails?.Result, slot)) as T;
  }
  const error = storedError(record);
  const cause = error ? plainErrorFrom(error) : undefined;
  if (record.Status === "TIMED_OUT") {
    throw new CallbackTimeoutError(error?.ErrorMessage || "Callback timed out", cause, error?.ErrorData);
  }
  throw new CallbackExternalError(error?.ErrorMessage || "Callback failed", cause, error?.ErrorData);
}
