// waitForCallback through the public API: wire sequence, success / failure / timeout / failing
// submitter, error mapping live and on replay, result deserialization.
import { describe, expect, it } from "vitest";
import {
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  createRetryStrategy,
  JitterStrategy,
  type DurableContext,
} from "../../src/index.js";
import { hashOperationId as h } from "../../src/replay/operation-id.js";
import { callSummary, harness } from "../core/harness.js";
import { resultOf } from "./invocation-result.js";

const W = h("1");
const CB = h("1-1");
const SUBMIT = h("1-2");

/** Runs `body`, returning `name|message|cause name` of what it threw (or its value). */
async function outcome(body: () => Promise<unknown>): Promise<unknown> {
  try {
    return await body();
  } catch (e) {
    const err = e as Error;
    return `${err.constructor.name}|${err.message}|${(err.cause as Error | undefined)?.constructor.name}`;
  }
}

describe("waitForCallback", () => {
  it("sends CONTEXT START, an unnamed CALLBACK and submitter STEP, suspends, then SUCCEEDs with the raw result (7-1)", async () => {
    const submitted: string[] = [];
    const run = harness(async (_e, ctx) =>
      ctx.waitForCallback(
        "approval",
        async (callbackId) => {
          submitted.push(callbackId);
        },
        { heartbeatTimeout: { seconds: 10 } },
      ),
    );
    expect((await run.invoke()).Status).toBe("PENDING");
    const callbackId = run.backend.callbackIdOf(CB) as string;
    expect(submitted).toEqual([callbackId]);
    expect(run.backend.allUpdates()).toEqual([
      { Id: W, Type: "CONTEXT", SubType: "WaitForCallback", Action: "START", Name: "approval" },
      {
        Id: CB,
        ParentId: W,
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        CallbackOptions: { HeartbeatTimeoutSeconds: 10 },
      },
      { Id: SUBMIT, ParentId: W, Type: "STEP", SubType: "Step", Action: "START" },
      { Id: SUBMIT, ParentId: W, Type: "STEP", SubType: "Step", Action: "SUCCEED" },
    ]);
    const sent = run.backend.allUpdates().length;
    run.backend.completeCallback(callbackId, '"payload"');
    expect(await run.invoke()).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify('"payload"') });
    expect(run.backend.allUpdates().slice(sent)).toEqual([
      {
        Id: W,
        Type: "CONTEXT",
        SubType: "WaitForCallback",
        Action: "SUCCEED",
        Name: "approval",
        Payload: JSON.stringify('"payload"'),
      },
    ]);
    expect(submitted).toHaveLength(1); // the submitter is not re-run on replay
  });

  it("config.serdes deserializes the raw result, live and on replay (7-11)", async () => {
    const json = {
      deserialize: async (s: string | undefined) =>
        s === undefined ? undefined : (JSON.parse(s) as { status: string }),
    };
    const run = harness(async (_e, ctx) => {
      const v = await ctx.waitForCallback<{ status: string }>(async () => undefined, { serdes: json });
      await ctx.wait({ seconds: 1 });
      return v.status;
    });
    await run.invoke();
    run.backend.completeCallback(run.backend.callbackIdOf(CB) as string, '{"status": "approved"}');
    expect((await run.invoke()).Status).toBe("PENDING");
    run.backend.advanceTime(1);
    expect(await run.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"approved"' });
  });

  it("the deserializer is told the operation's raw id (as the official SDK); a failing one is an invocation-scope serdes failure", async () => {
    const seen: string[] = [];
    const run = harness(async (_e, ctx) =>
      ctx.waitForCallback("cb", async () => undefined, {
        serdes: {
          deserialize: async (s, serdesContext) => {
            seen.push(serdesContext.entityId);
            if (s === "bad") throw new Error("not parseable");
            return s;
          },
        },
      }),
    );
    await run.invoke();
    run.backend.completeCallback(run.backend.callbackIdOf(CB) as string, "bad");
    await expect(run.invoke()).rejects.toMatchObject({ name: "SerdesFailedError" });
    expect(seen).toEqual(["1"]);
  });

  it("with a defaultCallbackDeserializer the context stores the raw string and the deserializer runs once", async () => {
    let calls = 0;
    const run = harness(async (_e, ctx: DurableContext) => {
      ctx.configureSerdes({
        defaultCallbackDeserializer: {
          deserialize: async (s) => {
            calls++;
            return s === undefined ? undefined : JSON.parse(s);
          },
        },
      });
      return ctx.waitForCallback<{ n: number }>("cb", async () => undefined);
    });
    await run.invoke();
    run.backend.completeCallback(run.backend.callbackIdOf(CB) as string, '{"n":1}');
    expect(await run.invoke()).toEqual({ Status: "SUCCEEDED", Result: '{"n":1}' });
    expect(run.backend.allUpdates().at(-1)).toMatchObject({ Id: W, Action: "SUCCEED", Payload: '{"n":1}' });
    expect(calls).toBe(1);
  });

  it("an external failure reaches the caller as CallbackExternalError; the CONTEXT FAIL carries it (7-4)", async () => {
    const run = harness(async (_e, ctx) => {
      const first = await outcome(() => ctx.waitForCallback("x", async () => undefined));
      await ctx.wait({ seconds: 1 });
      return first;
    });
    await run.invoke();
    run.backend.failCallback(run.backend.callbackIdOf(CB) as string, {
      ErrorType: "RejectedError",
      ErrorMessage: "not approved",
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    expect(run.backend.allUpdates().find((u) => u.Id === W && u.Action === "FAIL")?.Error).toMatchObject({
      ErrorType: "CallbackExternalError",
      ErrorMessage: "not approved",
    });
    run.backend.advanceTime(1);
    // replay rebuilds the same error from the stored FAIL
    expect(resultOf(await run.invoke())).toMatch(/^CallbackExternalError\|not approved\|/);
    expect(CallbackExternalError.name).toBe("CallbackExternalError");
  });

  it("a timeout reaches the caller as CallbackTimeoutError (7-5)", async () => {
    const run = harness(async (_e, ctx) =>
      outcome(() => ctx.waitForCallback(async () => undefined, { timeout: { seconds: 3 } })),
    );
    await run.invoke();
    expect(run.backend.allUpdates()[1]?.CallbackOptions).toEqual({ TimeoutSeconds: 3 });
    run.backend.timeOutCallback(run.backend.callbackIdOf(CB) as string);
    const result = resultOf(await run.invoke()) as string;
    expect(result.startsWith(`${CallbackTimeoutError.name}|`)).toBe(true);
  });

  it("a failing submitter fails the operation without waiting for the callback (#199, 7-7)", async () => {
    const run = harness(async (_e, ctx) =>
      outcome(() =>
        ctx.waitForCallback(
          "submit-fails",
          async () => {
            throw new Error("mail server down");
          },
          {
            retryStrategy: createRetryStrategy({
              maxAttempts: 2,
              initialDelay: { seconds: 1 },
              jitter: JitterStrategy.NONE,
            }),
          },
        ),
      ),
    );
    expect((await run.invoke()).Status).toBe("PENDING"); // retry timer of the submitter step
    run.backend.advanceTime(1);
    const out = await run.invoke();
    expect(resultOf(out)).toBe(`${CallbackSubmitterError.name}|mail server down|StepError`);
    const fail = run.backend.allUpdates().find((u) => u.Id === W && u.Action === "FAIL");
    expect(fail?.Error).toMatchObject({ ErrorType: "StepError", ErrorMessage: "mail server down" });
    expect(
      callSummary(run.backend.calls)
        .flat()
        .filter((s) => s.startsWith("FAIL") || s.startsWith("RETRY")),
    ).toEqual([
      `RETRY STEP/Step parent=${W}`,
      `FAIL STEP/Step parent=${W}`,
      'FAIL CONTEXT/WaitForCallback "submit-fails"',
    ]);
  });
});
