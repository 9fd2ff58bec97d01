// One workflow touching every durable operation, written once against either SDK's (identical) API. Used to
// record golden histories under the official SDK and replay them under ours.
import * as official from "@aws/durable-execution-sdk-js";
import * as ours from "../../src/index.js";
import type { MemoryTransport } from "../support/memory-transport.js";
import type { DurableExecutionInvocationOutput, WireOperation } from "../../src/index.js";
import { lambdaContext } from "./harness.js";

export type Sdk = "official" | "ours";

/** Counts of user-function runs, to prove replay re-ran nothing. */
export const runs = new Map<string, number>();
const ran = (key: string) => runs.set(key, (runs.get(key) ?? 0) + 1);

export function goldenHandler(sdk: Sdk, backend: MemoryTransport) {
  const api = (sdk === "official" ? official : ours) as unknown as typeof ours;
  return api.withDurableExecution(
    async (event: { n: number }, ctx) => {
      const a = await ctx.step("first", async () => {
        ran("first");
        return event.n + 1;
      });
      const flaky = await ctx.step(
        "flaky",
        async ({ attempt }) => {
          ran("flaky");
          if (attempt === 1) throw new Error("first attempt fails");
          return attempt;
        },
        {
          retryStrategy: api.createRetryStrategy({
            maxAttempts: 3,
            initialDelay: { seconds: 2 },
            jitter: "NONE",
          }),
        },
      );
      const child = await ctx.runInChildContext("child", async (c) => {
        const x = await c.step(async () => {
          ran("child-step");
          return 10;
        });
        await c.wait({ seconds: 5 });
        return x * 2;
      });
      const [callback, callbackId] = await ctx.createCallback("cb", { timeout: { minutes: 5 } });
      await ctx.step("send", async () => {
        ran("send");
        return callbackId.length > 0;
      });
      const answer = await callback;
      const invoked = await ctx.invoke<{ q: number }, string>("call", "target-fn", { q: 1 });
      const polled = await ctx.waitForCondition(
        "poll",
        async (s: number) => {
          ran("poll");
          return s + 1;
        },
        {
          initialState: 0,
          waitStrategy: (s) =>
            s >= 2 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 3 } },
        },
      );
      const mapped = await ctx.map("map", [1, 2], async (c, item) =>
        c.step(async () => {
          ran("map-item");
          return item * 3;
        }),
      );
      const branches = await ctx.parallel("par", [
        async (c) => c.step(async () => "left"),
        { name: "right", func: async (c) => c.step(async () => "right") },
      ]);
      const viaCallback = await ctx.waitForCallback("wfc", async (id) => {
        ran("submit");
        if (!id) throw new Error("no id");
      });
      const [p1 = 0, p2 = 0] = await ctx.promise.all("both", [
        ctx.step(async () => 1),
        ctx.step(async () => 2),
      ]);
      return {
        a,
        flaky,
        child,
        answer,
        invoked,
        polled,
        mapped: mapped.getResults(),
        branches: branches.getResults(),
        viaCallback,
        sum: p1 + p2,
      };
    },
    { durableExecutionClient: backend },
  );
}

/** Invoke until the execution ends, advancing time and answering callbacks / invokes between invocations. */
export async function driveToEnd(
  handler: (event: any, context: any) => Promise<DurableExecutionInvocationOutput>,
  backend: MemoryTransport,
): Promise<{ output: DurableExecutionInvocationOutput; invocations: number }> {
  for (let invocations = 1; invocations <= 30; invocations++) {
    const output = await handler(backend.invocationEvent(), lambdaContext());
    if (output.Status !== "PENDING") return { output, invocations };
    backend.advanceTime(10);
    for (const op of backend.operations()) {
      if (op.Status !== "STARTED") continue;
      if (op.Type === "CALLBACK")
        backend.completeCallback(op.CallbackDetails?.CallbackId as string, '"approved"');
      if (op.Type === "CHAINED_INVOKE") backend.completeInvoke(op.Id as string, { result: '"invoked"' });
    }
  }
  throw new Error("execution did not finish in 30 invocations");
}

export type GoldenFixture = { input: { n: number }; result: string | undefined; operations: WireOperation[] };
