// ctx.waitForCallback (SDK.md §4.5): a WaitForCallback CONTEXT holding an unnamed callback
// (R-1) and an unnamed submitter step (R-2); it resolves with the callback's result.
import { DurablePromise } from "../durable-promise.js";
import {
  CallbackSubmitterError,
  ChildContextError,
  DurableOperationError,
  SerdesFailedError,
} from "../errors.js";
import type { WaitForCallbackConfig, WaitForCallbackSubmitterFunc } from "../types/callback.js";
import type { DurableContext } from "../types/durable-context.js";
import type { AnySerdesDeserializer, Serdes } from "../types/serdes-types.js";

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
  if (typeof submitter !== "function") {
    return new DurablePromise<T>(() =>
      Promise.reject(
        new TypeError(`waitForCallback requires a submitter function, received ${typeof submitter}`),
      ),
    );
  }
  // Core's context exposes the `configureSerdes` default (read structurally: that module imports this one).
  const defaultDeserializer = (ctx as { defaultCallbackDeserializer?: AnySerdesDeserializer })
    .defaultCallbackDeserializer;
  const raw = ctx.runInChildContext<string | undefined>(
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
      return result;
    },
    {
      subType: WAIT_FOR_CALLBACK_SUB_TYPE,
      // With a default callback deserializer the context stores the raw string itself, so the
      // deserializer runs exactly once, below; otherwise the default serdes stores it as JSON.
      ...(defaultDeserializer ? { serdes: passThrough as Serdes<string | undefined> } : {}),
      errorMapper: mapWaitForCallbackError,
    },
  );
  return new DurablePromise<T>(async () => {
    const value = await raw;
    const deserializer = config?.serdes ?? defaultDeserializer;
    if (!deserializer) return value as T;
    try {
      return (await deserializer.deserialize(value, {
        entityId: name ?? "",
        durableExecutionArn: ctx.executionContext.durableExecutionArn,
      })) as T;
    } catch (error) {
      throw new SerdesFailedError(
        `Failed to deserialize the result of waitForCallback${name === undefined ? "" : ` "${name}"`}`,
        error,
      );
    }
  });
}
