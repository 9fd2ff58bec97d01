// ctx.map: runs `fn` for each item in its own child context (SubType MapIteration) inside one
// Map CONTEXT, through the shared concurrency engine (SDK.md §4.8).
import type { DurablePromise } from "../durable-promise.js";
import type { BatchResult, MapConfig, MapFunc } from "../types/batch.js";
import type { DurableContext } from "../types/durable-context.js";
import { rejectBatchCall, runBatch, type BatchUnit } from "./batch.js";
import { validateBatchConfig } from "./concurrency.js";

/**
 * Maps `items` through `fn` durably. Item `i` runs in child context `R-(i+1)` named
 * `itemNamer(item, i)` or `map-item-<i>`; item failures never throw — inspect the BatchResult
 * or call `throwIfError()`. An invalid config fails the invocation before any update.
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
    if (!Array.isArray(items))
      throw new TypeError(`map requires an array of items, received ${typeof items}`);
    if (typeof fn !== "function")
      throw new TypeError(`map requires a function to process items, received ${typeof fn}`);
    validateBatchConfig("map", config);
    const namer = config?.itemNamer;
    if (namer !== undefined && typeof namer !== "function") {
      throw new TypeError(`map itemNamer must be a function, received ${typeof namer}`);
    }
    units = items.map((item, index) => {
      const customName = namer?.(item, index);
      if (customName !== undefined && typeof customName !== "string") {
        throw new TypeError(
          `map itemNamer must return a string, received ${typeof customName} for item ${index}`,
        );
      }
      return { wireName: customName || `map-item-${index}`, customName };
    });
  } catch (error) {
    return rejectBatchCall<BatchResult<O>>(ctx, error);
  }
  return runBatch<O>(ctx, {
    kind: "map",
    name,
    units,
    execute: (index, childCtx) => fn(childCtx, items[index] as I, index, items),
    config,
  });
}
