// ctx.runInChildContext (SDK.md §4.7): CONTEXT START (ff) → fn(childCtx) → SUCCEED{Payload} | FAIL{Error} (ff).
// Large results (> 256 KiB) are stored as a summary with ReplayChildren, and rebuilt on replay by re-running fn
// against the children's records. The caller receives ChildContextError (or config.errorMapper's error); the
// checkpoint carries what fn threw.
import type { ContextMode, DurableContextImpl } from "../context/durable-context.js";
import { never } from "../context/execution-runtime.js";
import type { OperationSlot } from "../context/operation-slot.js";
import type { DurablePromise } from "../durable-promise.js";
import {
  ChildContextError,
  DurableOperationError,
  InvalidOperationConfigError,
  isUnrecoverableError,
  toErrorObject,
} from "../errors.js";
import { checkPayloadSize, defaultSerdes, deserializeFor, serializeFor } from "../serdes.js";
import type { ChildConfig, ChildFunc } from "../types/child-context.js";
import { OperationSubType } from "../types/core.js";
import type { AnySerdes } from "../types/serdes-types.js";
import type { ContextOptions } from "../types/wire.js";
import { emitOperationEnd, emitOperationStart, emitReplayedTerminal, slotInfo } from "./operation-hooks.js";
import { isTerminal } from "./record-outcome.js";

/** Results larger than this (UTF-8 bytes) are summarised and their children kept for replay. */
export const LARGE_CHILD_RESULT_BYTES = 262_144;

/** Run `fn` in a child context. */
export function runChildContext<T>(
  ctx: DurableContextImpl<any>,
  name: string | undefined,
  fn: ChildFunc<T, any>,
  config: ChildConfig<T> | undefined,
): DurablePromise<T> {
  return ctx.start(() => {
    if (typeof fn !== "function") {
      throw new InvalidOperationConfigError(`runInChildContext requires a function, received ${typeof fn}`);
    }
    if (config !== undefined && (typeof config !== "object" || config === null)) {
      throw new InvalidOperationConfigError(
        `runInChildContext config must be an object, received ${typeof config}`,
      );
    }
    const subType = config?.subType ?? OperationSubType.RUN_IN_CHILD_CONTEXT;
    const virtual = config?.virtualContext === true;
    const slot = ctx.nextOperation({ type: "CONTEXT", subType, name }, { virtual });
    return () => executeChild(slot, fn, config ?? {}, virtual);
  });
}

async function executeChild<T>(
  slot: OperationSlot,
  fn: ChildFunc<T, any>,
  config: ChildConfig<T>,
  virtual: boolean,
): Promise<T> {
  const ctx = slot.ctx;
  const serdes: AnySerdes = config.serdes ?? ctx.defaultSerdes ?? defaultSerdes;
  const record = slot.record;
  if (record?.Status === "SUCCEEDED" && !record.ContextDetails?.ReplayChildren) {
    emitReplayedTerminal(slot, record);
    return (await deserializeFor(serdes, record.ContextDetails?.Result, slot)) as T;
  }
  if (isTerminal(record) && record.Status !== "SUCCEEDED") {
    emitReplayedTerminal(slot, record);
    const original = DurableOperationError.fromErrorObject(
      record.ContextDetails?.Error ?? {
        ErrorType: "ChildContextError",
        ErrorMessage: "Child context failed",
      },
    );
    throw callerError(original, config);
  }
  if (!record && ctx.mode === "replay-succeeded" && !virtual) return never();
  let mode: ContextMode = "execution";
  if (record?.Status === "SUCCEEDED") mode = "replay-succeeded";
  else if (record || (virtual && ctx.mode !== "execution")) mode = "replay";
  const child = ctx.createChild(slot, { virtual, mode });
  // The start hook is awaited before fn runs (as officially); even without plugins this yields once, so sibling
  // contexts started in the same tick queue their STARTs before their children's updates.
  if (!virtual) {
    if (record) await emitOperationStart(slot, true, record.Status);
    else {
      slot.post("START");
      await emitOperationStart(slot, false);
    }
  }
  const plugins = ctx.runtime.plugins;
  let result: T;
  try {
    const call = (): Promise<T> => fn(child);
    result = await (plugins.enabled
      ? plugins.wrapChildFn(
          slotInfo(slot, mode !== "execution", { isReplayingChildren: mode === "replay-succeeded" }),
          call,
        )
      : call());
  } catch (thrown) {
    if (isUnrecoverableError(thrown)) throw thrown;
    const errorObject = toErrorObject(thrown);
    const original = DurableOperationError.fromErrorObject(errorObject);
    if (!virtual && mode !== "replay-succeeded") {
      // Descendants still running are orphaned: their later updates are dropped (SDK.md §4.8).
      child.node.finish();
      const preserve = child.preserveChildDepth >= 1 ? { ContextOptions: { ReplayChildren: true } } : {};
      slot.post("FAIL", { Error: errorObject, ...preserve });
      emitOperationEnd(slot, original);
    }
    throw callerError(original, config);
  }
  // Close the gate first: descendants still running may not checkpoint after this context's result is decided.
  if (!virtual) child.node.finish();
  const payload = await serializeFor(serdes, result, slot);
  if (mode === "replay-succeeded") return (await deserializeFor(serdes, payload, slot)) as T;
  if (!virtual) {
    let stored = payload;
    const options: ContextOptions = {};
    if (
      payload !== undefined &&
      payload.length > LARGE_CHILD_RESULT_BYTES / 3 &&
      Buffer.byteLength(payload, "utf8") > LARGE_CHILD_RESULT_BYTES
    ) {
      stored = config.summaryGenerator?.(result) ?? "";
      options.ReplayChildren = true;
    }
    // Plugins asked to keep the children of contexts up to childOperationsDepth visible.
    if (child.preserveChildDepth >= 1) options.ReplayChildren = true;
    checkPayloadSize(stored, ctx.runtime.payloadLimits.CONTEXT, slot);
    const fields: { Payload?: string; ContextOptions?: ContextOptions } = {};
    if (stored !== undefined) fields.Payload = stored;
    if (options.ReplayChildren) fields.ContextOptions = options;
    slot.post("SUCCEED", fields);
    emitOperationEnd(slot);
  }
  return (await deserializeFor(serdes, payload, slot)) as T;
}

/** What the caller receives: errorMapper's mapping, else ChildContextError wrapping the reconstructed error. */
function callerError<T>(original: DurableOperationError, config: ChildConfig<T>): Error {
  if (config.errorMapper) return config.errorMapper(original);
  return new ChildContextError(original.message, original);
}
