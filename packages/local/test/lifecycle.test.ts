import { afterEach, describe, expect, it } from "vitest";
import {
  GetDurableExecutionCommand,
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
  StopDurableExecutionCommand,
} from "@aws-sdk/client-lambda";
import type { LocalService } from "@durable-lambda/local";
import {
  chainedInvokeCaller,
  chainedInvokeDetails,
  history,
  invokeSync,
  lambdaClient,
  scripted,
  startService,
} from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

/** Waits `seconds` (virtual) in a WAIT, then succeeds with the input. */
const waiter = (seconds: number) =>
  scripted(
    () => svc,
    async (s) => {
      if (s.op("w") === undefined) {
        await s.checkpoint([
          { Id: "w", Type: "WAIT", SubType: "Wait", Action: "START", WaitOptions: { WaitSeconds: seconds } },
        ]);
        return { Status: "PENDING" };
      }
      return s.status("w") === "SUCCEEDED"
        ? { Status: "SUCCEEDED", Result: JSON.stringify(s.input) }
        : { Status: "PENDING" };
    },
  );

describe("chained invokes", () => {
  it("runs a durable target as its own execution and completes the parent's operation (5-13 shape)", async () => {
    svc = await startService();
    svc.registerFunction({ name: "target", handler: waiter(3) });
    svc.registerFunction({
      name: "parent",
      handler: scripted(
        () => svc,
        async (s) => {
          if (s.op("ctx") === undefined) {
            await s.checkpoint([
              { Id: "ctx", Type: "CONTEXT", SubType: "RunInChildContext", Action: "START" },
              {
                Id: "inv",
                ParentId: "ctx",
                Type: "CHAINED_INVOKE",
                SubType: "ChainedInvoke",
                Action: "START",
                Payload: '"hi"',
                ChainedInvokeOptions: { FunctionName: "target:$LATEST" },
              },
            ]);
            return { Status: "PENDING" };
          }
          if (s.status("inv") === "STARTED") return { Status: "PENDING" };
          const result = (s.op("inv")?.ChainedInvokeDetails as { Result?: string }).Result ?? "";
          await s.checkpoint([
            { Id: "ctx", Type: "CONTEXT", SubType: "RunInChildContext", Action: "SUCCEED", Payload: result },
          ]);
          return { Status: "SUCCEEDED", Result: result };
        },
      ),
    });
    const client = lambdaClient(svc.url);
    const result = await invokeSync(client, "parent", null);
    expect(result.payload).toBe('"hi"');
    const { types, events } = await history(client, result.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 ContextStarted",
      "3 ChainedInvokeStarted",
      "4 InvocationCompleted",
      "5 ChainedInvokeSucceeded",
      "6 ContextSucceeded",
      "7 InvocationCompleted",
      "8 ExecutionSucceeded",
    ]);
    const started = events[2]?.ChainedInvokeStartedDetails as Record<string, unknown>;
    expect(started).toMatchObject({
      FunctionName: "target:$LATEST",
      Input: { Payload: '"hi"', Truncated: false },
      ExecutedVersion: "$LATEST",
    });
    expect(events[2]).toMatchObject({ ParentId: "ctx", SubType: "ChainedInvoke" });
    expect(events[4]).toMatchObject({
      ParentId: "ctx",
      ChainedInvokeSucceededDetails: { Result: { Payload: '"hi"' } },
    });
    const target = await client.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: started.DurableExecutionArn as string }),
    );
    expect(target.Status).toBe("SUCCEEDED");
  });

  it("invokes a plain target and maps its thrown error to ChainedInvokeFailed", async () => {
    svc = await startService();
    svc.registerFunction({
      name: "thrower",
      durable: false,
      handler: async () => {
        throw new TypeError("bad target");
      },
    });
    svc.registerFunction({
      name: "caller",
      handler: chainedInvokeCaller(
        () => svc,
        "thrower",
        (inv) => ({ Status: "FAILED", Error: chainedInvokeDetails(inv).Error }),
      ),
    });
    const client = lambdaClient(svc.url);
    const result = await invokeSync(client, "caller", null);
    expect(result.functionError).toBe("Unhandled");
    expect(JSON.parse(result.payload)).toEqual({ errorType: "TypeError", errorMessage: "bad target" });
    const { events } = await history(client, result.arn);
    expect(events.find((e) => e.EventType === "ChainedInvokeFailed")).toMatchObject({
      ChainedInvokeFailedDetails: {
        Error: { Payload: { ErrorType: "TypeError", ErrorMessage: "bad target" } },
      },
    });
  });

  it("rejects a START naming an unknown function (the SDK then fails the execution)", async () => {
    svc = await startService();
    let error: unknown;
    svc.registerFunction({
      name: "lost",
      handler: scripted(
        () => svc,
        async (s) => {
          error = await s
            .checkpoint([
              {
                Id: "inv",
                Type: "CHAINED_INVOKE",
                Action: "START",
                ChainedInvokeOptions: { FunctionName: "nope" },
              },
            ])
            .catch((e: unknown) => e);
          return { Status: "FAILED", Error: { ErrorType: "X" } };
        },
      ),
    });
    await invokeSync(lambdaClient(svc.url), "lost", null);
    expect(error).toMatchObject({
      name: "InvalidParameterValueException",
      message: expect.stringContaining("unknown function"),
    });
  });
});

describe("stop, timeout and idempotent start", () => {
  it("stops a running execution: ExecutionStopped, Error kept, 4xx on a second stop", async () => {
    svc = await startService();
    svc.registerFunction({ name: "long", handler: waiter(3600) });
    const client = lambdaClient(svc.url);
    const release = svc.clock.hold();
    const started = await client.send(
      new InvokeCommand({ FunctionName: "long:$LATEST", InvocationType: "Event", Payload: Buffer.from("1") }),
    );
    const arn = started.DurableExecutionArn ?? "";
    const stop = await client.send(
      new StopDurableExecutionCommand({
        DurableExecutionArn: arn,
        Error: { ErrorType: "Operator", ErrorMessage: "enough" },
      }),
    );
    expect(stop.StopTimestamp).toBeInstanceOf(Date);
    release();
    const execution = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    expect(execution.Status).toBe("STOPPED");
    expect(execution.Error).toEqual({ ErrorType: "Operator", ErrorMessage: "enough" });
    const { types } = await history(client, arn);
    expect(types.filter((t) => t.endsWith(" ExecutionStopped"))).toHaveLength(1);
    expect(types.at(-1)).toMatch(/ExecutionStopped|InvocationCompleted/);
    await expect(
      client.send(new StopDurableExecutionCommand({ DurableExecutionArn: arn })),
    ).rejects.toMatchObject({
      name: "ResourceConflictException",
      $metadata: { httpStatusCode: 409 },
    });
  });

  it("times out an execution after its ExecutionTimeout (virtual time)", async () => {
    svc = await startService();
    svc.registerFunction({ name: "slow", handler: waiter(3600), executionTimeoutSeconds: 60 });
    const client = lambdaClient(svc.url);
    const result = await invokeSync(client, "slow", 1);
    expect(result.functionError).toBe("Unhandled");
    const { types, events } = await history(client, result.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 WaitStarted",
      "3 InvocationCompleted",
      "4 ExecutionTimedOut",
    ]);
    expect(events[0]).toMatchObject({ ExecutionStartedDetails: { ExecutionTimeout: 60 } });
    expect(
      (await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: result.arn }))).Status,
    ).toBe("TIMED_OUT");
  });

  it("starts idempotently by name: same input → same execution, different input → 409", async () => {
    svc = await startService();
    svc.registerFunction({ name: "named", handler: waiter(1) });
    const client = lambdaClient(svc.url);
    const first = await invokeSync(client, "named", { a: 1 }, "order-1");
    const again = await invokeSync(client, "named", { a: 1 }, "order-1");
    expect(again.arn).toBe(first.arn);
    expect(again.payload).toBe('{"a":1}');
    expect(first.arn).toContain("/durable-execution/order-1/");
    await expect(invokeSync(client, "named", { a: 2 }, "order-1")).rejects.toMatchObject({
      name: "DurableExecutionAlreadyStartedException",
      $metadata: { httpStatusCode: 409 },
    });
    const { types } = await history(client, first.arn);
    expect(types.filter((t) => t.endsWith("ExecutionStarted"))).toHaveLength(1);
  });

  it("lists executions by function with filters, order and paging", async () => {
    svc = await startService();
    svc.registerFunction({ name: "many", handler: waiter(1) });
    const client = lambdaClient(svc.url);
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) arns.push((await invokeSync(client, "many", i, `run-${i}`)).arn);
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(
        new ListDurableExecutionsByFunctionCommand({ FunctionName: "many", MaxItems: 2, Marker: marker }),
      );
      seen.push(...(page.DurableExecutions ?? []).map((e) => e.DurableExecutionArn ?? ""));
      expect(page.DurableExecutions?.[0]?.StartTimestamp).toBeInstanceOf(Date);
      marker = page.NextMarker;
    } while (marker !== undefined);
    expect(seen).toEqual([...arns].reverse());
    const oldestFirst = await client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "many", ReverseOrder: true }),
    );
    expect(oldestFirst.DurableExecutions?.map((e) => e.DurableExecutionArn)).toEqual(arns);
    const byName = await client.send(
      new ListDurableExecutionsByFunctionCommand({
        FunctionName: "many",
        DurableExecutionName: "run-3",
        Statuses: ["SUCCEEDED"],
      }),
    );
    expect(byName.DurableExecutions?.map((e) => e.DurableExecutionArn)).toEqual([arns[3]]);
    const running = await client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "many", Statuses: ["RUNNING"] }),
    );
    expect(running.DurableExecutions).toEqual([]);
    await expect(
      client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: "unknown-fn" })),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});
