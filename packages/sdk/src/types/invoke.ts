// ctx.invoke configuration.
import type { Serdes } from "./serdes-types.js";

/**
 * Options of `ctx.invoke`.
 *
 * @example
 * await ctx.invoke("price", "arn:aws:lambda:...:function:pricer", { sku: 1 }, { tenantId: "t1" });
 */
export interface InvokeConfig<I, O> {
  payloadSerdes?: Serdes<I>;
  resultSerdes?: Serdes<O>;
  tenantId?: string;
}

/**
 * Unambiguous single-argument form of `ctx.invoke` (durable-lambda extension): no positional guessing between
 * `(name, functionId)` and `(functionId, input)`.
 *
 * @example
 * await ctx.invoke({ name: "price", functionId: "pricer", input: "a string input" });
 */
export interface InvokeRequest<I, O> extends InvokeConfig<I, O> {
  name?: string;
  functionId: string;
  input?: I;
}
