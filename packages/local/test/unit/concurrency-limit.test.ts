import { describe, expect, it } from "vitest";
import { ConcurrencyLimit } from "../../src/invoker/concurrency-limit.js";

describe("ConcurrencyLimit", () => {
  it("admits up to the limit at once and hands freed slots to waiters first come, first served", async () => {
    const limit = new ConcurrencyLimit(2);
    expect(limit.acquire("f")).toBeUndefined();
    expect(limit.acquire("f")).toBeUndefined();
    const order: string[] = [];
    const third = limit.acquire("f")!.then(() => order.push("third"));
    const fourth = limit.acquire("f")!.then(() => order.push("fourth"));
    expect(limit.queued("f")).toBe(2);
    expect(limit.acquire("g")).toBeUndefined(); // keys are independent
    limit.release("f");
    await third;
    expect(order).toEqual(["third"]);
    limit.release("f");
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
    expect(limit.queued("f")).toBe(0);
    limit.release("f");
    limit.release("f");
    expect(limit.acquire("f")).toBeUndefined(); // both slots free again
  });

  it("wakes every waiter on releaseAll", async () => {
    const limit = new ConcurrencyLimit(1);
    expect(limit.acquire("f")).toBeUndefined();
    const waiters = [limit.acquire("f"), limit.acquire("f")];
    limit.releaseAll();
    await Promise.all(waiters);
    expect(limit.queued("f")).toBe(0);
  });

  it("rejects a limit that is not a positive integer", () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
    expect(() => new ConcurrencyLimit(1.5)).toThrow(/positive integer/);
  });
});
