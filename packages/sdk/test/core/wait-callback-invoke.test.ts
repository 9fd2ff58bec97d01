import { describe, expect, it } from "vitest";
import { CallbackExternalError, CallbackTimeoutError, InvokeError } from "../../src/index.js";
import { hashOperationId } from "../../src/replay/operation-id.js";
import { callSummary, harness } from "./harness.js";

const ID1 = hashOperationId("1");
const ID2 = hashOperationId("2");

describe("wait (SDK.md §4.3)", () => {
  it("sends WAIT START{WaitSeconds}, suspends, and completes on the next invocation without a new START", async () => {
    const h = harness(async (_e, ctx) => {
      await ctx.wait("pause", { minutes: 1, seconds: 30 });
      return "after";
    });
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    expect(h.backend.allUpdates()).toEqual([
      {
        Id: ID1,
        Type: "WAIT",
        SubType: "Wait",
        Action: "START",
        Name: "pause",
        WaitOptions: { WaitSeconds: 90 },
      },
    ]);
    expect(h.clock.pending).toBe(0); // suspension cancelled the poll timer
    const calls = h.backend.calls.length;
    expect(await h.invoke()).toEqual({ Status: "PENDING" }); // STARTED: waits again, no new START
    expect(h.backend.calls.length).toBe(calls);
    h.backend.advanceTime(90);
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"after"' });
    expect(h.backend.calls.length).toBe(calls);
  });

  it.each([
    [{ seconds: 0 }, "between 1 and 31622400"],
    [{ seconds: 1.5 }, "whole number"],
    [{ days: 367 }, "between 1 and 31622400"],
    [{}, "at least one of"],
    [{ seconds: -1 }, "≥ 0"],
    [{ seconds: "5" }, "finite number"],
  ])("rejects %j before checkpointing", async (duration, message) => {
    const h = harness(async (_e, ctx) => ctx.wait(duration as never));
    const out = await h.invoke();
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "InvalidOperationConfigError" } });
    expect((out as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toContain(message);
    expect(h.backend.calls).toHaveLength(0);
  });

  it("polls in-process at the scheduled end while a step keeps the invocation alive", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const h = harness(async (_e, ctx) => {
      const waited = ctx.wait({ seconds: 5 });
      const busy = ctx.step(async () => {
        await gate;
        return 1;
      });
      await waited;
      release();
      return busy;
    });
    const out = h.invoke();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    h.backend.advanceTime(5);
    expect(h.clock.fireDue()).toBe(1);
    expect(await out).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(callSummary(h.backend.calls)).toContainEqual([]); // the empty poll checkpoint
  });
});

describe("createCallback (SDK.md §4.4)", () => {
  it("sends CallbackOptions, returns the service's id and the raw result string", async () => {
    const ids: string[] = [];
    const h = harness(async (_e, ctx) => {
      const [result, id] = await ctx.createCallback("approval", {
        timeout: { hours: 1 },
        heartbeatTimeout: { seconds: 0 },
      });
      ids.push(id);
      return result;
    });
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    expect(h.backend.allUpdates()).toEqual([
      {
        Id: ID1,
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        Name: "approval",
        CallbackOptions: { TimeoutSeconds: 3600, HeartbeatTimeoutSeconds: 0 },
      },
    ]);
    h.backend.completeCallback(ids[0] as string, '{"ok":true}');
    const calls = h.backend.calls.length;
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify('{"ok":true}') });
    expect(ids).toEqual(["cb-1", "cb-1"]);
    expect(h.backend.calls.length).toBe(calls);
  });

  it("sends empty CallbackOptions without timeouts; configureSerdes changes the default deserializer", async () => {
    const h = harness(async (_e, ctx) => {
      ctx.configureSerdes({
        defaultCallbackDeserializer: { deserialize: async (s) => (s ? JSON.parse(s) : undefined) },
      });
      const [result] = await ctx.createCallback();
      return result;
    });
    await h.invoke();
    expect(h.backend.allUpdates()[0]?.CallbackOptions).toEqual({});
    h.backend.completeCallback("cb-1", '{"n":3}');
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '{"n":3}' });
  });

  it("a failed callback throws CallbackExternalError; a timed-out one CallbackTimeoutError", async () => {
    const seen: unknown[] = [];
    const h = harness(async (_e, ctx) => {
      const [a] = await ctx.createCallback("a");
      const [b] = await ctx.createCallback("b");
      for (const p of [a, b]) {
        try {
          await p;
        } catch (e) {
          seen.push(e);
        }
      }
      return "done";
    });
    await h.invoke();
    h.backend.failCallback("cb-1", { ErrorType: "Rejected", ErrorMessage: "no" });
    h.backend.timeOutCallback("cb-2");
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    expect(seen[0]).toBeInstanceOf(CallbackExternalError);
    expect((seen[0] as Error).message).toBe("no");
    expect(seen[1]).toBeInstanceOf(CallbackTimeoutError);
  });
});

describe("invoke (SDK.md §4.6)", () => {
  it("(name, funcId, input): START with Payload and ChainedInvokeOptions, result deserialized", async () => {
    const h = harness(async (_e, ctx) => ctx.invoke("price", "pricer", { sku: 1 }, { tenantId: "t1" }));
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    expect(h.backend.allUpdates()).toEqual([
      {
        Id: ID1,
        Type: "CHAINED_INVOKE",
        SubType: "ChainedInvoke",
        Action: "START",
        Name: "price",
        Payload: '{"sku":1}',
        ChainedInvokeOptions: { FunctionName: "pricer", TenantId: "t1" },
      },
    ]);
    h.backend.completeInvoke(ID1, { result: '{"price":9}' });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '{"price":9}' });
  });

  it("(funcId, input) has no name; the options-object form takes string inputs unambiguously", async () => {
    const h = harness(async (_e, ctx) => {
      const a = ctx.invoke("fn-a", { x: 1 });
      const b = ctx.invoke({ functionId: "fn-b", input: "text", name: "b" });
      return [await a, await b];
    });
    await h.invoke();
    const [a, b] = h.backend.allUpdates();
    expect(a).toEqual({
      Id: ID1,
      Type: "CHAINED_INVOKE",
      SubType: "ChainedInvoke",
      Action: "START",
      Payload: '{"x":1}',
      ChainedInvokeOptions: { FunctionName: "fn-a" },
    });
    expect(b).toMatchObject({
      Id: ID2,
      Name: "b",
      Payload: '"text"',
      ChainedInvokeOptions: { FunctionName: "fn-b" },
    });
  });

  it("the official positional rule: invoke(funcId, 'a string') reads as (name, funcId)", async () => {
    const h = harness(async (_e, ctx) => ctx.invoke("fn", "looks-like-input"));
    await h.invoke();
    expect(h.backend.allUpdates()[0]).toMatchObject({
      Name: "fn",
      ChainedInvokeOptions: { FunctionName: "looks-like-input" },
    });
  });

  it.each(["FAILED", "TIMED_OUT", "STOPPED"] as const)(
    "%s throws InvokeError with the stored message",
    async (status) => {
      let caught: unknown;
      const h = harness(async (_e, ctx) => {
        try {
          await ctx.invoke("fn", {});
        } catch (e) {
          caught = e;
        }
        return "x";
      });
      await h.invoke();
      h.backend.completeInvoke(ID1, { error: { ErrorType: "Boom", ErrorMessage: "target failed" }, status });
      await h.invoke();
      expect(caught).toBeInstanceOf(InvokeError);
      expect((caught as Error).message).toBe("target failed");
    },
  );

  it("rejects a missing function id with a typed error", async () => {
    const h = harness(async (_e, ctx) => ctx.invoke({ functionId: "" }));
    expect(await h.invoke()).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "InvalidOperationConfigError" },
    });
    expect(h.backend.calls).toHaveLength(0);
  });
});
