import { describe, expect, it } from "vitest";
import {
  InvalidInvocationInputError,
  SerdesFailedError,
  withDurableExecution,
  type DurableExecutionClient,
} from "../../src/index.js";
import { MemoryServiceError, MemoryTransport } from "../support/memory-transport.js";
import { harness, lambdaContext } from "./harness.js";

describe("withDurableExecution: envelope, state loading, outputs (SDK.md §1)", () => {
  it.each([
    [null, "received null"],
    [{}, "DurableExecutionArn must be a non-empty string"],
    [{ DurableExecutionArn: "arn", CheckpointToken: "" }, "CheckpointToken must be a non-empty string"],
    [
      { DurableExecutionArn: "arn", CheckpointToken: "t", InitialExecutionState: { Operations: "x" } },
      "must be an array",
    ],
  ])("throws InvalidInvocationInputError for %j", async (event, message) => {
    const handler = withDurableExecution(async () => 1, { durableExecutionClient: new MemoryTransport() });
    const attempt = handler(event as never, lambdaContext());
    await expect(attempt).rejects.toBeInstanceOf(InvalidInvocationInputError);
    await expect(attempt).rejects.toThrow(message);
  });

  it("parses the input payload of the EXECUTION operation; absent → {}", async () => {
    const seen: unknown[] = [];
    const a = harness(async (e) => seen.push(e), { input: { n: 1 } });
    const b = harness(async (e) => seen.push(e));
    await a.invoke();
    await b.invoke();
    expect(seen).toEqual([{ n: 1 }, {}]);
  });

  it("pages GetDurableExecutionState with MaxItems 1000 while NextMarker is set", async () => {
    const h = harness(
      async (_e, ctx) => {
        for (let i = 0; i < 5; i++) await ctx.step(async () => i);
        await ctx.wait({ seconds: 1 });
        return "done";
      },
      { firstPageSize: 2 },
    );
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    h.backend.advanceTime(1);
    const calls = h.backend.calls.length;
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    expect(h.backend.stateRequests).toEqual([
      expect.objectContaining({ Marker: "2", MaxItems: 1000, CheckpointToken: expect.any(String) }),
    ]);
    expect(h.backend.calls.length).toBe(calls); // every step replayed from the paged state
  });

  it("omits Result for undefined and returns large results through an EXECUTION SUCCEED on its own id", async () => {
    expect(await harness(async () => undefined).invoke()).toEqual({ Status: "SUCCEEDED" });
    const big = "y".repeat(6 * 1024 * 1024);
    const h = harness(async () => big);
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "" });
    expect(h.backend.allUpdates()).toEqual([
      { Id: "execution", Type: "EXECUTION", Action: "SUCCEED", Payload: JSON.stringify(big) },
    ]);
  });

  it("a handler error drains the queue and returns FAILED with its ErrorObject", async () => {
    const h = harness(async (_e, ctx) => {
      void ctx.runInChildContext("ff", async () => 1);
      throw new TypeError("bad");
    });
    expect(await h.invoke()).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "TypeError", ErrorMessage: "bad" },
    });
    expect(h.backend.allUpdates().map((u) => u.Action)).toEqual(["START", "SUCCEED"]);
  });

  it("config error: client together with durableExecutionClient → FAILED before the handler runs", async () => {
    let ran = false;
    const handler = withDurableExecution(
      async () => {
        ran = true;
      },
      { durableExecutionClient: new MemoryTransport(), client: { send: async () => ({}) } },
    );
    const out = await handler(new MemoryTransport().invocationEvent(), lambdaContext());
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "InvalidOperationConfigError" } });
    expect(ran).toBe(false);
  });

  it("a non-serializable step result is an invocation-scope SerdesFailedError naming the step (thrown)", async () => {
    const h = harness(async (_e, ctx) => ctx.step("big-int", async () => ({ v: 10n })));
    await expect(h.invoke()).rejects.toBeInstanceOf(SerdesFailedError);
    await expect(
      harness(async (_e, ctx) => ctx.step("big-int", async () => ({ v: 10n }))).invoke(),
    ).rejects.toThrow(
      /\[Unrecoverable Invocation\] Serialization failed for Step "big-int" \(id 1\): BigInt/,
    );
  });

  it.each([
    [
      "circular",
      () => {
        const o: Record<string, unknown> = {};
        o["self"] = o;
        return o;
      },
      /circular/i,
    ],
    ["function", () => ({ f: () => 1 }), /function at key "f"/],
    ["symbol", () => ({ s: Symbol("x") }), /symbol at key "s"/],
  ])("%s values fail serialization with a typed error", async (_label, make, message) => {
    const h = harness(async (_e, ctx) => ctx.step(async () => make()));
    await expect(h.invoke()).rejects.toThrow(message);
  });

  it("an oversize step payload fails the execution with PayloadTooLargeError before checkpointing", async () => {
    const h = harness(async (_e, ctx) => ctx.step("huge", async () => "z".repeat(300_000)));
    const out = await h.invoke();
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "PayloadTooLargeError" } });
    expect((out as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toMatch(
      /Step "huge" \(id 1\) is 300002 bytes, over the limit of 262144/,
    );
    expect(h.backend.allUpdates().filter((u) => u.Action === "SUCCEED")).toEqual([]);
  });

  it("the payload limit is configurable per type", async () => {
    const h = harness(async (_e, ctx) => ctx.step(async () => "abcdef"), {
      config: { payloadLimits: { STEP: 4 } },
    });
    expect(await h.invoke()).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "PayloadTooLargeError" },
    });
  });

  it("checkpoint errors: 4xx fails the execution, 5xx / invalid token is thrown for a Lambda retry", async () => {
    const failing = (error: Error): DurableExecutionClient => ({
      getExecutionState: async () => ({ Operations: [] }),
      checkpoint: async () => {
        throw error;
      },
    });
    const event = new MemoryTransport().invocationEvent();
    const run = (client: DurableExecutionClient) =>
      withDurableExecution(async (_e, ctx) => ctx.step(async () => 1), { durableExecutionClient: client })(
        event,
        lambdaContext(),
      );
    expect(await run(failing(new MemoryServiceError("ValidationException", "bad", 400)))).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "CheckpointUnrecoverableExecutionError" },
    });
    await expect(run(failing(new MemoryServiceError("ServiceException", "down", 500)))).rejects.toThrow(
      /Unrecoverable Invocation/,
    );
    await expect(
      run(
        failing(new MemoryServiceError("InvalidParameterValueException", "Invalid Checkpoint Token: x", 400)),
      ),
    ).rejects.toThrow(/Unrecoverable Invocation/);
  });

  it("suspends with PENDING as soon as only waiting operations remain, with no timer having fired", async () => {
    const h = harness(async (_e, ctx) => {
      const [p] = await ctx.createCallback();
      const w = ctx.wait({ seconds: 100 });
      await Promise.all([p, w]);
    });
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    expect(h.clock.pending).toBe(0);
  });

  it("never answers PENDING while a step is still executing", async () => {
    let release: () => void = () => undefined;
    const h = harness(async (_e, ctx) => {
      const w = ctx.wait({ seconds: 100 });
      const s = ctx.step(() => new Promise<number>((r) => (release = () => r(7))));
      void w;
      return s;
    });
    const out = h.invoke();
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    release();
    expect(await out).toEqual({ Status: "SUCCEEDED", Result: "7" });
  });
});

describe("DurableExecutionInvocationInputWithClient", () => {
  it("uses the event's own client", async () => {
    const { DurableExecutionInvocationInputWithClient } = await import("../../src/index.js");
    const backend = new MemoryTransport();
    const handler = withDurableExecution(async (_e, ctx) => ctx.step(async () => "via event client"));
    const event = new DurableExecutionInvocationInputWithClient(backend.invocationEvent(), backend);
    expect(DurableExecutionInvocationInputWithClient.isInstance(event)).toBe(true);
    expect(await handler(event, lambdaContext())).toEqual({
      Status: "SUCCEEDED",
      Result: '"via event client"',
    });
    expect(backend.calls).toHaveLength(1);
  });
});
