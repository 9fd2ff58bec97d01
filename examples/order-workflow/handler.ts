/**
 * An order workflow as a durable function: validate the order, reserve stock, charge the card (retrying
 * gateway errors with backoff), hold the order for a review window, ask a manager for approval through a
 * callback, then ship — or undo what was done (refund, release stock) when the order cannot go through.
 */
import {
  createRetryStrategy,
  withDurableExecution,
  type DurableContext,
  CallbackTimeoutError,
} from "durable-lambda";
import { fakeServices, PaymentGatewayError, type OrderServices } from "./services.js";

export interface OrderInput {
  orderId: string;
  amountCents: number;
  items: string[];
  /** How long the order is held for fraud review before approval is requested (default 30 minutes). */
  reviewWindowSeconds?: number;
  /** How long the manager has to answer (default 24 hours). */
  approvalTimeoutSeconds?: number;
}

export type OrderResult =
  | { status: "COMPLETED"; chargeId: string; trackingNumber: string; approvedBy: string }
  | { status: "REJECTED"; reason: string }
  | { status: "CANCELLED"; reason: string; undone: string[] };

/** What the manager sends back through the callback. */
export interface ApprovalDecision {
  approved: boolean;
  approver?: string;
  comment?: string;
}

function validationError(order: OrderInput): string | undefined {
  if (typeof order.orderId !== "string" || !/^[\w-]{1,64}$/.test(order.orderId))
    return "orderId must be 1-64 word characters";
  if (!Number.isInteger(order.amountCents) || order.amountCents <= 0)
    return "amountCents must be a positive integer";
  if (!Array.isArray(order.items) || order.items.length === 0) return "an order needs at least one item";
  return undefined;
}

/**
 * Builds the workflow over the given services, so tests can pass fakes.
 *
 * @example
 * ```ts
 * export const handler = withDurableExecution(createOrderWorkflow(realServices));
 * ```
 */
export function createOrderWorkflow(services: OrderServices) {
  return async function orderWorkflow(order: OrderInput, ctx: DurableContext): Promise<OrderResult> {
    // Pure validation still runs as a step: its verdict is recorded, so a replay never re-decides it.
    const problem = await ctx.step("validate order", async () => validationError(order) ?? null);
    if (problem !== null) return { status: "REJECTED", reason: problem };

    const reservation = await ctx.stepWithCompensation(
      "reserve inventory",
      async () => services.reserveInventory(order.orderId, order.items),
      async (reserved, undo) => {
        await undo.step("release inventory", async () => services.releaseInventory(reserved.reservationId));
      },
    );

    const charge = await ctx
      .stepWithCompensation(
        "charge card",
        async () => services.chargeCard(order.orderId, order.amountCents),
        async (charged, undo) => {
          await undo.step("refund card", async () => services.refund(charged.chargeId));
        },
        {
          // Gateway hiccups are retried (2 s, 4 s, …); a declined card fails at once.
          retryStrategy: createRetryStrategy({
            maxAttempts: 4,
            initialDelay: { seconds: 2 },
            backoffRate: 2,
            retryableErrorTypes: [PaymentGatewayError],
          }),
        },
      )
      .catch(async (error: unknown) => {
        await ctx.runCompensations();
        throw error;
      });
    ctx.logger.info("charged", { reservationId: reservation.reservationId, chargeId: charge.chargeId });

    await ctx.wait("fraud review window", { seconds: order.reviewWindowSeconds ?? 1800 });

    let decision: ApprovalDecision;
    try {
      const answer = await ctx.waitForCallback(
        "manager approval",
        async (callbackId) => services.requestApproval(order.orderId, order.amountCents, callbackId),
        { timeout: { seconds: order.approvalTimeoutSeconds ?? 86_400 } },
      );
      decision = JSON.parse(answer) as ApprovalDecision;
    } catch (error) {
      if (!(error instanceof CallbackTimeoutError)) throw error;
      decision = { approved: false, comment: "no answer in time" };
    }

    if (!decision.approved) {
      const rollback = await ctx.runCompensations();
      return {
        status: "CANCELLED",
        reason: decision.comment ?? "not approved",
        undone: rollback.items.map((item) => `${item.name}: ${item.status}`),
      };
    }

    const shipment = await ctx.step("ship order", async () => services.ship(order.orderId));
    return {
      status: "COMPLETED",
      chargeId: charge.chargeId,
      trackingNumber: shipment.trackingNumber,
      approvedBy: decision.approver ?? "unknown",
    };
  };
}

/** The workflow over the example's in-memory services. */
export const orderWorkflow = createOrderWorkflow(fakeServices((line) => console.log(line)));

/** The Lambda entry point (see ../template.yaml). */
export const handler = withDurableExecution(orderWorkflow);
