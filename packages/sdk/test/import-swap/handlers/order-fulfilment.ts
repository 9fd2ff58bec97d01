// Steps and waits: both overloads of each, every StepConfig field except serdes, Duration shapes, the logger.
import {
  createRetryStrategy,
  JitterStrategy,
  StepSemantics,
  withDurableExecution,
  type Duration,
  type StepConfig,
} from "durable-lambda";

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export interface Order {
  orderId: string;
  lines: OrderLine[];
}

interface Reservation {
  reservationId: string;
  attempt: number;
}

const coolingOff: Duration = { minutes: 1, seconds: 30 };

const reservationConfig: StepConfig<Reservation> = {
  retryStrategy: createRetryStrategy({
    maxAttempts: 3,
    initialDelay: { seconds: 2 },
    maxDelay: { minutes: 1 },
    backoffRate: 2,
    jitter: JitterStrategy.NONE,
    retryableErrors: [/inventory/i],
  }),
  semantics: StepSemantics.AtLeastOncePerRetry,
};

export const handler = withDurableExecution(async (order: Order, context) => {
  context.logger.info("Fulfilling order", { orderId: order.orderId });
  const total = await context.step("price-order", async () =>
    order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0),
  );
  const reservation = await context.step(
    "reserve-inventory",
    async (step): Promise<Reservation> => {
      step.logger.info("Reserving", { attempt: step.attempt });
      if (step.attempt === 1) throw new Error("Inventory service is busy");
      return { reservationId: `res-${order.orderId}`, attempt: step.attempt };
    },
    reservationConfig,
  );
  await context.wait("cooling-off", coolingOff);
  const charge = await context.step(async () => ({ charged: total, currency: "EUR" }), {
    semantics: StepSemantics.AtMostOncePerRetry,
  });
  await context.wait({ seconds: 5 });
  return { orderId: order.orderId, total, reservation, charge };
});
