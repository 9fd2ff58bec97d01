// Executions started by either SDK replay under the other (SDK.md intro, goal (c)): the first invocation runs
// under one SDK against the in-memory backend, the next under the other, which must replay every recorded
// operation without re-running it or checkpointing it again, and finish the execution.
import * as official from "@aws/durable-execution-sdk-js";
import { describe, expect, it } from "vitest";
import * as ours from "../../src/index.js";
import { MemoryTransport } from "../support/memory-transport.js";
import { lambdaContext } from "./harness.js";

type Sdk = "official" | "ours";
const runs: Record<string, number> = {};

/** The same workflow, written once against either SDK's API (identical shapes). */
function workflow(sdk: Sdk) {
  const withDurableExecution = (
    sdk === "official" ? official.withDurableExecution : ours.withDurableExecution
  ) as (
    fn: (event: { n: number }, ctx: any) => Promise<unknown>,
    config: { durableExecutionClient: MemoryTransport },
  ) => (event: unknown, context: unknown) => Promise<{ Status: string; Result?: string }>;
  return (backend: MemoryTransport) =>
    withDurableExecution(
      async (event, ctx) => {
        const doubled = await ctx.step("double", async () => {
          runs["double"] = (runs["double"] ?? 0) + 1;
          return event.n * 2;
        });
        const grouped = await ctx.runInChildContext("group", async (child: any) => {
          const a = await child.step(async () => {
            runs["inner"] = (runs["inner"] ?? 0) + 1;
            return 1;
          });
          return a + doubled;
        });
        await ctx.wait("pause", { seconds: 30 });
        const [callback, callbackId] = await ctx.createCallback("approval", { timeout: { hours: 1 } });
        await ctx.step("notify", async () => {
          runs["notify"] = (runs["notify"] ?? 0) + 1;
          return callbackId;
        });
        const answer = await callback;
        return { grouped, answer };
      },
      { durableExecutionClient: backend },
    );
}

async function runAcross(first: Sdk, second: Sdk) {
  for (const key of Object.keys(runs)) delete runs[key];
  const backend = new MemoryTransport({ inputPayload: JSON.stringify({ n: 21 }) });
  const out1 = await workflow(first)(backend)(backend.invocationEvent(), lambdaContext());
  expect(out1).toEqual({ Status: "PENDING" });
  const firstUpdates = backend.allUpdates().length;
  backend.advanceTime(30);
  // The second SDK replays double/group/pause, then creates the callback and runs notify.
  const out2 = await workflow(second)(backend)(backend.invocationEvent(), lambdaContext());
  expect(out2).toEqual({ Status: "PENDING" });
  const secondUpdates = backend.allUpdates().slice(firstUpdates);
  expect(secondUpdates.map((u) => `${u.Action} ${u.Name ?? u.Id}`)).toEqual([
    "START approval",
    "START notify",
    "SUCCEED notify",
  ]);
  backend.completeCallback(backend.callbackIdOf(secondUpdates[0]?.Id as string) as string, '"yes"');
  const out3 = await workflow(first)(backend)(backend.invocationEvent(), lambdaContext());
  // Callback results are raw strings by default under both SDKs.
  expect(out3).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify({ grouped: 43, answer: '"yes"' }) });
  expect(runs).toEqual({ double: 1, inner: 1, notify: 1 });
}

describe("cross-SDK replay", () => {
  it("official first, then ours, then official", async () => {
    await runAcross("official", "ours");
  });

  it("ours first, then official, then ours", async () => {
    await runAcross("ours", "official");
  });
});
