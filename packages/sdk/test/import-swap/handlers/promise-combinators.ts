// context.promise.all / allSettled / any / race (named and unnamed) over DurablePromises, which run lazily.
import { retryPresets, withDurableExecution, type DurablePromise } from "durable-lambda";

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const lookups: DurablePromise<number>[] = [
    context.step("price-eu", async () => 10),
    context.step("price-us", async () => 12),
  ];
  const notYetRun = lookups.every((lookup) => !lookup.isExecuted);
  const prices = await context.promise.all("all-prices", lookups);

  const settled = await context.promise.allSettled([
    context.step("warehouse-a", async () => "a"),
    context.step(
      "warehouse-b",
      async (): Promise<string> => {
        throw new Error("warehouse b offline");
      },
      { retryStrategy: retryPresets.noRetry },
    ),
  ]);

  const firstHealthy = await context.promise.any("first-healthy", [
    context.step(
      "mirror-1",
      async (): Promise<string> => {
        throw new Error("mirror 1 down");
      },
      { retryStrategy: retryPresets.noRetry },
    ),
    context.step("mirror-2", async () => "mirror-2"),
  ]);

  const fastest = await context.promise.race([
    context.step("fast", async () => "fast"),
    context.step("slow", async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return "slow";
    }),
  ]);

  return {
    notYetRun,
    prices,
    settled: settled.map((outcome) => outcome.status),
    firstHealthy,
    fastest,
  };
});
