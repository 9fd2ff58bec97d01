import { afterEach, describe, expect, it } from "vitest";
import { DurableTestRunner, MockDurableContext } from "@durable-lambda/testing";
import { checkout, stockReservation, type CheckoutResult } from "./handler.js";

let runner: DurableTestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

describe("checkout invoking stock-reservation", () => {
  it("runs both durable functions on the local engine", async () => {
    runner = new DurableTestRunner({
      handler: checkout,
      functions: { "stock-reservation": stockReservation },
    });
    const run = await runner.run<CheckoutResult>({
      payload: {
        cartId: "c-1",
        items: [
          { sku: "mug", quantity: 2 },
          { sku: "tea", quantity: 3 },
        ],
      },
    });
    expect(run.result).toEqual({
      status: "RESERVED",
      reservation: { reservationId: "rsv-c-1", reserved: 5 },
    });
    const invoke = run.getOperation("reserve stock");
    expect(invoke).toMatchObject({ type: "CHAINED_INVOKE", status: "SUCCEEDED" });
    expect(run.history.find((e) => e.EventType === "ChainedInvokeStarted")).toMatchObject({
      ChainedInvokeStartedDetails: { FunctionName: "stock-reservation" },
    });
  });

  it("maps a failed reservation to OUT_OF_STOCK", async () => {
    runner = new DurableTestRunner({
      handler: checkout,
      functions: { "stock-reservation": stockReservation },
    });
    const run = await runner.run<CheckoutResult>({
      payload: { cartId: "c-2", items: [{ sku: "mug", quantity: 50 }] },
    });
    expect(run.result).toMatchObject({ status: "OUT_OF_STOCK" });
  });

  it("can stand in a plain mock for the invoked function", async () => {
    runner = new DurableTestRunner({
      handler: checkout,
      targets: {
        "stock-reservation": (req: { cartId: string }) => ({
          reservationId: `mock-${req.cartId}`,
          reserved: 1,
        }),
      },
    });
    const run = await runner.run<CheckoutResult>({
      payload: { cartId: "c-3", items: [{ sku: "mug", quantity: 1 }] },
    });
    expect(run.result).toEqual({
      status: "RESERVED",
      reservation: { reservationId: "mock-c-3", reserved: 1 },
    });
  });

  it("unit-tests checkout with a preloaded invoke result", async () => {
    const run = await new MockDurableContext()
      .withInvokeError("reserve stock", "only 10 of mug left")
      .run(checkout, { cartId: "c-4", items: [{ sku: "mug", quantity: 11 }] });
    expect(run.result).toEqual({ status: "OUT_OF_STOCK", reason: "only 10 of mug left" });
  });
});
