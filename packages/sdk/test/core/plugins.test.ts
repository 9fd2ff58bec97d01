import { describe, expect, it } from "vitest";
import type { DurableInstrumentationPlugin } from "../../src/index.js";
import { harness } from "./harness.js";

function recorder(events: string[]): DurableInstrumentationPlugin {
  return {
    onInvocationStart: async (i) => void events.push(`invocationStart first=${i.isFirstInvocation}`),
    onInvocationEnd: async (i) => void events.push(`invocationEnd ${i.status} first=${i.isFirstInvocation}`),
    onOperationStart: async (i) =>
      void events.push(`start ${i.type}${i.name ? `:${i.name}` : ""} replay=${i.isReplay}`),
    onOperationEnd: async (i) =>
      void events.push(
        `end ${i.type}${i.name ? `:${i.name}` : ""}${i.error ? ` error=${i.error.name}` : ""}`,
      ),
    onOperationAttemptStart: async (i) => void events.push(`attemptStart ${i.attempt}`),
    onOperationAttemptEnd: async (i) => void events.push(`attemptEnd ${i.attempt} ${i.outcome}`),
  };
}

describe("plugins (SDK.md §11)", () => {
  it("fires invocation, operation and attempt hooks in order", async () => {
    const events: string[] = [];
    const h = harness(async (_e, ctx) => ctx.step("s", async () => 1), {
      config: { plugins: [recorder(events)] },
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(events).toEqual([
      "invocationStart first=true",
      "start STEP:s replay=false",
      "attemptStart 1",
      "attemptEnd 1 SUCCEEDED",
      "end STEP:s",
      "invocationEnd SUCCEEDED first=true",
    ]);
  });

  it("terminal records met on replay are not re-emitted; the first sighting of one completed in between is", async () => {
    const events: string[] = [];
    const h = harness(
      async (_e, ctx) => {
        await ctx.step("s", async () => 1);
        await ctx.wait("w", { seconds: 1 });
      },
      { config: { plugins: [recorder(events)] } },
    );
    await h.invoke();
    h.backend.advanceTime(1);
    events.length = 0;
    await h.invoke();
    expect(events).toEqual([
      "invocationStart first=false",
      "end WAIT:w",
      "invocationEnd SUCCEEDED first=false",
    ]);
  });

  it("throwing hooks and wrappers never change the outcome; wrappers run the user function once", async () => {
    let runs = 0;
    const hostile: DurableInstrumentationPlugin = {
      onInvocationStart: async () => {
        throw new Error("x");
      },
      onOperationStart: () => {
        throw new Error("sync throw");
      },
      wrapOperationAttemptFn: async (_i, fn) => {
        await fn();
        throw new Error("after");
      },
      wrapInvocation: async () => {
        throw new Error("before");
      },
      enrichLogContext: () => {
        throw new Error("enrich");
      },
    };
    const h = harness(
      async (_e, ctx) => {
        ctx.logger.info("still logs");
        return ctx.step(async () => ++runs);
      },
      { config: { plugins: [hostile] } },
    );
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(runs).toBe(1);
    expect(h.logs).toHaveLength(1);
  });

  it("enrichLogContext adds fields to records", async () => {
    const h = harness(async (_e, ctx) => ctx.logger.info("m"), {
      config: { plugins: [{ enrichLogContext: () => ({ traceId: "abc" }) }] },
    });
    await h.invoke();
    expect(JSON.parse(h.logs[0] as string)).toMatchObject({ traceId: "abc", message: "m" });
  });

  it("wrapChildContextFn sees isReplayingChildren", async () => {
    const flags: boolean[] = [];
    const big = "q".repeat(270_000);
    const h = harness(
      async (_e, ctx) => {
        const v = await ctx.runInChildContext(async (c) => c.step(async () => big));
        await ctx.wait({ seconds: 1 });
        return v.length;
      },
      {
        config: {
          payloadLimits: { STEP: 1_000_000 },
          plugins: [
            {
              wrapChildContextFn: (info, fn) => {
                flags.push(info.isReplayingChildren === true);
                return fn();
              },
            },
          ],
        },
      },
    );
    await h.invoke();
    h.backend.advanceTime(1);
    await h.invoke();
    expect(flags).toEqual([false, true]);
  });
});

describe("pluginsConfig.childOperationsDepth", () => {
  it("depth 1 keeps the children of top-level contexts (ReplayChildren on SUCCEED and FAIL), not deeper ones", async () => {
    const h = harness(
      async (_e, ctx) => {
        await ctx.runInChildContext("top", async (c) => c.runInChildContext("nested", async () => 1));
        await ctx
          .runInChildContext("failing", async () => {
            throw new Error("x");
          })
          .catch(() => undefined);
      },
      { config: { pluginsConfig: { childOperationsDepth: 1 } } },
    );
    await h.invoke();
    const completions = h.backend.allUpdates().filter((u) => u.Action !== "START");
    expect(
      completions.map((u) => `${u.Name} ${u.Action} ${u.ContextOptions?.ReplayChildren === true}`),
    ).toEqual(["nested SUCCEED false", "top SUCCEED true", "failing FAIL true"]);
    expect(completions.find((u) => u.Name === "top")?.Payload).toBe("1");
  });

  it("rejects an invalid depth before the handler runs", async () => {
    const h = harness(async () => 1, { config: { pluginsConfig: { childOperationsDepth: -1 } } });
    expect(await h.invoke()).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "InvalidOperationConfigError" },
    });
  });
});
