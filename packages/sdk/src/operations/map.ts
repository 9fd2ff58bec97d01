// ctx.map: runs `fn` for each item in its own child context (SubType MapIteration) inside one
// Map CONTEXT, through the shared concurrency engine (SDK.md §4.8).
import type { DurablePromise } from "../durable-promise.js";
import type { BatchResult, MapConfig, MapFunc } from "../types/batch.js";
import type { DurableContext } from "../types/durable-context.js";
import { runBatch, validateBatchConfig, type BatchUnit } from "./batch.js";
import { invalidArgument, rejectInvalidCall } from "./invalid-call.js";

/**
 * Maps `items` through `fn` durably. Item `i` runs in child context `R-(i+1)` named
 * `itemNamer(item, i)` or `map-item-<i>`; item failures never throw — inspect the BatchResult
 * or call `throwIfError()`. Bad arguments fail the execution
 * (InvalidOperationConfigError) before any update, awaited or not.
 *
 * @example
 * const result = await runMap(ctx, "charge", orders, (c, order) => c.step(() => charge(order)), {
 *   maxConcurrency: 5,
 *   completionConfig: { toleratedFailureCount: 2 },
 * });
 * const receipts = result.getResults();
 */
export function runMap<I, O>(
  ctx: DurableContext<any>,
  name: string | undefined,
  items: I[],
  fn: MapFunc<I, O, any>,
  config?: MapConfig<I, O>,
): DurablePromise<BatchResult<O>> {
  let units: BatchUnit[];
  try {
    // Everything is checked before the Map context takes its id or sends anything.
    if (!Array.isArray(items)) throw invalidArgument("map items", "an array", items);
    if (typeof fn !== "function") throw invalidArgument("map function", "a function", fn);
    validateBatchConfig("map", config);
    const namer = config?.itemNamer;
    units = items.map((item, index) => {
      const customName = namer?.(item, index);
      if (customName !== undefined && typeof customName !== "string") {
        throw invalidArgument(`map itemNamer result for item ${index}`, "a string", customName);
      }
      return { wireName: customName || `map-item-${index}`, customName };
    });
  } catch (error) {
    return rejectInvalidCall<BatchResult<O>>(ctx, error);
  }
  return runBatch<O>(ctx, {
    kind: "map",
    name,
    units,
    execute: (index, childCtx) => fn(childCtx, items[index] as I, index, items),
    config,
  });
}
