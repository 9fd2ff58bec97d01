// ctx.waitForCondition (SDK.md §4.9): per attempt STEP START (ff) SubType WaitForCondition, run check(state),
// round-trip the new state, ask the wait strategy: SUCCEED{state} | RETRY{state, delay} | FAIL{Error}, each
// awaited. Exactly one FAIL per operation: a failure ends the loop (no retry from inside an error path).
import type { DurableContextImpl } from "../context/durable-context.js";
import { never } from "../context/execution-runtime.js";
import type { OperationSlot } from "../context/operation-slot.js";
import type { DurablePromise } from "../durable-promise.js";
import { durationToSeconds } from "../duration.js";
import {
  DurableOperationError,
  InvalidOperationConfigError,
  isUnrecoverableError,
  toErrorObject,
} from "../errors.js";
import { checkPayloadSize, defaultSerdes, deserializeFor, serializeFor } from "../serdes.js";
import { OperationSubType } from "../types/core.js";
import type { AnySerdes } from "../types/serdes-types.js";
import type {
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
  WaitForConditionDecision,
} from "../types/wait-condition.js";
import { runAttempt } from "./attempt.js";
import { emitOperationEnd, emitOperationStart, emitReplayedTerminal } from "./operation-hooks.js";
import { isTerminal, storedError } from "./record-outcome.js";

/** Poll `check` until the wait strategy stops. */
export function runWaitForCondition<T>(
  ctx: DurableContextImpl<any>,
  name: string | undefined,
  check: WaitForConditionCheckFunc<T, any>,
  config: WaitForConditionConfig<T>,
): DurablePromise<T> {
  return ctx.start(() => {
    if (typeof check !== "function") {
      throw new InvalidOperationConfigError(
        `waitForCondition requires a check function, received ${typeof check}`,
      );
    }
    if (typeof config !== "object" || config === null || typeof config.waitStrategy !== "function") {
      throw new InvalidOperationConfigError(
        "waitForCondition requires a config with a waitStrategy function and an initialState",
      );
    }
    const slot = ctx.nextOperation({ type: "STEP", subType: OperationSubType.WAIT_FOR_CONDITION, name });
    return () => executeWaitForCondition(slot, check, config);
  });
}

async function executeWaitForCondition<T>(
  slot: OperationSlot,
  check: WaitForConditionCheckFunc<T, any>,
  config: WaitForConditionConfig<T>,
): Promise<T> {
  const ctx = slot.ctx;
  const serdes: AnySerdes = config.serdes ?? ctx.defaultSerdes ?? defaultSerdes;
  let first = true;
  for (;;) {
    const record = slot.record;
    if (isTerminal(record)) {
      if (first) emitReplayedTerminal(slot, record);
      if (record.Status === "SUCCEEDED")
        return (await deserializeFor(serdes, record.StepDetails?.Result, slot)) as T;
      const error = storedError(record);
      throw error
        ? DurableOperationError.fromErrorObject(error)
        : DurableOperationError.fromErrorObject({
            ErrorType: "WaitForConditionError",
            ErrorMessage: "Wait for condition failed",
          });
    }
    if (ctx.mode === "replay-succeeded") return never();
    if (record?.Status === "PENDING") {
      if (first) void emitOperationStart(slot, true, "PENDING");
      first = false;
      await slot.waitForChange("retry", record.StepDetails?.NextAttemptTimestamp);
      continue;
    }
    first = false;
    const attempt = (record?.StepDetails?.Attempt ?? 0) + 1;
    const stored = record?.StepDetails?.Result;
    const state =
      stored !== undefined ? ((await deserializeFor(serdes, stored, slot)) as T) : config.initialState;
    if (record?.Status === "STARTED") void emitOperationStart(slot, true, "STARTED");
    else {
      void emitOperationStart(slot, attempt > 1, attempt > 1 ? "STARTED" : undefined);
      slot.post("START");
    }
    // Executing until the outcome update is queued (see step.ts): a returning handler still checkpoints it.
    const busy = ctx.runtime.lifecycle.beginExecuting();
    let settled: SettledCheck<T>;
    try {
      settled = await checkAndQueueOutcome(slot, check, config, state, attempt, serdes);
    } finally {
      busy();
    }
    await settled.sent;
    if (settled.kind === "failed") {
      emitOperationEnd(slot, settled.error);
      throw settled.error;
    }
    if (settled.kind === "succeeded") {
      emitOperationEnd(slot);
      return settled.state;
    }
  }
}

type SettledCheck<T> =
  | { kind: "succeeded"; sent: Promise<void>; state: T }
  | { kind: "retry"; sent: Promise<void> }
  | { kind: "failed"; sent: Promise<void>; error: DurableOperationError };

/** One check: run it, round-trip the new state, ask the strategy, queue SUCCEED / RETRY / FAIL (exactly one). */
async function checkAndQueueOutcome<T>(
  slot: OperationSlot,
  check: WaitForConditionCheckFunc<T, any>,
  config: WaitForConditionConfig<T>,
  state: T,
  attempt: number,
  serdes: AnySerdes,
): Promise<SettledCheck<T>> {
  const runtime = slot.ctx.runtime;
  let failure: unknown;
  let decision: WaitForConditionDecision | undefined;
  let payload: string | undefined;
  let next: T | undefined;
  let checked: { value: T } | undefined;
  try {
    checked = {
      value: await runAttempt(slot, attempt, undefined, (checkContext) => check(state, checkContext)),
    };
  } catch (thrown) {
    failure = thrown;
  }
  if (checked) {
    payload = await serializeFor(serdes, checked.value, slot);
    checkPayloadSize(payload, runtime.payloadLimits.STEP, slot);
    next = (await deserializeFor(serdes, payload, slot)) as T;
    try {
      const startedAt = slot.record?.StartTimestamp?.getTime();
      const elapsed = startedAt === undefined ? 0 : Math.max(0, (runtime.clock.now() - startedAt) / 1000);
      const strategy = config.waitStrategy as (s: T, a: number, e?: number) => WaitForConditionDecision;
      decision = strategy(next, attempt, elapsed);
    } catch (error) {
      if (isUnrecoverableError(error)) throw error;
      failure = error;
    }
  }
  if (decision === undefined) {
    const errorObject = toErrorObject(failure);
    return {
      kind: "failed",
      sent: slot.send("FAIL", { Error: errorObject }),
      error: DurableOperationError.fromErrorObject(errorObject),
    };
  }
  const fields = payload === undefined ? {} : { Payload: payload };
  if (!decision.shouldContinue)
    return { kind: "succeeded", sent: slot.send("SUCCEED", fields), state: next as T };
  const delay = Math.max(1, Math.round(durationToSeconds(decision.delay, "waitForCondition delay")));
  return {
    kind: "retry",
    sent: slot.send("RETRY", { ...fields, StepOptions: { NextAttemptDelaySeconds: delay } }),
  };
}
