import { afterEach, describe, expect, it } from "vitest";
import { CallbackExternalError, type DurableContext } from "durable-lambda";
import { assertHistory, DurableTestRunner, ExecutionWaitError } from "../src/index.js";

let runner: DurableTestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

describe("DurableTestRunner", () => {
  it("runs a handler with steps and an hour-long wait on virtual time", async () => {
    const started = Date.now();
    runner = new DurableTestRunner({
      handler: async (event: { n: number }, ctx: DurableContext) => {
        const doubled = await ctx.step("double", async () => event.n * 2);
        await ctx.wait("an hour", { hours: 1 });
        return ctx.step("add one", async () => doubled + 1);
      },
      startTime: Date.UTC(2030, 0, 1),
    });
    const run = await runner.run({ payload: { n: 20 } });
    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toBe(41);
    expect(run.getOperation("double").result).toBe(40);
    expect(run.invocationCount).toBe(2);
    expect(runner.now()).toBe(Date.UTC(2030, 0, 1) + 3_600_000);
    expect(Date.now() - started).toBeLessThan(3_600_000); // virtual, not real, hours
    assertHistory(run, [
      "ExecutionStarted",
      { EventType: "StepStarted", Name: "double" },
      { EventType: "StepSucceeded", Name: "double", StepSucceededDetails: { Result: { Payload: "40" } } },
      { EventType: "WaitStarted", Name: "an hour", WaitStartedDetails: { Duration: 3600 } },
      "InvocationCompleted",
      { EventType: "WaitSucceeded", Name: "an hour" },
      "StepStarted",
      "StepSucceeded",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
  });

  it("retries a failing step across invocations with virtual backoff", async () => {
    let calls = 0;
    runner = new DurableTestRunner({
      handler: async (_e: unknown, ctx: DurableContext) =>
        ctx.step(
          "flaky",
          async () => {
            if (++calls < 3) throw new Error(`attempt ${calls} failed`);
            return "ok";
          },
          { retryStrategy: (_err, attempt) => ({ shouldRetry: attempt < 5, delay: { seconds: 30 } }) },
        ),
    });
    const run = await runner.run();
    expect(run.result).toBe("ok");
    expect(calls).toBe(3);
    expect(run.history.filter((e) => e.EventType === "StepFailed")).toHaveLength(2);
  });

  it("lets the test answer a callback while the execution is suspended, before its timeout", async () => {
    runner = new DurableTestRunner({
      handler: async (_e: unknown, ctx: DurableContext) => {
        const answer = await ctx.waitForCallback("approval", async () => undefined, {
          timeout: { minutes: 5 },
        });
        return JSON.parse(answer) as unknown;
      },
    });
    const execution = await runner.start();
    const callback = await execution.waitForCallback("approval");
    expect(callback.callbackId).toEqual(expect.any(String));
    expect(execution.inspect().status).toBe("RUNNING");
    await execution.sendCallbackSuccess(callback, { approved: true });
    const run = await execution.result();
    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ approved: true });
  });

  it("reports RUNNING when only outside input can move the execution on, and times out callbacks on demand", async () => {
    runner = new DurableTestRunner({
      handler: async (_e: unknown, ctx: DurableContext) => {
        const [promise] = await ctx.createCallback("ticket", { timeout: { hours: 2 } });
        return promise.catch((e: unknown) => (e instanceof Error ? e.name : "?"));
      },
    });
    const execution = await runner.start();
    await execution.waitForCallback("ticket");
    await execution.advanceTime(60 * 60 * 1000);
    expect(execution.inspect().status).toBe("RUNNING");
    await execution.advanceTime(60 * 60 * 1000);
    const run = await execution.result();
    expect(run.result).toBe("CallbackTimeoutError");
  });

  it("delivers callback failures as CallbackExternalError", async () => {
    runner = new DurableTestRunner({
      handler: async (_e: unknown, ctx: DurableContext) => {
        const [promise, id] = await ctx.createCallback("ticket");
        await ctx.step("publish", async () => id);
        try {
          await promise;
          return "no";
        } catch (e) {
          return e instanceof CallbackExternalError ? `failed: ${e.message}` : "other";
        }
      },
    });
    const execution = await runner.start();
    const ticket = await execution.waitForCallback("ticket");
    await execution.sendCallbackFailure(ticket.callbackId!, "nope"); // by id; a name or the operation work too
    const run = await execution.result();
    expect(run.result).toBe("failed: nope");
  });

  it("invokes registered durable functions and plain targets", async () => {
    runner = new DurableTestRunner({
      handler: async (event: { id: string }, ctx: DurableContext) => {
        const price = await ctx.invoke<{ id: string }, number>("price", "pricing", { id: event.id });
        const stock = await ctx.invoke<{ id: string }, { inStock: boolean }>("stock", "inventory", {
          id: event.id,
        });
        return { price, ...stock };
      },
      functions: {
        inventory: async (event: { id: string }, ctx: DurableContext) =>
          ctx.step("look up", async () => ({ inStock: event.id === "a" })),
      },
      targets: { pricing: (input: { id: string }) => (input.id === "a" ? 100 : 0) },
    });
    const run = await runner.run({ payload: { id: "a" } });
    expect(run.result).toEqual({ price: 100, inStock: true });
  });

  it("waitForOperation fails clearly when the execution closes without it", async () => {
    runner = new DurableTestRunner({ handler: async () => "done" });
    const execution = await runner.start();
    await expect(execution.waitForOperation("never")).rejects.toBeInstanceOf(ExecutionWaitError);
  });

  it("reports a thrown handler error as FAILED with the error object", async () => {
    runner = new DurableTestRunner({
      handler: async () => {
        throw new RangeError("bad input");
      },
    });
    const run = await runner.run();
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatchObject({ ErrorType: "RangeError", ErrorMessage: "bad input" });
  });

  it("keeps a callback alive with heartbeats; without them its heartbeat timeout fires", async () => {
    runner = new DurableTestRunner({
      handler: async (_e: unknown, ctx: DurableContext) => {
        const [promise] = await ctx.createCallback("job", { heartbeatTimeout: { seconds: 60 } });
        return promise.catch((e: unknown) => (e instanceof Error ? e.name : "?"));
      },
    });
    const execution = await runner.start();
    const job = await execution.waitForCallback("job");
    for (let i = 0; i < 3; i++) {
      await execution.advanceTime(50_000);
      await execution.sendCallbackHeartbeat(job);
    }
    expect(execution.inspect().getOperation("job").status).toBe("STARTED"); // 150 s in, still alive
    await execution.advanceTime(61_000);
    const run = await execution.result();
    expect(run.getOperation("job").status).toBe("TIMED_OUT");
    expect(run.result).toBe("CallbackTimeoutError");
  });

  it("leaves real timers, Date and promises of the code under test alone", async () => {
    runner = new DurableTestRunner({
      handler: async (_e: unknown, ctx: DurableContext) =>
        ctx.step("real sleep", async () => {
          const before = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 20));
          return Date.now() - before;
        }),
    });
    const run = await runner.run<number>();
    expect(run.result).toBeGreaterThanOrEqual(15);
  });
});
