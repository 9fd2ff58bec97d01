// Saga vocabulary for stepWithCompensation / runCompensations (SDK.md §12.1).
import type { DurableContext } from "./durable-context.js";
import type { DurableLogger } from "./logger-types.js";

/** Undoes a forward step; runs as a child context, so it may use durable operations. */
export type CompensateFunc<T, Logger extends DurableLogger = DurableLogger> = (
  result: T,
  context: DurableContext<Logger>,
) => Promise<void>;

/** Outcome of one compensation. */
export interface CompensationItem {
  name: string;
  status: "SUCCEEDED" | "FAILED";
  error?: Error;
}

/**
 * Outcome of `ctx.runCompensations()`.
 *
 * @example
 * const r = await ctx.runCompensations();
 * if (!r.allSucceeded) console.log(r.items.filter((i) => i.status === "FAILED"));
 */
export interface CompensationResult {
  items: CompensationItem[];
  allSucceeded: boolean;
}
