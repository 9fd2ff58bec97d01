import { afterEach, describe, expect, it } from "vitest";
import { assertOperations, DurableTestRunner, MockDurableContext } from "@durable-lambda/testing";
import { createQuoteWorkflow, type QuoteResult } from "./handler.js";

const prices: Record<string, number> = { acme: 900, globex: 700, initech: 800, umbrella: 650, hooli: 990 };

let runner: DurableTestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

describe("quote fan-out", () => {
  it("stops after three quotes and picks the cheapest of them", async () => {
    const asked: string[] = [];
    runner = new DurableTestRunner({
      handler: createQuoteWorkflow(async (supplier) => {
        asked.push(supplier);
        return prices[supplier]!;
      }),
    });
    const run = await runner.run<QuoteResult>({
      payload: { sku: "X-1", quantity: 1, suppliers: ["acme", "globex", "initech", "umbrella", "hooli"] },
    });
    // The batch completes with the first three quotes: umbrella (cheaper) was asked, but answered too late.
    expect(run.result).toEqual({
      status: "QUOTED",
      best: { supplier: "globex", priceCents: 700 },
      received: 3,
      completionReason: "MIN_SUCCESSFUL_REACHED",
    });
    expect(asked.slice(0, 3)).toEqual(["acme", "globex", "initech"]);
    assertOperations(
      run,
      [
        { type: "CONTEXT", subType: "Map", name: "collect quotes" },
        { type: "CONTEXT", subType: "MapIteration", name: "acme" },
      ],
      { match: "prefix" },
    );
  });

  it("carries on without a failing supplier while its retry is pending", async () => {
    runner = new DurableTestRunner({
      handler: createQuoteWorkflow(async (supplier) => {
        if (supplier === "globex") throw new Error("globex is down");
        return prices[supplier]!;
      }),
    });
    const run = await runner.run<QuoteResult>({
      payload: { sku: "X-1", quantity: 1, suppliers: ["acme", "globex", "initech", "umbrella"] },
    });
    expect(run.result).toMatchObject({ status: "QUOTED", best: { supplier: "umbrella" }, received: 3 });
    // globex failed once; its retry was still scheduled when three other quotes completed the batch.
    expect(run.getOperation("quote from globex")).toMatchObject({
      status: "PENDING",
      error: { ErrorMessage: "globex is down" },
    });
  });

  it("gives up when more than half of the suppliers fail", async () => {
    const run = await new MockDurableContext().run(
      createQuoteWorkflow(async (supplier) => {
        if (supplier !== "acme") throw new Error(`${supplier} is down`);
        return prices[supplier]!;
      }),
      { sku: "X-1", quantity: 2, suppliers: ["acme", "globex", "initech", "umbrella"] },
    );
    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({
      status: "QUOTED",
      best: { supplier: "acme", priceCents: 900 },
      received: 1,
      completionReason: "FAILURE_TOLERANCE_EXCEEDED",
    });
  });
});
