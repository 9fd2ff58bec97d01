import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VirtualClock } from "@durable-lambda/local";
import { describe, expect, it } from "vitest";
import type { ConformanceApi, InvokeOutcome } from "../runner/lambda-api.js";
import type { PyMapping } from "../runner/py-value.js";
import { loadRequirement } from "../runner/requirement.js";
import { runRequirement } from "../runner/run-requirement.js";
import { Busy, virtualTime } from "../runner/runner-time.js";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:x:$LATEST/durable-execution/a/b";

describe("the runner on the service's VirtualClock", () => {
  it("holds the clock while it works and lets time jump only while it sleeps", async () => {
    const clock = new VirtualClock(0);
    const busy = new Busy(virtualTime(clock));
    expect(clock.holdCount).toBe(1);
    // A competing timer due at 5 s must not fire while the runner holds the clock.
    let fired = false;
    void clock.sleep(5000).then(() => (fired = true));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(fired).toBe(false);
    expect(clock.now()).toBe(0);
    await busy.sleep(10_000);
    expect(fired).toBe(true);
    expect(clock.now()).toBe(10_000);
    expect(clock.holdCount).toBe(1);
    busy.release();
    expect(clock.holdCount).toBe(0);
  });

  it("never holds again once abandoned, even when a pending wait ends", async () => {
    const clock = new VirtualClock(0);
    const busy = new Busy(virtualTime(clock));
    const waiting = busy.sleep(1000);
    busy.abandon();
    await waiting;
    expect(clock.holdCount).toBe(0);
  });

  it("polls every 2 virtual seconds, holding the clock during every service call", async () => {
    const dir = mkdtempSync(join(tmpdir(), "conformance-vt-"));
    const file = join(dir, "vt.yaml");
    writeFileSync(
      file,
      "AsyncInvoke: true\nExpectedResult: {ExecutionStatus: SUCCEEDED}\nExpectedExecutionHistory: []\n",
    );
    const clock = new VirtualClock(1_000_000);
    const holdsDuringCalls: number[] = [];
    const events: PyMapping[] = [{ EventId: 1, EventType: "ExecutionStarted" }];
    const api: ConformanceApi = {
      invoke: async (): Promise<InvokeOutcome> => {
        holdsDuringCalls.push(clock.holdCount);
        return { arn: ARN, statusCode: 202, functionError: undefined, payload: "" };
      },
      history: async () => {
        holdsDuringCalls.push(clock.holdCount);
        if (clock.now() >= 1_006_000) events.push({ EventId: 2, EventType: "ExecutionSucceeded" });
        return structuredClone(events);
      },
      execution: async () => {
        holdsDuringCalls.push(clock.holdCount);
        return { status: "SUCCEEDED", result: undefined };
      },
      sendSuccess: async () => {},
      sendFailure: async () => {},
      sendHeartbeat: async () => {},
      stop: async () => {},
    };
    const run = await runRequirement(loadRequirement(file), {
      api,
      time: virtualTime(clock),
      logs: () => [],
      functionName: "vt",
    });
    expect(run.errors).toEqual([]);
    expect(clock.now()).toBe(1_006_000);
    expect(holdsDuringCalls).toEqual([1, 1, 1, 1, 1]);
    expect(clock.holdCount).toBe(0);
  });
});
