// Saga support (SDK.md §12.1): steps that register an undo action when they succeed, and
// runCompensations() that runs the registered undo actions newest first, each in its own
// CONTEXT (SubType "Compensation") so a rollback interrupted by a crash resumes on replay.
//
// Signatures the DurableContext methods forward to:
//   stepWithCompensation<T>(ctx, name: string | undefined, forward: StepFunc<T>, compensate: CompensateFunc<T>, config?: StepConfig<T>): DurablePromise<T>
//   runCompensations(ctx): DurablePromise<CompensationResult>
//   compensationCount(ctx): number
import { DurablePromise } from "../durable-promise.js";
import type { CompensateFunc, CompensationItem, CompensationResult } from "../types/compensation.js";
import type { DurableContext } from "../types/durable-context.js";
import type { DurableLogger } from "../types/logger-types.js";
import type { StepConfig, StepFunc } from "../types/step.js";
import { invalidArgument, rejectInvalidCall } from "./invalid-call.js";

/** SubType of the CONTEXT operation each compensation runs in. */
export const COMPENSATION_SUB_TYPE = "Compensation";

/** One forward step, in call order; `succeeded` once its result is known (live or replayed). */
interface Registration {
  readonly name: string | undefined;
  readonly compensate: CompensateFunc<any, any>;
  result?: unknown;
  succeeded: boolean;
}

/** The compensations of one context, in the order their forward steps were called. */
interface Registry {
  entries: Registration[];
  /** Succeeded entries not yet compensated: kept as a counter so compensationCount() is O(1). */
  ready: number;
}

// Keyed by the context object, so compensations registered in a child context stay there.
const registries = new WeakMap<object, Registry>();

function registryOf(ctx: object): Registry {
  let registry = registries.get(ctx);
  if (!registry) {
    registry = { entries: [], ready: 0 };
    registries.set(ctx, registry);
  }
  return registry;
}

/**
 * Runs `forward` as a normal step (same id and updates as `ctx.step`) and, once it has
 * succeeded — live or on replay — registers `compensate(result, childCtx)` on `ctx`. A failed
 * forward step registers nothing.
 *
 * @example
 * const booking = await stepWithCompensation(ctx, "book-hotel", () => hotels.book(trip), async (b) => {
 *   await hotels.cancel(b.id);
 * });
 */
export function stepWithCompensation<T, L extends DurableLogger = DurableLogger>(
  ctx: DurableContext<L>,
  name: string | undefined,
  forward: StepFunc<T, L>,
  compensate: CompensateFunc<T, L>,
  config?: StepConfig<T>,
): DurablePromise<T> {
  // Checked before anything is registered or the step takes its id; the step checks `config`.
  if (typeof forward !== "function") {
    return rejectInvalidCall<T>(
      ctx,
      invalidArgument("stepWithCompensation step function", "a function", forward),
    );
  }
  if (typeof compensate !== "function") {
    return rejectInvalidCall<T>(
      ctx,
      invalidArgument("stepWithCompensation compensate function", "a function", compensate),
    );
  }
  const registry = registryOf(ctx);
  // The slot is taken at call time so the rollback order is the call order, identical live
  // and on replay even when forward steps run concurrently and finish in another order.
  const registration: Registration = { name, compensate, succeeded: false };
  registry.entries.push(registration);
  const step = ctx.step(name, forward, config); // takes the step's id now
  return new DurablePromise<T>(async () => {
    const result = await step;
    registration.result = result;
    registration.succeeded = true;
    registry.ready++;
    return result;
  });
}

/**
 * Runs the registered compensations of `ctx` newest first. Each runs in a CONTEXT operation
 * (SubType `Compensation`, Name = the forward step's name) taking the next id when it starts;
 * a failing compensation is recorded and the rest still run. On replay, completed compensations
 * return their records, so an interrupted rollback resumes where it stopped. With nothing
 * registered it resolves to `{ items: [], allSucceeded: true }` and sends nothing.
 *
 * @example
 * try {
 *   await ship(ctx);
 * } catch (error) {
 *   const rollback = await runCompensations(ctx);
 *   if (!rollback.allSucceeded) throw new CompensationError("rollback incomplete", error);
 *   throw error;
 * }
 */
export function runCompensations(ctx: DurableContext<any>): DurablePromise<CompensationResult> {
  const registry = registryOf(ctx);
  // Take the registered work now; compensations registered later belong to a later rollback.
  const pending = registry.entries.filter((entry) => entry.succeeded).reverse();
  registry.entries = registry.entries.filter((entry) => !entry.succeeded);
  registry.ready = 0;
  return new DurablePromise<CompensationResult>(async () => {
    const items: CompensationItem[] = [];
    for (const entry of pending) {
      const label = entry.name ?? "";
      try {
        // Awaited one by one: each compensation takes its id only after the previous finished.
        await ctx.runInChildContext<void>(
          entry.name,
          (childCtx) => entry.compensate(entry.result, childCtx),
          { subType: COMPENSATION_SUB_TYPE },
        );
        items.push({ name: label, status: "SUCCEEDED" });
      } catch (error) {
        items.push({
          name: label,
          status: "FAILED",
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
    }
    return { items, allSucceeded: items.every((item) => item.status === "SUCCEEDED") };
  });
}

/**
 * Number of compensations registered on `ctx` (forward steps that succeeded) and not yet run.
 *
 * @example
 * if (compensationCount(ctx) > 0) await runCompensations(ctx);
 */
export function compensationCount(ctx: DurableContext<any>): number {
  return registries.get(ctx)?.ready ?? 0;
}
