import { afterEach, describe, expect, it } from "vitest";
import type { LocalService } from "@durable-lambda/local";
import { scripted, startService } from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

describe("closed executions leave memory and come back from the store", () => {
  it("serves every read of an execution closed long ago, after many others closed", async () => {
    svc = await startService();
    svc.registerFunction({
      name: "f",
      handler: scripted(
        () => svc,
        async (s) => {
          await s.checkpoint([{ Id: "s", Type: "STEP", SubType: "Step", Action: "SUCCEED", Payload: "1" }]);
          return { Status: "SUCCEEDED", Result: JSON.stringify(s.input) };
        },
      ) as never,
    });
    const arns: string[] = [];
    for (let i = 0; i < 150; i++) {
      const outcome = await svc.engine.invoke({ functionName: "f:$LATEST", payload: JSON.stringify({ i }) });
      arns.push(outcome.durableExecutionArn ?? "");
    }
    const first = arns[0] ?? "";
    expect(svc.engine.getExecution(first)).toMatchObject({
      status: "SUCCEEDED",
      input: '{"i":0}',
      result: '{"i":0}',
    });
    expect(svc.engine.getOperations(first).map((op) => `${op.Type} ${op.Status}`)).toEqual([
      "EXECUTION SUCCEEDED",
      "STEP SUCCEEDED",
    ]);
    expect(svc.engine.getHistory(first).Events.at(-1)?.EventType).toBe("ExecutionSucceeded");
    // An idempotent start by name still finds a closed execution that is no longer in memory.
    const again = await svc.engine.invoke({
      functionName: "f:$LATEST",
      payload: JSON.stringify({ i: 0 }),
      durableExecutionName: "named",
    });
    for (let i = 0; i < 100; i++) await svc.engine.invoke({ functionName: "f:$LATEST", payload: "{}" });
    const repeated = await svc.engine.invoke({
      functionName: "f:$LATEST",
      payload: JSON.stringify({ i: 0 }),
      durableExecutionName: "named",
    });
    expect(repeated.durableExecutionArn).toBe(again.durableExecutionArn);
  });
});
