import { afterEach, describe, expect, it } from "vitest";
import { CheckpointDurableExecutionCommand, GetDurableExecutionStateCommand } from "@aws-sdk/client-lambda";
import type { LocalService } from "@durable-lambda/local";
import {
  history,
  invokeSync,
  lambdaClient,
  scripted,
  startService,
  type Envelope,
  type Session,
} from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

/** Runs `body` as the single invocation of a fresh execution and returns what it returned or threw. */
async function inInvocation<T>(
  body: (s: Session) => Promise<T>,
  options: Parameters<typeof startService>[0] = {},
): Promise<T> {
  svc = await startService(options);
  let outcome: { value?: T; error?: unknown } = {};
  svc.registerFunction({
    name: "probe",
    handler: scripted(
      () => svc,
      async (s) => {
        try {
          outcome = { value: await body(s) };
        } catch (error) {
          outcome = { error };
        }
        return { Status: "SUCCEEDED" };
      },
    ),
  });
  await invokeSync(lambdaClient(svc.url), "probe", null);
  if ("error" in outcome && outcome.error !== undefined) throw outcome.error;
  return outcome.value as T;
}

const step = (id: string, action: string, extra: Record<string, unknown> = {}): any => ({
  Id: id,
  Type: "STEP",
  SubType: "Step",
  Action: action,
  ...extra,
});

describe("checkpoint tokens and ClientToken (SERVICE.md §7.1, §7.4)", () => {
  it("consumes each token, answers a reused token with the Invalid Checkpoint Token error, and replays a ClientToken retry", async () => {
    await inInvocation(async (s) => {
      const client = lambdaClient(svc.url);
      const first = await client.send(
        new CheckpointDurableExecutionCommand({
          DurableExecutionArn: s.arn,
          CheckpointToken: s.token,
          ClientToken: "retry-1",
          Updates: [step("a", "START")],
        }),
      );
      expect(first.NewExecutionState?.Operations?.map((o) => o.Id)).toEqual(["a"]);
      expect(first.NewExecutionState?.Operations?.[0]?.StartTimestamp).toBeInstanceOf(Date);
      // The same ClientToken with the same presented token: the cached response, nothing re-applied.
      const retried = await client.send(
        new CheckpointDurableExecutionCommand({
          DurableExecutionArn: s.arn,
          CheckpointToken: s.token,
          ClientToken: "retry-1",
          Updates: [step("a", "START")],
        }),
      );
      expect(retried.CheckpointToken).toBe(first.CheckpointToken);
      // A different ClientToken with the used token is an invalid token.
      await expect(
        client.send(
          new CheckpointDurableExecutionCommand({
            DurableExecutionArn: s.arn,
            CheckpointToken: s.token,
            ClientToken: "retry-2",
          }),
        ),
      ).rejects.toMatchObject({
        name: "InvalidParameterValueException",
        message: expect.stringMatching(/^Invalid Checkpoint Token/),
      });
      s.token = first.CheckpointToken ?? "";
      const poll = await s.checkpoint([]);
      expect(poll).toEqual([]);
    });
    const arn = svc.engine.listExecutions({ functionName: "probe" }).DurableExecutions[0]?.arn ?? "";
    const { types } = await history(lambdaClient(svc.url), arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 StepStarted",
      "3 InvocationCompleted",
      "4 ExecutionSucceeded",
    ]);
  });

  it("kills the token once the invocation has returned", async () => {
    let envelope: Envelope | undefined;
    await inInvocation(async (s) => {
      envelope = s.envelope;
    });
    expect(() =>
      svc.engine.checkpoint(envelope?.DurableExecutionArn ?? "", {
        CheckpointToken: envelope?.CheckpointToken,
      }),
    ).toThrow(/^Invalid Checkpoint Token/);
  });
});

describe("validation (SERVICE.md §7.2) — all InvalidParameterValueException, nothing applied", () => {
  const cases: Array<[string, Array<Record<string, unknown>>, RegExp]> = [
    ["unknown type", [{ Id: "a", Type: "TIMER", Action: "START" }], /Type must be one of/],
    ["missing id", [{ Type: "STEP", Action: "START" }], /Id is required/],
    ["bad id", [{ Id: "a b", Type: "STEP", Action: "START" }], /Id must match/],
    ["wait without seconds", [{ Id: "w", Type: "WAIT", Action: "START" }], /WaitSeconds/],
    [
      "wait of zero seconds",
      [{ Id: "w", Type: "WAIT", Action: "START", WaitOptions: { WaitSeconds: 0 } }],
      /WaitSeconds must be an integer in 1\.\.31622400/,
    ],
    [
      "retry without delay",
      [step("a", "START"), step("a", "RETRY", { Error: {} })],
      /NextAttemptDelaySeconds/,
    ],
    [
      "retry with both",
      [step("a", "RETRY", { Error: {}, Payload: "1", StepOptions: { NextAttemptDelaySeconds: 1 } })],
      /not both/,
    ],
    ["unknown parent", [step("a", "START", { ParentId: "nope" })], /does not name an existing CONTEXT/],
    [
      "step as parent",
      [step("p", "START"), step("a", "START", { ParentId: "p" })],
      /only a CONTEXT can be a parent/,
    ],
    ["duplicate id", [step("a", "START"), step("a", "START")], /more than once/],
    [
      "execution not last",
      [{ Id: "x", Type: "EXECUTION", Action: "SUCCEED" }, step("a", "START")],
      /must be the last/,
    ],
    [
      "execution with error on succeed",
      [{ Id: "x", Type: "EXECUTION", Action: "SUCCEED", Error: {} }],
      /must not carry an Error/,
    ],
    [
      "callback succeed by update",
      [{ Id: "c", Type: "CALLBACK", Action: "SUCCEED" }],
      /Cannot apply action SUCCEED to CALLBACK/,
    ],
    [
      "oversize step payload",
      [step("a", "SUCCEED", { Payload: "x".repeat(256 * 1024 + 1) })],
      /STEP output payload size must be less than or equal to 262144 bytes/,
    ],
    [
      "error with bad stack",
      [step("a", "FAIL", { Error: { StackTrace: "nope" } })],
      /StackTrace must be an array of strings/,
    ],
    ["updates not an array", "nope" as unknown as Array<Record<string, unknown>>, /Updates must be an array/],
  ];
  it.each(cases)("%s", async (_name, updates, message) => {
    const error = await inInvocation(async (s) => {
      const caught = await s.checkpoint(updates).catch((e: unknown) => e);
      // The request was rejected as a whole: the token still works and nothing was stored.
      expect(await s.checkpoint([])).toEqual([]);
      expect(svc.engine.getOperations(s.arn)).toHaveLength(1);
      return caught;
    });
    expect(error).toMatchObject({
      name: "InvalidParameterValueException",
      $metadata: { httpStatusCode: 400 },
      message: expect.stringMatching(message),
    });
  });

  it("rejects illegal transitions on stored operations (second WAIT START, START of a SUCCEEDED step)", async () => {
    await inInvocation(async (s) => {
      await s.checkpoint([
        { Id: "w", Type: "WAIT", Action: "START", WaitOptions: { WaitSeconds: 10 } },
        step("a", "START"),
        step("a", "SUCCEED"),
      ]);
      await expect(
        s.checkpoint([{ Id: "w", Type: "WAIT", Action: "START", WaitOptions: { WaitSeconds: 10 } }]),
      ).rejects.toThrow(/not allowed on an operation in status STARTED/);
      await expect(s.checkpoint([step("a", "START")])).rejects.toThrow(/status SUCCEEDED/);
      await expect(s.checkpoint([{ Id: "a", Type: "WAIT", Action: "CANCEL" }])).rejects.toThrow(/is a STEP/);
    });
  });

  it("enforces the operation cap (configurable)", async () => {
    await inInvocation(
      async (s) => {
        await s.checkpoint([step("a", "START"), step("b", "START")]);
        await expect(s.checkpoint([step("c", "START")])).rejects.toThrow(/at most 3/);
      },
      { engine: { limits: { operationsPerExecution: 3 } } },
    );
  });
});

describe("state delivered to invocations (SERVICE.md §6.1, §11)", () => {
  it("pages big states through GetDurableExecutionState and prunes children of completed contexts", async () => {
    svc = await startService({ engine: { statePageSize: 4 } });
    const envelopes: Envelope[] = [];
    svc.registerFunction({
      name: "big",
      handler: scripted(
        () => svc,
        async (s) => {
          envelopes.push(s.envelope);
          if (envelopes.length === 1) {
            const updates: Array<Record<string, unknown>> = [
              { Id: "ctx", Type: "CONTEXT", SubType: "RunInChildContext", Action: "START" },
            ];
            for (let i = 0; i < 3; i++)
              updates.push(step(`c${i}`, "SUCCEED", { ParentId: "ctx", Payload: "1" }));
            updates.push({
              Id: "ctx",
              Type: "CONTEXT",
              SubType: "RunInChildContext",
              Action: "SUCCEED",
              Payload: "3",
            });
            for (let i = 0; i < 8; i++) updates.push(step(`s${i}`, "SUCCEED", { Payload: String(i) }));
            updates.push({
              Id: "w",
              Type: "WAIT",
              SubType: "Wait",
              Action: "START",
              WaitOptions: { WaitSeconds: 1 },
            });
            await s.checkpoint(updates);
            return { Status: "PENDING" };
          }
          return { Status: "SUCCEEDED" };
        },
      ),
    });
    const client = lambdaClient(svc.url);
    const { arn } = await invokeSync(client, "big", null);
    expect(envelopes).toHaveLength(2);
    const second = envelopes[1];
    expect(second?.UpdatedOperationIds).toEqual(["w"]);
    expect(second?.InitialExecutionState.Operations.map((o) => o.Id)).toEqual([
      svc.engine.getExecution(arn).executionOpId,
      "ctx",
      "s0",
      "s1",
    ]);
    expect(typeof second?.InitialExecutionState.Operations[0]?.StartTimestamp).toBe("string");
    expect(second?.InitialExecutionState.NextMarker).toBeDefined();
    expect(svc.engine.getOperations(arn).map((o) => o.Id)).toContain("c0");
    // The token is dead now that the invocation is over.
    await expect(
      client.send(
        new GetDurableExecutionStateCommand({
          DurableExecutionArn: arn,
          CheckpointToken: second?.CheckpointToken ?? "",
        }),
      ),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^Invalid Checkpoint Token/) });
  });

  it("lets a live invocation page the rest with MaxItems and Marker", async () => {
    svc = await startService({ engine: { statePageSize: 2 } });
    const pages: string[][] = [];
    svc.registerFunction({
      name: "pager",
      handler: scripted(
        () => svc,
        async (s) => {
          if (s.envelope.InitialExecutionState.Operations.length === 1) {
            await s.checkpoint(
              Array.from({ length: 5 }, (_, i) => step(`s${i}`, "SUCCEED")).concat([
                { Id: "w", Type: "WAIT", Action: "START", WaitOptions: { WaitSeconds: 1 } },
              ]),
            );
            return { Status: "PENDING" };
          }
          let marker = s.envelope.InitialExecutionState.NextMarker;
          pages.push(s.envelope.InitialExecutionState.Operations.map((o) => o.Id as string));
          const client = lambdaClient(svc.url);
          while (marker !== undefined) {
            const next = await client.send(
              new GetDurableExecutionStateCommand({
                DurableExecutionArn: s.arn,
                CheckpointToken: s.token,
                Marker: marker,
                MaxItems: 3,
              }),
            );
            pages.push((next.Operations ?? []).map((o) => o.Id ?? ""));
            marker = next.NextMarker;
          }
          return { Status: "SUCCEEDED" };
        },
      ),
    });
    await invokeSync(lambdaClient(svc.url), "pager", null);
    expect(pages.flat().slice(1)).toEqual(["s0", "s1", "s2", "s3", "s4", "w"]);
    expect(pages.map((p) => p.length)).toEqual([2, 3, 2]);
  });
});

describe("invocation outcomes (SERVICE.md §6.2, §9.2, §9.3)", () => {
  it("fails on PENDING with nothing outstanding (after InvocationCompleted, as in 8-19)", async () => {
    svc = await startService();
    svc.registerFunction({ name: "p", handler: async () => ({ Status: "PENDING" }) });
    const result = await invokeSync(lambdaClient(svc.url), "p", null);
    expect(JSON.parse(result.payload)).toMatchObject({
      errorMessage: "Cannot return PENDING status with no pending operations.",
    });
    const { types } = await history(lambdaClient(svc.url), result.arn);
    expect(types).toEqual(["1 ExecutionStarted", "2 InvocationCompleted", "3 ExecutionFailed"]);
  });

  it("fails with a descriptive error on an unrecognised output", async () => {
    svc = await startService();
    svc.registerFunction({ name: "odd", handler: async () => ({ status: "done" }) });
    const result = await invokeSync(lambdaClient(svc.url), "odd", null);
    expect(JSON.parse(result.payload)).toMatchObject({
      errorType: "InvalidOutputError",
      errorMessage: expect.stringContaining('{"status":"done"}'),
    });
  });

  it("retries failed invocations with backoff and fails the execution after the configured cap", async () => {
    svc = await startService({ engine: { maxConsecutiveInvocationFailures: 3 } });
    let calls = 0;
    svc.registerFunction({
      name: "crashy",
      handler: async () => {
        calls++;
        throw new RangeError(`crash ${calls}`);
      },
    });
    const result = await invokeSync(lambdaClient(svc.url), "crashy", null);
    expect(calls).toBe(3);
    const { types, events } = await history(lambdaClient(svc.url), result.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 InvocationCompleted",
      "3 InvocationCompleted",
      "4 InvocationCompleted",
      "5 ExecutionFailed",
    ]);
    expect(events[1]).toMatchObject({
      InvocationCompletedDetails: {
        Error: { Payload: { ErrorType: "RangeError", ErrorMessage: "crash 1" } },
        RequestId: expect.any(String),
      },
    });
    expect(events[4]).toMatchObject({
      ExecutionFailedDetails: { Error: { Payload: { ErrorType: "RangeError", ErrorMessage: "crash 3" } } },
    });
  });

  it("recovers when a retried invocation succeeds (at-least-once step re-run, 3-12 shape)", async () => {
    svc = await startService();
    let calls = 0;
    svc.registerFunction({
      name: "flaky",
      handler: scripted(
        () => svc,
        async (s) => {
          calls++;
          if (calls === 1) {
            await s.checkpoint([step("s", "START")]);
            throw Object.assign(new Error("exit"), { name: "Runtime.ExitError" });
          }
          expect(s.status("s")).toBe("STARTED");
          await s.checkpoint([step("s", "SUCCEED", { Payload: "1" })]);
          return { Status: "SUCCEEDED", Result: "1" };
        },
      ),
    });
    const result = await invokeSync(lambdaClient(svc.url), "flaky", null);
    const { types, events } = await history(lambdaClient(svc.url), result.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 StepStarted",
      "3 InvocationCompleted",
      "4 StepSucceeded",
      "5 InvocationCompleted",
      "6 ExecutionSucceeded",
    ]);
    expect(events[2]).toMatchObject({
      InvocationCompletedDetails: { Error: { Payload: { ErrorType: "Runtime.ExitError" } } },
    });
  });

  it("keeps a result checkpointed by an EXECUTION SUCCEED update and closes after InvocationCompleted", async () => {
    svc = await startService();
    svc.registerFunction({
      name: "bigresult",
      handler: scripted(
        () => svc,
        async (s) => {
          await s.checkpoint([
            { Id: "synthetic-id", Type: "EXECUTION", Action: "SUCCEED", Payload: '"huge"' },
          ]);
          await expect(s.checkpoint([])).rejects.toThrow(/^Invalid Checkpoint Token/);
          return { Status: "SUCCEEDED", Result: "" };
        },
      ),
    });
    const result = await invokeSync(lambdaClient(svc.url), "bigresult", null);
    expect(result.payload).toBe('"huge"');
    const { types } = await history(lambdaClient(svc.url), result.arn);
    expect(types).toEqual(["1 ExecutionStarted", "2 InvocationCompleted", "3 ExecutionSucceeded"]);
  });
});
