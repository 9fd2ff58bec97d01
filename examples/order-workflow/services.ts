/**
 * The outside world of the order workflow: inventory, payments, notifications and shipping. In production these
 * would be API clients; here they are small in-memory fakes so the example runs anywhere. Tests pass their own.
 */

/** A payment provider failure worth retrying (timeouts, 5xx). */
export class PaymentGatewayError extends Error {
  override readonly name = "PaymentGatewayError";
}

/** The card was declined: retrying cannot help. */
export class PaymentDeclinedError extends Error {
  override readonly name = "PaymentDeclinedError";
}

export interface OrderServices {
  reserveInventory(orderId: string, items: readonly string[]): Promise<{ reservationId: string }>;
  releaseInventory(reservationId: string): Promise<void>;
  chargeCard(orderId: string, amountCents: number): Promise<{ chargeId: string }>;
  refund(chargeId: string): Promise<void>;
  /** Asks a manager to approve; they answer through the callback id (e.g. a link in an email). */
  requestApproval(orderId: string, amountCents: number, callbackId: string): Promise<void>;
  ship(orderId: string): Promise<{ trackingNumber: string }>;
}

/** Fakes that always succeed; `log` receives one line per call. */
export function fakeServices(log: (line: string) => void = () => undefined): OrderServices {
  return {
    async reserveInventory(orderId, items) {
      log(`inventory: reserved ${items.length} item(s) for ${orderId}`);
      return { reservationId: `res-${orderId}` };
    },
    async releaseInventory(reservationId) {
      log(`inventory: released ${reservationId}`);
    },
    async chargeCard(orderId, amountCents) {
      log(`payments: charged ${(amountCents / 100).toFixed(2)} for ${orderId}`);
      return { chargeId: `ch-${orderId}` };
    },
    async refund(chargeId) {
      log(`payments: refunded ${chargeId}`);
    },
    async requestApproval(orderId, _amountCents, callbackId) {
      log(`approvals: asked a manager to approve ${orderId} (callback ${callbackId})`);
    },
    async ship(orderId) {
      log(`shipping: shipped ${orderId}`);
      return { trackingNumber: `TRK-${orderId.toUpperCase()}` };
    },
  };
}
