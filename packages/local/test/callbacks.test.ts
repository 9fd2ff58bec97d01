import { afterEach, describe, expect, it } from "vitest";
import {
  InvokeCommand,
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
} from "@aws-sdk/client-lambda";
import type { LocalService } from "@durable-lambda/local";
import { history, lambdaClient, scripted, startService, until, type Session } from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

async function startAsync(name: string, payload: unknown): Promise<string> {
  const response = await lambdaClient(svc.url).send(
    new InvokeCommand({
      FunctionName: name,
      Qualifier: "$LATEST",
      InvocationType: "Event",
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  expect(response.StatusCode).toBe(202);
  return response.DurableExecutionArn ?? "";
}

/** The callback id of the first CallbackStarted event, once it exists. */
async function callbackIdOf(arn: string): Promise<string> {
  let id: string | undefined;
  await until(async () => {
    const { events } = await history(lambdaClient(svc.url), arn);
    const started = events.find((e) => e.EventType === "CallbackStarted");
    id = (started?.CallbackStartedDetails as { CallbackId?: string } | undefined)?.CallbackId;
    return id !== undefined;
  }, "CallbackStarted");
  return id ?? "";
}

/** Callback `cb` (options given), then a result. */
function callbackHandler(options: Record<string, unknown> = {}) {
  return scripted(
    () => svc,
    async (s: Session) => {
      if (s.op("cb") === undefined) {
        await s.checkpoint([
          {
            Id: "cb",
            Type: "CALLBACK",
            SubType: "Callback",
            Name: "approval",
            Action: "START",
            CallbackOptions: options,
          },
        ]);
        return { Status: "PENDING" };
      }
      const details = s.op("cb")?.CallbackDetails as { Result?: string; Error?: { ErrorType?: string } };
      if (s.status("cb") === "STARTED") return { Status: "PENDING" };
      if (s.status("cb") === "SUCCEEDED") return { Status: "SUCCEEDED", Result: details.Result ?? "" };
      return {
        Status: "FAILED",
        Error: { ErrorType: details.Error?.ErrorType ?? "?", ErrorMessage: s.status("cb") },
      };
    },
  );
}

describe("callbacks", () => {
  it("reproduces 4-9: a callback completing during a wait causes an extra, empty invocation", async () => {
    svc = await startService();
    svc.registerFunction({
      name: "cbwait",
      handler: scripted(
        () => svc,
        async (s) => {
          if (s.op("cb") === undefined) {
            await s.checkpoint([
              { Id: "cb", Type: "CALLBACK", SubType: "Callback", Name: "n", Action: "START" },
            ]);
            await s.checkpoint([
              { Id: "w", Type: "WAIT", SubType: "Wait", Action: "START", WaitOptions: { WaitSeconds: 5 } },
            ]);
            return { Status: "PENDING" };
          }
          if (s.status("w") !== "SUCCEEDED") return { Status: "PENDING" };
          const result = (s.op("cb")?.CallbackDetails as { Result?: string }).Result;
          return { Status: "SUCCEEDED", Result: result };
        },
      ),
    });
    const client = lambdaClient(svc.url);
    // Hold virtual time so the wait cannot end before the callback is sent.
    const release = svc.clock.hold();
    const arn = await startAsync("cbwait", "x");
    const callbackId = await callbackIdOf(arn);
    await until(async () => (await history(client, arn)).types.length >= 4, "first InvocationCompleted");
    await client.send(
      new SendDurableExecutionCallbackSuccessCommand({
        CallbackId: callbackId,
        Result: Buffer.from('{"status": "approved"}'),
      }),
    );
    await until(async () => (await history(client, arn)).types.length >= 6, "the re-invocation");
    release();
    const done = await svc.engine.waitForCompletion(arn);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.result).toBe('{"status": "approved"}');
    const { types, events } = await history(client, arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 CallbackStarted",
      "3 WaitStarted",
      "4 InvocationCompleted",
      "5 CallbackSucceeded",
      "6 InvocationCompleted",
      "7 WaitSucceeded",
      "8 InvocationCompleted",
      "9 ExecutionSucceeded",
    ]);
    expect(events[4]).toMatchObject({
      Id: "cb",
      Name: "n",
      SubType: "Callback",
      CallbackSucceededDetails: { Result: { Payload: '{"status": "approved"}' } },
    });
    expect(events[2]).toMatchObject({ WaitStartedDetails: { Duration: 5 } });
    expect(events[6]).toMatchObject({ Id: "w", WaitSucceededDetails: { Duration: 5 } });
  });

  it("stores a failure ErrorObject as sent and rejects a second completion with CallbackTimeoutException", async () => {
    svc = await startService();
    svc.registerFunction({ name: "cb", handler: callbackHandler() });
    const client = lambdaClient(svc.url);
    const arn = await startAsync("cb", null);
    const id = await callbackIdOf(arn);
    await client.send(
      new SendDurableExecutionCallbackFailureCommand({
        CallbackId: id,
        Error: { ErrorType: "Rejected", ErrorMessage: "no" },
      }),
    );
    const done = await svc.engine.waitForCompletion(arn);
    expect(done.error).toEqual({ ErrorType: "Rejected", ErrorMessage: "FAILED" });
    const { events } = await history(client, arn);
    expect(events.find((e) => e.EventType === "CallbackFailed")).toMatchObject({
      CallbackFailedDetails: {
        Error: { Payload: { ErrorType: "Rejected", ErrorMessage: "no" }, Truncated: false },
      },
    });
    await expect(
      client.send(
        new SendDurableExecutionCallbackSuccessCommand({ CallbackId: id, Result: Buffer.from("1") }),
      ),
    ).rejects.toMatchObject({
      name: "CallbackTimeoutException",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("times a callback out (Callback.Timeout) in virtual time", async () => {
    svc = await startService();
    svc.registerFunction({ name: "cbt", handler: callbackHandler({ TimeoutSeconds: 5 }) });
    const arn = await startAsync("cbt", null);
    const done = await svc.engine.waitForCompletion(arn);
    expect(done.error?.ErrorType).toBe("Callback.Timeout");
    const { events, types } = await history(lambdaClient(svc.url), arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 CallbackStarted",
      "3 InvocationCompleted",
      "4 CallbackTimedOut",
      "5 InvocationCompleted",
      "6 ExecutionFailed",
    ]);
    expect(events[1]).toMatchObject({ CallbackStartedDetails: { Timeout: 5 } });
    expect(events[1]?.CallbackStartedDetails).not.toHaveProperty("HeartbeatTimeout");
    expect(events[3]).toMatchObject({
      CallbackTimedOutDetails: { Error: { Payload: { ErrorType: "Callback.Timeout" } } },
    });
  });

  it("heartbeats keep a callback alive; without them it times out with Callback.Heartbeat", async () => {
    svc = await startService();
    svc.registerFunction({ name: "hb", handler: callbackHandler({ HeartbeatTimeoutSeconds: 5 }) });
    const client = lambdaClient(svc.url);
    let release = svc.clock.hold();
    const arn = await startAsync("hb", null);
    const id = await callbackIdOf(arn);
    await until(async () => (await history(client, arn)).types.length >= 3, "suspension");
    const startMs = svc.clock.now();
    // Three heartbeats, each 4 virtual seconds apart: 12 s in all, longer than one heartbeat timeout.
    for (let i = 0; i < 3; i++) {
      release();
      await svc.clock.sleep(4000);
      release = svc.clock.hold();
      await client.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: id }));
    }
    release();
    expect(svc.engine.getExecution(arn).status).toBe("RUNNING");
    const done = await svc.engine.waitForCompletion(arn);
    expect(done.error?.ErrorType).toBe("Callback.Heartbeat");
    expect(svc.clock.now() - startMs).toBeGreaterThanOrEqual(17_000);
    const { types } = await history(client, arn);
    // Heartbeats write no events.
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 CallbackStarted",
      "3 InvocationCompleted",
      "4 CallbackTimedOut",
      "5 InvocationCompleted",
      "6 ExecutionFailed",
    ]);
  });

  it("answers unknown and malformed callback ids with ResourceNotFound and InvalidParameterValue", async () => {
    svc = await startService();
    const client = lambdaClient(svc.url);
    await expect(
      client.send(
        new SendDurableExecutionCallbackSuccessCommand({
          CallbackId: "AAAAAAAAAAAAAAAAAAAAAAAA",
          Result: Buffer.from("1"),
        }),
      ),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      client.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: "not base64!" })),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      $metadata: { httpStatusCode: 400 },
    });
  });
});
