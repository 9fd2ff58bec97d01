// ctx.waitForCallback (SDK.md §4.5): a WaitForCallback CONTEXT holding an unnamed callback
// and an unnamed submitter step; it resolves with the callback's result.
import type { DurablePromise } from "../durable-promise.js";
import { CallbackSubmitterError, ChildContextError, type DurableOperationError } from "../errors.js";
import { defaultSerdes } from "../serdes.js";
import { callbackOptions } from "./callback.js";
import { invalidArgument, rejectInvalidCall } from "./invalid-call.js";
import type { WaitForCallbackConfig, WaitForCallbackSubmitterFunc } from "../types/callback.js";
import type { DurableContext } from "../types/durable-context.js";
import type { AnySerdes, AnySerdesDeserializer, Serdes } from "../types/serdes-types.js";

/** SubType of the CONTEXT a waitForCallback runs in. */
export const WAIT_FOR_CALLBACK_SUB_TYPE = "WaitForCallback";

// Keeps the callback's raw string untouched through the callback and the context payload.
const passThrough: Serdes<string> = {
  serialize: async (value) => value,
  deserialize: async (data) => data,
};

// Callback errors reach the caller as they are; a failed submitter step becomes
// CallbackSubmitterError; anything else ChildContextError. The checkpointed FAIL keeps the
// original error either way (core applies errorMapper only to what the caller receives).
function mapWaitForCallbackError(error: DurableOperationError): DurableOperationError {
  switch (error.errorType) {
    case "CallbackError":
    case "CallbackExternalError":
    case "CallbackTimeoutError":
      return error;
    case "StepError":
      return new CallbackSubmitterError(error.message, error);
    default:
      return new ChildContextError(error.message, error);
  }
}

/**
 * Creates a callback, hands its id to `submitter` (run as a retried step) and resolves with the
 * callback's result, read with `config.serdes` (else the context's `defaultCallbackDeserializer`,
 * else the raw string).
 *
 * @example
 * const decision = await runWaitForCallback(ctx, "approval", async (callbackId) => {
 *   await mailer.send({ to: approver, link: approveUrl(callbackId) });
 * }, { timeout: { hours: 24 } });
 */
export function runWaitForCallback<T>(
  ctx: DurableContext<any>,
  name: string | undefined,
  submitter: WaitForCallbackSubmitterFunc<any>,
  config?: WaitForCallbackConfig<T>,
): DurablePromise<T> {
  try {
    validateWaitForCallbackArgs(submitter, config);
  } catch (error) {
    return rejectInvalidCall<T>(ctx, error);
  }
  // Core's context exposes its `configureSerdes` defaults (read structurally: that module imports this one).
  const defaults = ctx as { defaultCallbackDeserializer?: AnySerdesDeserializer; defaultSerdes?: AnySerdes };
  const defaultDeserializer = defaults.defaultCallbackDeserializer;
  // How the context stores the callback's raw string: as is when a default callback deserializer is
  // configured (it then runs exactly once, on read), else with the context's default serdes (JSON).
  const storage: AnySerdes = defaultDeserializer ? passThrough : (defaults.defaultSerdes ?? defaultSerdes);
  const reader = config?.serdes ?? defaultDeserializer;
  // Reading goes through the context's serdes, so live and replay deserialize the same way and a
  // failing deserializer is reported by core against this operation's id.
  const contextSerdes: Serdes<T> = {
    serialize: (value, serdesContext) => storage.serialize(value, serdesContext),
    deserialize: async (data, serdesContext) => {
      const raw: unknown = await storage.deserialize(data, serdesContext);
      if (!reader) return raw as T;
      return (await reader.deserialize(raw as string | undefined, serdesContext)) as T;
    },
  };
  return ctx.runInChildContext<T>(
    name,
    async (childCtx) => {
      const [result, callbackId] = await childCtx.createCallback<string>(undefined, {
        timeout: config?.timeout,
        heartbeatTimeout: config?.heartbeatTimeout,
        serdes: passThrough,
      });
      await childCtx.step<void>(
        undefined,
        async (stepCtx) => {
          await submitter(callbackId, { logger: stepCtx.logger });
        },
        config?.retryStrategy ? { retryStrategy: config.retryStrategy } : undefined,
      );
      // The raw string; contextSerdes turns it into T.
      return (await result) as unknown as T;
    },
    { subType: WAIT_FOR_CALLBACK_SUB_TYPE, serdes: contextSerdes, errorMapper: mapWaitForCallbackError },
  );
}

/**
 * Everything waitForCallback can check before its CONTEXT takes an id: the submitter, and the
 * config the callback and the submitter step will use (timeouts as createCallback checks them).
 */
function validateWaitForCallbackArgs(submitter: unknown, config: unknown): void {
  if (typeof submitter !== "function") {
    throw invalidArgument(
      "waitForCallback submitter",
      "a function (callbackId, context) => Promise<void>",
      submitter,
    );
  }
  callbackOptions(config as WaitForCallbackConfig<unknown> | undefined);
  const options = (config ?? {}) as Record<string, unknown>;
  const retryStrategy = options["retryStrategy"];
  if (retryStrategy !== undefined && typeof retryStrategy !== "function") {
    throw invalidArgument("waitForCallback retryStrategy", "a function", retryStrategy);
  }
  const serdes = options["serdes"];
  if (
    serdes !== undefined &&
    (typeof serdes !== "object" ||
      serdes === null ||
      typeof (serdes as { deserialize?: unknown }).deserialize !== "function")
  ) {
    throw invalidArgument("waitForCallback serdes", "an object with a deserialize function", serdes);
  }
}
