import { afterEach, describe, expect, it } from "vitest";
import { LambdaClient, SendDurableExecutionCallbackSuccessCommand } from "@aws-sdk/client-lambda";
import { withDurableExecution, type DurableContext } from "durable-lambda";
import { InProcessDurableClient, type LocalService } from "@durable-lambda/local";
import { history, invokeSync, lambdaClient, startService, until } from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

/** Registers a real SDK handler that talks to the engine in-process. */
function register(name: string, fn: (event: any, ctx: DurableContext) => Promise<unknown>): void {
  const handler = withDurableExecution(fn, {
    durableExecutionClient: new InProcessDurableClient(svc.engine),
  } as never);
  svc.registerFunction({ name, handler: handler as never });
}

describe("real durable-lambda SDK handlers on the engine", () => {
  it("runs steps and a wait, with the reference history", async () => {
    svc = await startService();
    register("steps", async (event: { n: number }, ctx) => {
      const doubled = await ctx.step("double", async () => event.n * 2);
      await ctx.wait("pause", { seconds: 30 });
      return ctx.step("inc", async () => doubled + 1);
    });
    const client = lambdaClient(svc.url);
    const result = await invokeSync(client, "steps", { n: 20 });
    expect(result.functionError).toBeUndefined();
    expect(JSON.parse(result.payload)).toBe(41);
    const { types, events } = await history(client, result.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 StepStarted",
      "3 StepSucceeded",
      "4 WaitStarted",
      "5 InvocationCompleted",
      "6 WaitSucceeded",
      "7 StepStarted",
      "8 StepSucceeded",
      "9 InvocationCompleted",
      "10 ExecutionSucceeded",
    ]);
    expect(events[1]).toMatchObject({ Name: "double", SubType: "Step" });
    expect(events[3]).toMatchObject({ Name: "pause", SubType: "Wait", WaitStartedDetails: { Duration: 30 } });
  });

  it("waits for a callback sent through LambdaClient", async () => {
    svc = await startService();
    register("approve", async (_event, ctx) => {
      const [promise, callbackId] = await ctx.createCallback<{ status: string }>("approval");
      await ctx.step("announce", async () => callbackId);
      return promise;
    });
    const client: LambdaClient = lambdaClient(svc.url);
    const pending = invokeSync(client, "approve", {});
    let callbackId: string | undefined;
    await until(() => {
      const arn = svc.engine.listExecutions({ functionName: "approve" }).DurableExecutions[0]?.arn;
      const op =
        arn === undefined ? undefined : svc.engine.getOperations(arn).find((o) => o.Type === "CALLBACK");
      callbackId = op?.CallbackDetails?.CallbackId;
      // Send once the first invocation has suspended, so the history order is deterministic.
      return (
        callbackId !== undefined && arn !== undefined && svc.engine.getExecution(arn).invocation === "idle"
      );
    }, "the callback and the suspension");
    await client.send(
      new SendDurableExecutionCallbackSuccessCommand({
        CallbackId: callbackId,
        Result: Buffer.from('{"status": "approved"}'),
      }),
    );
    const result = await pending;
    // The SDK hands the callback result over as sent (its default callback serdes is a passthrough).
    expect(JSON.parse(result.payload)).toBe('{"status": "approved"}');
    const { types } = await history(client, result.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 CallbackStarted",
      "3 StepStarted",
      "4 StepSucceeded",
      "5 InvocationCompleted",
      "6 CallbackSucceeded",
      "7 InvocationCompleted",
      "8 ExecutionSucceeded",
    ]);
  });

  it("invokes another durable function", async () => {
    svc = await startService();
    register("child", async (event: { x: number }, ctx) => ctx.step("square", async () => event.x * event.x));
    register("parent", async (event: { x: number }, ctx) => ctx.invoke("call-child", "child:$LATEST", event));
    const client = lambdaClient(svc.url);
    const result = await invokeSync(client, "parent", { x: 7 });
    expect(JSON.parse(result.payload)).toBe(49);
    const { types } = await history(client, result.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 ChainedInvokeStarted",
      "3 InvocationCompleted",
      "4 ChainedInvokeSucceeded",
      "5 InvocationCompleted",
      "6 ExecutionSucceeded",
    ]);
  });
});
