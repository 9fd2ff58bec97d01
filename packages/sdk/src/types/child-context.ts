// runInChildContext configuration.
import type { DurableOperationError } from "../errors.js";
import type { DurableContext } from "./durable-context.js";
import type { DurableLogger } from "./logger-types.js";
import type { Serdes } from "./serdes-types.js";

/**
 * Options of `ctx.runInChildContext`.
 *
 * @example
 * await ctx.runInChildContext("batch", fn, { summaryGenerator: (r) => `${r.length} rows` });
 */
export interface ChildConfig<T> {
  serdes?: Serdes<T>;
  /** SubType sent on the CONTEXT updates; `RunInChildContext` by default. */
  subType?: string;
  /** Payload stored instead of a result larger than 256 KiB (the children are then replayed). */
  summaryGenerator?: (result: T) => string;
  /** Maps what the caller receives when the child fails (the checkpointed error is unchanged). */
  errorMapper?: (originalError: DurableOperationError) => DurableOperationError;
  /** No CONTEXT updates: children are parented to the enclosing context. */
  virtualContext?: boolean;
}

/** The function run in a child context. */
export type ChildFunc<T, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
) => Promise<T>;
