/**
 * Fan-out with a completion policy: ask every supplier for a quote in parallel (at most 3 at a time), stop as
 * soon as 3 quotes are in, tolerate suppliers that fail, and pick the cheapest quote.
 */
import { withDurableExecution, type DurableContext } from "durable-lambda";

export interface Quote {
  supplier: string;
  priceCents: number;
}

export interface QuoteRequest {
  sku: string;
  quantity: number;
  suppliers: string[];
}

export type QuoteResult =
  | { status: "QUOTED"; best: Quote; received: number; completionReason: string }
  | { status: "NO_QUOTES"; failed: number };

/** How one supplier is asked (an HTTP call in real life). */
export type AskSupplier = (supplier: string, sku: string, quantity: number) => Promise<number>;

/**
 * Builds the quote workflow over a supplier client.
 *
 * @example
 * ```ts
 * export const handler = withDurableExecution(createQuoteWorkflow(httpSupplierClient));
 * ```
 */
export function createQuoteWorkflow(ask: AskSupplier) {
  return async function quoteWorkflow(request: QuoteRequest, ctx: DurableContext): Promise<QuoteResult> {
    const quotes = await ctx.map(
      "collect quotes",
      request.suppliers,
      async (itemCtx, supplier) => {
        const priceCents = await itemCtx.step(
          `quote from ${supplier}`,
          async () => ask(supplier, request.sku, request.quantity),
          // A supplier that fails twice is skipped rather than holding up the batch.
          { retryStrategy: (_error, attempt) => ({ shouldRetry: attempt < 2, delay: { seconds: 10 } }) },
        );
        return { supplier, priceCents } satisfies Quote;
      },
      {
        maxConcurrency: 3,
        itemNamer: (supplier) => supplier,
        completionConfig: { minSuccessful: 3, toleratedFailurePercentage: 50 },
      },
    );
    const received = quotes.getResults();
    const best = received.reduce<Quote | undefined>(
      (cheapest, quote) =>
        cheapest === undefined || quote.priceCents < cheapest.priceCents ? quote : cheapest,
      undefined,
    );
    if (best === undefined) return { status: "NO_QUOTES", failed: quotes.failureCount };
    return { status: "QUOTED", best, received: received.length, completionReason: quotes.completionReason };
  };
}

/** Suppliers answer with a deterministic fake price. */
export const quoteWorkflow = createQuoteWorkflow(
  async (supplier, _sku, quantity) => quantity * (100 + supplier.length * 7),
);

export const handler = withDurableExecution(quoteWorkflow);
