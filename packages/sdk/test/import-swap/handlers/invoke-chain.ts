// Chained invokes: both overloads, InvokeConfig with payload/result serdes and tenantId, and InvokeError.
import { InvokeError, withDurableExecution, type InvokeConfig, type Serdes } from "durable-lambda";

export interface QuoteRequest {
  sku: string;
  quantity: number;
}

export interface Quote {
  sku: string;
  amountCents: number;
}

export interface TenantOrder {
  tenantId: string;
  sku: string;
  quantity: number;
}

/** Sends the request as "sku:quantity" text instead of JSON. */
const compactRequestSerdes: Serdes<QuoteRequest> = {
  serialize: async (request) =>
    request === undefined ? undefined : JSON.stringify(`${request.sku}:${request.quantity}`),
  deserialize: async (data) => {
    if (data === undefined) return undefined;
    const [sku = "", quantity = "0"] = (JSON.parse(data) as string).split(":");
    return { sku, quantity: Number(quantity) };
  },
};

/** Reads the quote's amount in cents from the target's euro answer. */
const quoteResultSerdes: Serdes<Quote> = {
  serialize: async (quote) => (quote === undefined ? undefined : JSON.stringify(quote)),
  deserialize: async (data) => {
    if (data === undefined) return undefined;
    const raw = JSON.parse(data) as { sku: string; amountEuros: number };
    return { sku: raw.sku, amountCents: Math.round(raw.amountEuros * 100) };
  },
};

const quoteConfig: InvokeConfig<QuoteRequest, Quote> = {
  payloadSerdes: compactRequestSerdes,
  resultSerdes: quoteResultSerdes,
};

export const handler = withDurableExecution(async (order: TenantOrder, context) => {
  const quote = await context.invoke<QuoteRequest, Quote>(
    "quote-price",
    "pricing-function",
    { sku: order.sku, quantity: order.quantity },
    quoteConfig,
  );
  const receipt = await context.invoke<
    { sku: string; amountCents: number },
    { recorded: boolean; tenant: string }
  >("audit-function", { sku: quote.sku, amountCents: quote.amountCents }, { tenantId: order.tenantId });
  let loyalty: string;
  try {
    loyalty = await context.invoke<{ sku: string }, string>("loyalty-function", { sku: order.sku });
  } catch (error) {
    if (!(error instanceof InvokeError)) throw error;
    loyalty = `unavailable: ${error.message}`;
  }
  return { quote, receipt, loyalty };
});
