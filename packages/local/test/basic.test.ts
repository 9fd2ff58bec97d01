import { afterEach, describe, expect, it } from "vitest";
import { GetDurableExecutionCommand } from "@aws-sdk/client-lambda";
import type { LocalService } from "@durable-lambda/local";
import { history, invokeSync, lambdaClient, scripted, startService } from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

describe("a durable execution end to end through LambdaClient", () => {
  it("runs a handler that returns SUCCEEDED and records the history", async () => {
    svc = await startService();
    svc.registerFunction({
      name: "echo",
      handler: scripted(
        () => svc,
        async (s) => ({ Status: "SUCCEEDED", Result: JSON.stringify(s.input) }),
      ),
    });
    const client = lambdaClient(svc.url);
    const result = await invokeSync(client, "echo", { hello: "world" });
    expect(result.payload).toBe('{"hello":"world"}');
    expect(result.functionError).toBeUndefined();
    expect(result.arn).toMatch(
      /^arn:aws:lambda:us-east-1:123456789012:function:echo:\$LATEST\/durable-execution\/[a-f0-9]+\/[a-f0-9]+$/,
    );
    const { types, events } = await history(client, result.arn);
    expect(types).toEqual(["1 ExecutionStarted", "2 InvocationCompleted", "3 ExecutionSucceeded"]);
    expect(events[0]).toMatchObject({
      ExecutionStartedDetails: { Input: { Payload: '{"hello":"world"}', Truncated: false } },
    });
    expect(events[2]).toMatchObject({
      ExecutionSucceededDetails: { Result: { Payload: '{"hello":"world"}', Truncated: false } },
    });
    const execution = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: result.arn }));
    expect(execution.Status).toBe("SUCCEEDED");
    expect(execution.Result).toBe('{"hello":"world"}');
    expect(execution.StartTimestamp).toBeInstanceOf(Date);
  });

  it("reproduces the step-retry reference sequence (SERVICE.md §13.5, 1-11)", async () => {
    svc = await startService();
    svc.registerFunction({
      name: "retry",
      handler: scripted(
        () => svc,
        async (s) => {
          if (s.op("s1") === undefined) {
            await s.checkpoint([{ Id: "s1", Type: "STEP", SubType: "Step", Action: "START" }]);
            await s.checkpoint([
              {
                Id: "s1",
                Type: "STEP",
                SubType: "Step",
                Action: "RETRY",
                Error: { ErrorType: "Error", ErrorMessage: "boom" },
                StepOptions: { NextAttemptDelaySeconds: 1 },
              },
            ]);
            return { Status: "PENDING" };
          }
          expect(s.status("s1")).toBe("READY");
          await s.checkpoint([
            { Id: "s1", Type: "STEP", SubType: "Step", Action: "START" },
            { Id: "s1", Type: "STEP", SubType: "Step", Action: "SUCCEED", Payload: '"ok"' },
          ]);
          return { Status: "SUCCEEDED", Result: '"ok"' };
        },
      ),
    });
    const client = lambdaClient(svc.url);
    const result = await invokeSync(client, "retry", null);
    expect(result.payload).toBe('"ok"');
    const { types, events } = await history(client, result.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 StepStarted",
      "3 StepFailed",
      "4 InvocationCompleted",
      "5 StepStarted",
      "6 StepSucceeded",
      "7 InvocationCompleted",
      "8 ExecutionSucceeded",
    ]);
    expect(events[2]).toMatchObject({
      Id: "s1",
      SubType: "Step",
      StepFailedDetails: { RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 1 } },
    });
    expect(events[5]).toMatchObject({
      StepSucceededDetails: {
        Result: { Payload: '"ok"', Truncated: false },
        RetryDetails: { CurrentAttempt: 2 },
      },
    });
    expect(events[1]).toEqual(expect.objectContaining({ StepStartedDetails: {} }));
    expect(events[1]).not.toHaveProperty("Name");
    expect(events[1]).not.toHaveProperty("ParentId");
  });
});
