// ctx.step (SDK.md §4.1): START, run the function, SUCCEED / RETRY / FAIL, with at-least-once (default) or
// at-most-once-per-retry semantics, per-step timeouts and retry strategies.
import type { DurableContextImpl } from "../context/durable-context.js";
import { never } from "../context/execution-runtime.js";
import type { OperationSlot } from "../context/operation-slot.js";
import { OperationPromise, type DurablePromise } from "../durable-promise.js";
import { durationToSeconds } from "../duration.js";
import {
  DurableOperationError,
  InvalidOperationConfigError,
  StepInterruptedError,
  toError,
  toErrorObject,
} from "../errors.js";
import { retryPresets } from "../retry.js";
import {
  checkPayloadSize,
  defaultSerdes,
  deserializeDefault,
  deserializeFor,
  serializeDefault,
  serializeFor,
} from "../serdes.js";
import type { AnySerdes } from "../types/serdes-types.js";
import { StepSemantics, type RetryDecision, type StepConfig, type StepFunc } from "../types/step.js";
import { OperationSubType } from "../types/core.js";
import { runAttempt } from "./attempt.js";
import { emitOperationEnd, emitOperationStart, emitReplayedTerminal } from "./operation-hooks.js";
import { isTerminal, reconstructError } from "./record-outcome.js";

/** Run `fn` as a durable step. */
export function runStep<T>(
  ctx: DurableContextImpl<any>,
  name: string | undefined,
  fn: StepFunc<T, any>,
  config: StepConfig<T> | undefined,
): DurablePromise<T> {
  // The most frequent operation takes the direct path: no closures between the call and its body.
  if (ctx.runtime.terminated) return ctx.halted<T>();
  let slot: OperationSlot;
  try {
    validateStepArgs(fn, config, "step");
    slot = ctx.nextOperation({ type: "STEP", subType: OperationSubType.STEP, name });
  } catch (error) {
    return ctx.failedToStart<T>(error);
  }
  const stepConfig = config ?? {};
  if (isFreshPlainStep(slot, stepConfig))
    return runFreshStep(slot, fn, stepConfig) as unknown as DurablePromise<T>;
  return ctx.settle(executeStep(slot, fn, stepConfig));
}

/**
 * The step most handlers run most of the time: no record yet (first attempt), at-least-once, default serdes, no
 * timeout, no plugins. {@link runFreshStep} runs it with callbacks instead of the general state machine's awaits
 * (3 promises fewer per step); anything else — and a retry after this attempt — goes through {@link executeStep}.
 */
function isFreshPlainStep(slot: OperationSlot, config: StepConfig<any>): boolean {
  const ctx = slot.ctx;
  return (
    slot.record === undefined &&
    ctx.mode === "execution" &&
    config.semantics !== StepSemantics.AtMostOncePerRetry &&
    config.timeoutSeconds === undefined &&
    (config.serdes ?? ctx.defaultSerdes ?? defaultSerdes) === defaultSerdes &&
    !ctx.runtime.plugins.enabled
  );
}

/** One fresh step: START, the function, SUCCEED (awaited) or the failure path; same updates as executeStep. */
function runFreshStep<T>(
  slot: OperationSlot,
  fn: StepFunc<T, any>,
  config: StepConfig<T>,
): OperationPromise<T> {
  const runtime = slot.ctx.runtime;
  const lifecycle = runtime.lifecycle;
  const operation = new OperationPromise<T>();
  const fail = (error: unknown): void => {
    if (!slot.ctx.endsInvocation(error)) operation.fail(error);
  };
  slot.post("START");
  // Executing until the outcome update is queued, as in executeStep.
  lifecycle.enterExecuting();
  let running: Promise<T>;
  try {
    running = Promise.resolve(runAttempt(slot, 1, undefined, fn));
  } catch (error) {
    running = Promise.reject(error as Error);
  }
  running.then(
    (value) => {
      let payload: string | undefined;
      try {
        payload = serializeDefault(value, slot);
        checkPayloadSize(payload, runtime.payloadLimits.STEP, slot);
      } catch (error) {
        lifecycle.exitExecuting();
        fail(error);
        return;
      }
      slot.sendThen("SUCCEED", payload === undefined ? {} : { Payload: payload }, () => {
        emitOperationEnd(slot);
        // Nothing reads this record again (ids are not reused; no plugin snapshot here): a long invocation keeps
        // no record per finished step, so its memory and GC work per step stay flat.
        runtime.state.forget(slot.id);
        // The round-tripped value, so live and replayed runs see the same thing.
        let result: T;
        try {
          result = deserializeDefault(payload, slot) as T;
        } catch (error) {
          fail(error);
          return;
        }
        operation.succeed(result);
      });
      lifecycle.exitExecuting();
    },
    (thrown: unknown) => {
      let settled: QueuedFailure;
      try {
        settled = queueFailure(slot, thrown, 1, config.retryStrategy ?? retryPresets.default);
      } catch (error) {
        lifecycle.exitExecuting();
        fail(error);
        return;
      }
      lifecycle.exitExecuting();
      settled.sent.then(() => {
        if (settled.kind === "retry") {
          // The record is PENDING now: the general state machine waits for the retry and runs it.
          executeStep(slot, fn, config).then((value) => operation.succeed(value), fail);
          return;
        }
        emitOperationEnd(slot, settled.error);
        operation.fail(settled.error);
      }, fail);
    },
  );
  return operation;
}

/** Bad step arguments are typed config errors (the execution fails before anything is sent). */
export function validateStepArgs(fn: unknown, config: StepConfig<any> | undefined, what: string): void {
  if (typeof fn !== "function") {
    throw new InvalidOperationConfigError(
      `${what} requires a function, received ${fn === null ? "null" : typeof fn}`,
    );
  }
  if (config === undefined) return;
  if (typeof config !== "object" || config === null) {
    throw new InvalidOperationConfigError(`${what} config must be an object, received ${typeof config}`);
  }
  const t = config.timeoutSeconds;
  if (t !== undefined && (typeof t !== "number" || !Number.isFinite(t) || t <= 0)) {
    throw new InvalidOperationConfigError(
      `${what} timeoutSeconds must be a positive number, received ${String(t)}`,
    );
  }
  if (config.retryStrategy !== undefined && typeof config.retryStrategy !== "function") {
    throw new InvalidOperationConfigError(`${what} retryStrategy must be a function`);
  }
}

/** The step state machine; reused by waitForCallback's submitter through ctx.step. */
async function executeStep<T>(slot: OperationSlot, fn: StepFunc<T, any>, config: StepConfig<T>): Promise<T> {
  const ctx = slot.ctx;
  const serdes: AnySerdes = config.serdes ?? ctx.defaultSerdes ?? defaultSerdes;
  const atMostOnce = config.semantics === StepSemantics.AtMostOncePerRetry;
  let first = true;
  for (;;) {
    const record = slot.record;
    if (isTerminal(record)) {
      if (first) emitReplayedTerminal(slot, record);
      if (record.Status === "SUCCEEDED") return decodeResult<T>(serdes, record.StepDetails?.Result, slot);
      throw reconstructError(record, "Step failed");
    }
    if (ctx.mode === "replay-succeeded") return never();
    if (record?.Status === "PENDING") {
      if (first) void emitOperationStart(slot, true, "PENDING");
      first = false;
      await slot.waitForChange("retry", record.StepDetails?.NextAttemptTimestamp);
      continue;
    }
    const attempt = (record?.StepDetails?.Attempt ?? 0) + 1;
    const resumedStarted = record?.Status === "STARTED";
    first = false;
    // Counted as executing until the outcome update is queued, so a handler that returns meanwhile still
    // checkpoints this step's outcome (the invocation output waits for executing work).
    const lifecycle = ctx.runtime.lifecycle;
    lifecycle.enterExecuting();
    let settled: SettledAttempt;
    try {
      // The attempt runs inline (no async layer of its own): this is every step's hot path.
      let ok = false;
      let value: T | undefined;
      let thrown: unknown;
      if (resumedStarted && atMostOnce) {
        // The previous attempt may have had side effects: do not run it again; let the strategy decide.
        void emitOperationStart(slot, true, "STARTED");
        thrown = new StepInterruptedError(slot.id, slot.name);
      } else {
        if (resumedStarted) void emitOperationStart(slot, true, "STARTED");
        else {
          void emitOperationStart(slot, attempt > 1, attempt > 1 ? "STARTED" : undefined);
          if (atMostOnce) await slot.send("START");
          else slot.post("START");
        }
        try {
          value = await runAttempt(slot, attempt, config.timeoutSeconds, fn);
          ok = true;
        } catch (error) {
          thrown = error;
        }
      }
      if (ok) {
        const payload =
          serdes === defaultSerdes ? serializeDefault(value, slot) : await serializeFor(serdes, value, slot);
        checkPayloadSize(payload, ctx.runtime.payloadLimits.STEP, slot);
        settled = {
          kind: "succeeded",
          payload,
          sent: slot.send("SUCCEED", payload === undefined ? {} : { Payload: payload }),
        };
      } else {
        settled = queueFailure(slot, thrown, attempt, config.retryStrategy ?? retryPresets.default);
      }
    } finally {
      lifecycle.exitExecuting();
    }
    await settled.sent;
    if (settled.kind === "retry") continue;
    if (settled.kind === "failed") {
      emitOperationEnd(slot, settled.error);
      throw settled.error;
    }
    emitOperationEnd(slot);
    // Return the round-tripped value so live and replayed runs see the same thing.
    return decodeResult<T>(serdes, settled.payload, slot);
  }
}

/** A stored step result, decoded synchronously with the default serdes (no promise on the replay path). */
function decodeResult<T>(serdes: AnySerdes, data: string | undefined, slot: OperationSlot): T | Promise<T> {
  if (serdes === defaultSerdes) return deserializeDefault(data, slot) as T;
  return deserializeFor(serdes, data, slot) as Promise<T>;
}

type QueuedFailure =
  | { kind: "retry"; sent: Promise<void> }
  | { kind: "failed"; sent: Promise<void>; error: DurableOperationError };
type SettledAttempt = { kind: "succeeded"; sent: Promise<void>; payload: string | undefined } | QueuedFailure;

/** A failed attempt: ask the retry strategy, queue RETRY (with the delay) or FAIL. */
function queueFailure(
  slot: OperationSlot,
  thrown: unknown,
  attempt: number,
  strategy: (e: Error, n: number) => RetryDecision,
): QueuedFailure {
  const decision = decide(strategy, toError(thrown), attempt);
  const errorObject = toErrorObject(thrown);
  if (decision.shouldRetry) {
    const delay =
      decision.delay === undefined
        ? 1
        : Math.max(1, Math.round(durationToSeconds(decision.delay, "retry delay")));
    return {
      kind: "retry",
      sent: slot.send("RETRY", { Error: errorObject, StepOptions: { NextAttemptDelaySeconds: delay } }),
    };
  }
  return {
    kind: "failed",
    sent: slot.send("FAIL", { Error: errorObject }),
    error: DurableOperationError.fromErrorObject(errorObject),
  };
}

export function decide(
  strategy: (e: Error, n: number) => RetryDecision,
  error: Error,
  attempt: number,
): RetryDecision {
  try {
    const decision = strategy(error, attempt);
    return decision && typeof decision === "object" ? decision : { shouldRetry: false };
  } catch {
    // A strategy that throws cannot ask for a retry.
    return { shouldRetry: false };
  }
}
