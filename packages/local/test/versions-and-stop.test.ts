import { afterEach, describe, expect, it } from "vitest";
import {
  GetDurableExecutionCommand,
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
  StopDurableExecutionCommand,
} from "@aws-sdk/client-lambda";
import type { LocalService } from "@durable-lambda/local";
import { chainedInvokeCaller, history, lambdaClient, scripted, startService, until } from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

const waitForever = () =>
  scripted(
    () => svc,
    async (s) => {
      if (s.op("w") === undefined)
        await s.checkpoint([
          { Id: "w", Type: "WAIT", SubType: "Wait", Action: "START", WaitOptions: { WaitSeconds: 86_400 } },
        ]);
      return { Status: "PENDING" };
    },
  );

describe("versions", () => {
  it("pins an execution to the published version it was started on", async () => {
    svc = await startService();
    svc.registerFunction({ name: "v", handler: async () => ({ Status: "SUCCEEDED", Result: '"one"' }) });
    expect(svc.engine.publishVersion("v")).toBe("1");
    svc.registerFunction({ name: "v", handler: async () => ({ Status: "SUCCEEDED", Result: '"latest"' }) });
    const client = lambdaClient(svc.url);
    const pinned = await client.send(
      new InvokeCommand({ FunctionName: "v", Qualifier: "1", Payload: Buffer.from("{}") }),
    );
    expect(Buffer.from(pinned.Payload ?? new Uint8Array()).toString()).toBe('"one"');
    expect(pinned.ExecutedVersion).toBe("1");
    expect(pinned.DurableExecutionArn).toContain(":function:v:1/durable-execution/");
    const latest = await client.send(
      new InvokeCommand({ FunctionName: "v:$LATEST", Payload: Buffer.from("{}") }),
    );
    expect(Buffer.from(latest.Payload ?? new Uint8Array()).toString()).toBe('"latest"');
    const onlyOne = await client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "v", Qualifier: "1" }),
    );
    expect(onlyOne.DurableExecutions?.map((e) => e.DurableExecutionArn)).toEqual([
      pinned.DurableExecutionArn,
    ]);
    const execution = await client.send(
      new GetDurableExecutionCommand({
        DurableExecutionArn: pinned.DurableExecutionArn,
        IncludeExecutionData: false,
      }),
    );
    expect(execution).toMatchObject({
      Version: "1",
      FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:v:1",
      Status: "SUCCEEDED",
    });
    expect(execution.InputPayload).toBeUndefined();
    expect(execution.Result).toBeUndefined();
  });
});

describe("stopping a chained-invoke target", () => {
  it("makes the caller's CHAINED_INVOKE STOPPED (ChainedInvokeStopped) and re-invokes the caller", async () => {
    svc = await startService();
    svc.registerFunction({ name: "target", handler: waitForever() });
    svc.registerFunction({
      name: "caller",
      handler: chainedInvokeCaller(
        () => svc,
        "target:$LATEST",
        (inv) => ({ Status: "FAILED", Error: { ErrorType: `target ${String(inv.Status)}` } }),
        "{}",
      ),
    });
    const client = lambdaClient(svc.url);
    // Hold virtual time: the target's day-long wait must not end before it is stopped.
    const release = svc.clock.hold();
    const started = await client.send(
      new InvokeCommand({
        FunctionName: "caller:$LATEST",
        InvocationType: "Event",
        Payload: Buffer.from("{}"),
      }),
    );
    const arn = started.DurableExecutionArn ?? "";
    let targetArn = "";
    await until(async () => {
      const { events } = await history(client, arn);
      targetArn =
        (events[1]?.ChainedInvokeStartedDetails as { DurableExecutionArn?: string } | undefined)
          ?.DurableExecutionArn ?? "";
      return targetArn !== "" && svc.engine.getExecution(targetArn).invocation === "idle";
    }, "the target to suspend");
    await client.send(
      new StopDurableExecutionCommand({ DurableExecutionArn: targetArn, Error: { ErrorMessage: "halt" } }),
    );
    const done = await svc.engine.waitForCompletion(arn);
    release();
    expect(done.error?.ErrorType).toBe("target STOPPED");
    const { types, events } = await history(client, arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 ChainedInvokeStarted",
      "3 InvocationCompleted",
      "4 ChainedInvokeStopped",
      "5 InvocationCompleted",
      "6 ExecutionFailed",
    ]);
    expect(events[3]).toMatchObject({
      ChainedInvokeStoppedDetails: { Error: { Payload: { ErrorMessage: "halt" } } },
    });
  });
});

describe("retention", () => {
  it("forgets a closed execution and frees its name once RetentionPeriodInDays have passed", async () => {
    svc = await startService();
    svc.registerFunction({
      name: "brief",
      retentionPeriodInDays: 1,
      handler: async () => ({ Status: "SUCCEEDED", Result: "1" }),
    });
    const client = lambdaClient(svc.url);
    const first = await client.send(
      new InvokeCommand({
        FunctionName: "brief:$LATEST",
        DurableExecutionName: "daily",
        Payload: Buffer.from("1"),
      }),
    );
    await svc.clock.sleep(2 * 86_400_000);
    await expect(
      client.send(new GetDurableExecutionCommand({ DurableExecutionArn: first.DurableExecutionArn })),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    const second = await client.send(
      new InvokeCommand({
        FunctionName: "brief:$LATEST",
        DurableExecutionName: "daily",
        Payload: Buffer.from("2"),
      }),
    );
    expect(second.DurableExecutionArn).not.toBe(first.DurableExecutionArn);
    expect(second.FunctionError).toBeUndefined();
  });
});
