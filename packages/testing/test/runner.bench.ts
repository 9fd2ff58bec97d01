// Cost of one test-kit run: `npx vitest bench --run packages/testing/test`.
// The official testing library spends ~105 ms per run plus ~20 ms per step (fake timers); this kit should stay
// in the low milliseconds per run and tens of milliseconds for 1000 steps.
import { bench, describe } from "vitest";
import type { DurableContext } from "durable-lambda";
import { DurableTestRunner, MockDurableContext } from "../src/index.js";

async function steps(event: { n: number }, ctx: DurableContext): Promise<number> {
  let total = 0;
  for (let i = 0; i < event.n; i++) total += await ctx.step(`step-${i}`, async () => i);
  return total;
}

async function waits(_event: unknown, ctx: DurableContext): Promise<string> {
  await ctx.step("before", async () => 1);
  await ctx.wait("a day", { days: 1 });
  await ctx.step("after", async () => 2);
  return "done";
}

describe("DurableTestRunner", () => {
  const runner = new DurableTestRunner({ handler: steps });
  const waiting = new DurableTestRunner({ handler: waits });

  bench("1 step", async () => {
    await runner.run({ payload: { n: 1 } });
  });
  bench("1000 steps", async () => {
    const run = await runner.run({ payload: { n: 1000 } });
    if (run.result !== 499_500) throw new Error(`unexpected result ${String(run.result)}`);
  });
  bench("a one-day wait between two steps (two invocations)", async () => {
    await waiting.run();
  });
});

describe("MockDurableContext", () => {
  bench("1000 steps", async () => {
    await new MockDurableContext().run(steps, { n: 1000 });
  });
});
