/**
 * An invoke between two durable functions: `checkout` reserves stock by invoking the separately deployed
 * `stock-reservation` function and waits for its result durably — if `checkout` is suspended or re-invoked
 * meanwhile, the reservation runs once and its result is replayed.
 */
import { InvokeError, withDurableExecution, type DurableContext } from "durable-lambda";

export interface CheckoutInput {
  cartId: string;
  items: Array<{ sku: string; quantity: number }>;
}

export interface ReservationRequest {
  cartId: string;
  items: Array<{ sku: string; quantity: number }>;
}

export interface Reservation {
  reservationId: string;
  reserved: number;
}

export type CheckoutResult =
  { status: "RESERVED"; reservation: Reservation } | { status: "OUT_OF_STOCK"; reason: string };

/** Name of the reservation function; a deployment passes its ARN or alias through the environment. */
export function reservationFunctionName(): string {
  return process.env.STOCK_RESERVATION_FUNCTION ?? "stock-reservation";
}

/** The calling function. */
export async function checkout(input: CheckoutInput, ctx: DurableContext): Promise<CheckoutResult> {
  const request: ReservationRequest = { cartId: input.cartId, items: input.items };
  try {
    // The options-object form avoids the positional (name, functionId, input) ambiguity.
    const reservation = await ctx.invoke<ReservationRequest, Reservation>({
      name: "reserve stock",
      functionId: reservationFunctionName(),
      input: request,
    });
    return { status: "RESERVED", reservation };
  } catch (error) {
    if (error instanceof InvokeError) return { status: "OUT_OF_STOCK", reason: error.message };
    throw error;
  }
}

/** The invoked function: itself durable, one step per item. */
export async function stockReservation(
  request: ReservationRequest,
  ctx: DurableContext,
): Promise<Reservation> {
  let reserved = 0;
  for (const item of request.items) {
    reserved += await ctx.step(
      `reserve ${item.sku}`,
      async () => {
        if (item.quantity > 10) throw new Error(`only 10 of ${item.sku} left`);
        return item.quantity;
      },
      { retryStrategy: () => ({ shouldRetry: false }) },
    );
  }
  return { reservationId: `rsv-${request.cartId}`, reserved };
}

export const checkoutHandler = withDurableExecution(checkout);
export const stockReservationHandler = withDurableExecution(stockReservation);
