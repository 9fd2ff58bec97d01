import { afterEach, describe, expect, it } from "vitest";
import { withDurableExecution, type DurableContext } from "durable-lambda";
import { InProcessDurableClient, type LocalService } from "@durable-lambda/local";
import { invokeSync, lambdaClient, scripted, startService, type Envelope } from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

/**
 * A change the service makes while an invocation is live is delivered in that invocation's next checkpoint
 * response; it must not be listed again in the next invocation's UpdatedOperationIds, or the SDK ends the
 * operation twice (SDK.md §11: onOperationEnd exactly once).
 */
describe("UpdatedOperationIds reports each service change once", () => {
  it("leaves out what a checkpoint response of the previous invocation already delivered", async () => {
    svc = await startService();
    const envelopes: Envelope[] = [];
    const deliveredInFirst: string[] = [];
    svc.registerFunction({
      name: "f",
      handler: scripted(
        () => svc,
        async (s) => {
          envelopes.push(s.envelope);
          if (envelopes.length > 1) return { Status: "SUCCEEDED" };
          const started = await s.checkpoint([
            { Id: "cb", Type: "CALLBACK", SubType: "Callback", Action: "START", CallbackOptions: {} },
            { Id: "w", Type: "WAIT", SubType: "Wait", Action: "START", WaitOptions: { WaitSeconds: 1 } },
          ]);
          const callback = started.find((op) => op.Id === "cb")?.CallbackDetails as { CallbackId: string };
          // Completed by the service while this invocation is live…
          svc.engine.sendCallbackSuccess(callback.CallbackId, '"ok"');
          // …and delivered by the next checkpoint response.
          const delta = await s.checkpoint([]);
          deliveredInFirst.push(...delta.map((op) => `${op.Id as string}:${op.Status as string}`));
          return { Status: "PENDING" };
        },
      ) as never,
    });
    const result = await invokeSync(lambdaClient(svc.url), "f", {});
    expect(result.functionError).toBeUndefined();
    expect(deliveredInFirst).toEqual(["cb:SUCCEEDED"]);
    expect(envelopes).toHaveLength(2);
    // The wait fired between invocations (never delivered before); the callback was delivered already.
    expect(envelopes[1]?.UpdatedOperationIds).toEqual(["w"]);
  });

  it("ends a callback completed during its invocation exactly once in a real SDK handler", async () => {
    svc = await startService();
    const ends = new Map<string, number>();
    const plugin = {
      onOperationEnd: (info: { id: string; type: string }) => {
        const key = `${info.type} ${info.id}`;
        ends.set(key, (ends.get(key) ?? 0) + 1);
      },
    };
    const handler = withDurableExecution(
      async (_event: unknown, ctx: DurableContext) => {
        const [result, callbackId] = await ctx.createCallback<string>("approval");
        await ctx.step("complete-it", async () => {
          svc.engine.sendCallbackSuccess(callbackId, '"ok"');
        });
        const value = await result;
        // Suspends, so a second invocation runs with the service's updates.
        await ctx.wait("pause", { seconds: 1 });
        return value;
      },
      { durableExecutionClient: new InProcessDurableClient(svc.engine), plugins: [plugin] } as never,
    );
    svc.registerFunction({ name: "g", handler: handler as never });
    const result = await invokeSync(lambdaClient(svc.url), "g", {});
    expect(result.functionError).toBeUndefined();
    expect(JSON.parse(result.payload)).toBe('"ok"');
    const callbackEnds = [...ends].filter(([key]) => key.startsWith("CALLBACK"));
    expect(callbackEnds).toHaveLength(1);
    for (const [key, count] of ends) expect(count, key).toBe(1);
  });
});
