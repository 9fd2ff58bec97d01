import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ErrorObject } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import type { ConformanceApi, ExecutionDescription, InvokeOutcome } from "../runner/lambda-api.js";
import type { CapturedLine } from "../runner/log-records.js";
import type { PyMapping } from "../runner/py-value.js";
import { loadRequirement } from "../runner/requirement.js";
import { runRequirement } from "../runner/run-requirement.js";
import type { RunnerTime } from "../runner/runner-time.js";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:4-1:$LATEST/durable-execution/x/y";

/** Time that jumps instantly; records every sleep. */
class InstantTime implements RunnerTime {
  readonly kind = "virtual";
  nowMs = 0;
  sleeps: number[] = [];
  now(): number {
    return this.nowMs;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.nowMs += ms;
  }
  hold(): () => void {
    return () => {};
  }
}

type Sent = { op: string; id: string; body?: string | ErrorObject | undefined; atMs: number };

/** A scripted service: a history that reacts to callback sends. */
class FakeService implements ConformanceApi {
  events: PyMapping[] = [{ EventId: 1, EventType: "ExecutionStarted" }];
  sent: Sent[] = [];
  stopped: string[] = [];
  invoked: Array<{ fn: string; payload: string; type: string }> = [];
  status: ExecutionDescription = { status: "RUNNING", result: undefined };
  onSend: (s: Sent) => void = () => {};

  constructor(private readonly time: InstantTime) {}

  add(event: PyMapping): void {
    this.events.push({ EventId: this.events.length + 1, EventTimestamp: new Date(0), ...event });
  }
  finish(result: string): void {
    this.add({ EventType: "InvocationCompleted", InvocationCompletedDetails: {} });
    this.add({ EventType: "ExecutionSucceeded", ExecutionSucceededDetails: { Result: { Payload: result } } });
    this.status = { status: "SUCCEEDED", result };
  }
  async invoke(fn: string, payload: string, type: "RequestResponse" | "Event"): Promise<InvokeOutcome> {
    this.invoked.push({ fn, payload, type });
    return { arn: ARN, statusCode: 202, functionError: undefined, payload: "" };
  }
  async history() {
    return structuredClone(this.events);
  }
  async execution() {
    return this.status;
  }
  private record(op: string, id: string, body?: string | ErrorObject): void {
    const s = { op, id, body, atMs: this.time.nowMs };
    this.sent.push(s);
    this.onSend(s);
  }
  async sendSuccess(id: string, result: string | undefined) {
    this.record("success", id, result);
  }
  async sendFailure(id: string, error: ErrorObject | undefined) {
    this.record("failure", id, error);
  }
  async sendHeartbeat(id: string) {
    this.record("heartbeat", id);
  }
  async stop(arn: string) {
    this.stopped.push(arn);
  }
}

function requirement(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), "conformance-poll-"));
  const file = join(dir, "4-1.yaml");
  writeFileSync(file, yaml);
  return loadRequirement(file);
}

function setup() {
  const time = new InstantTime();
  const svc = new FakeService(time);
  const logs: CapturedLine[] = [];
  const deps = { api: svc, time, logs: () => logs, functionName: "4-1" };
  return { time, svc, deps, logs };
}

const CALLBACK_REQUIREMENT = `
AsyncInvoke: true
Variables:
  CB_NAME: \${GEN_STR:10}
  CB_PAYLOAD: \${GEN_STR:12}
Input: \${CB_NAME}
ExpectedResult:
  ExecutionStatus: SUCCEEDED
CallbackActions:
  - CallbackName: \${CB_NAME}
    Operation: success
    Payload: \${CB_PAYLOAD}
    Delay: 1
ExpectedExecutionHistory:
  - EventType: CallbackStarted
    EventId: 2
    Id: \${ID1}
    Name: \${CB_NAME}
    CallbackStartedDetails:
      CallbackId: '*'
  - EventType: CallbackSucceeded
    EventId: 4
    Id: \${ID1}
    CallbackSucceededDetails:
      Result:
        Payload: '"\${CB_PAYLOAD}"'
`;

describe("async polling loop", () => {
  it("invokes with json.dumps of the substituted input, answers the callback and matches the history", async () => {
    const { svc, deps, time } = setup();
    const req = requirement(CALLBACK_REQUIREMENT);
    let name = "";
    svc.invoke = async (fn, payload, type) => {
      svc.invoked.push({ fn, payload, type });
      name = JSON.parse(payload) as string;
      svc.add({
        EventType: "CallbackStarted",
        Id: "op1",
        Name: name,
        CallbackStartedDetails: { CallbackId: "cb-1" },
      });
      svc.add({ EventType: "InvocationCompleted" });
      return { arn: ARN, statusCode: 202, functionError: undefined, payload: "" };
    };
    svc.onSend = (s) => {
      svc.add({
        EventType: "CallbackSucceeded",
        Id: "op1",
        CallbackSucceededDetails: { Result: { Payload: s.body as string } },
      });
      svc.finish('"done"');
    };
    const run = await runRequirement(req, deps);
    expect(run.errors).toEqual([]);
    expect(run.passed).toBe(true);
    expect(svc.invoked).toEqual([{ fn: "4-1", payload: `"${name}"`, type: "Event" }]);
    expect(name).toMatch(/^[a-z0-9]{10}$/);
    expect(svc.sent).toHaveLength(1);
    expect(svc.sent[0]?.body).toMatch(/^"[a-z0-9]{12}"$/);
    // First poll after 2 s, then the action's 1 s delay.
    expect(time.sleeps.slice(0, 2)).toEqual([2000, 1000]);
    expect(svc.stopped).toEqual([]);
  });

  it("fails with a readable diff when the history differs", async () => {
    const { svc, deps } = setup();
    const req = requirement(CALLBACK_REQUIREMENT);
    svc.invoke = async (_fn, payload) => {
      const name = JSON.parse(payload) as string;
      svc.add({
        EventType: "CallbackStarted",
        Id: "op1",
        Name: name,
        CallbackStartedDetails: { CallbackId: "cb-1" },
      });
      svc.add({ EventType: "InvocationCompleted" });
      return { arn: ARN, statusCode: 202, functionError: undefined, payload: "" };
    };
    svc.onSend = () => {
      svc.add({
        EventType: "CallbackSucceeded",
        Id: "op1",
        CallbackSucceededDetails: { Result: { Payload: "wrong" } },
      });
      svc.finish("null");
    };
    const run = await runRequirement(req, deps);
    expect(run.passed).toBe(false);
    expect(run.errors[0]).toMatch(
      /^Event\[EventId=4\]\.CallbackSucceededDetails\.Result\.Payload: expected '"[a-z0-9]{12}"', got 'wrong'$/,
    );
    expect(run.diff.some((l) => /^- +Payload: '"[a-z0-9]{12}"'$/.test(l))).toBe(true);
    expect(run.diff).toContain("+     Payload: wrong");
    expect(run.diff).toContain("  Id: op1");
    expect(run.diff.filter((l) => l.startsWith("-"))).toHaveLength(1);
  });

  it("keeps a heartbeated callback matchable for the next action", async () => {
    const { svc, deps } = setup();
    const req = requirement(`
AsyncInvoke: true
ExpectedResult:
  ExecutionStatus: SUCCEEDED
CallbackActions:
  - CallbackName: '*'
    Operation: heartbeat
  - CallbackName: \${/^appr/}
    Operation: success
    Payload: {status: approved}
ExpectedExecutionHistory:
  - EventId: 2
    EventType: CallbackStarted
`);
    svc.add({
      EventType: "CallbackStarted",
      Name: "approval",
      CallbackStartedDetails: { CallbackId: "cb-1" },
    });
    svc.onSend = (s) => {
      if (s.op === "success") svc.finish("null");
    };
    const run = await runRequirement(req, deps);
    expect(run.errors).toEqual([]);
    expect(svc.sent.map((s) => [s.op, s.id, s.body])).toEqual([
      ["heartbeat", "cb-1", undefined],
      ["success", "cb-1", '{"status": "approved"}'],
    ]);
  });

  it("sends the error keys of a failure payload and inherits names from a WaitForCallback parent", async () => {
    const { svc, deps } = setup();
    const req = requirement(`
AsyncInvoke: true
ExpectedResult:
  ExecutionStatus: FAILED
CallbackActions:
  - CallbackName: approval
    Operation: failure
    Payload:
      ErrorType: RejectedError
      ErrorMessage: not approved
      Other: ignored
ExpectedExecutionHistory:
  - EventId: 3
    EventType: CallbackStarted
    Name: approval
`);
    svc.add({ EventType: "ContextStarted", Id: "p", SubType: "WaitForCallback", Name: "approval" });
    svc.add({ EventType: "CallbackStarted", ParentId: "p", CallbackStartedDetails: { CallbackId: "cb-9" } });
    svc.onSend = () => {
      svc.add({ EventType: "ExecutionFailed" });
      svc.status = { status: "FAILED", result: undefined };
    };
    const run = await runRequirement(req, deps);
    expect(run.errors).toEqual([]);
    expect(svc.sent).toEqual([
      {
        op: "failure",
        id: "cb-9",
        body: { ErrorType: "RejectedError", ErrorMessage: "not approved" },
        atMs: 2000,
      },
    ]);
  });

  it("records an error for a callback no action matches", async () => {
    const { svc, deps } = setup();
    const req = requirement(`
AsyncInvoke: true
CallbackActions:
  - CallbackName: other
    Operation: success
ExpectedResult:
  ExecutionStatus: SUCCEEDED
ExpectedExecutionHistory: []
`);
    svc.add({ EventType: "CallbackStarted", Name: "mine", CallbackStartedDetails: { CallbackId: "cb-1" } });
    let polls = 0;
    svc.history = async () => {
      if (++polls === 2) svc.finish("null");
      return structuredClone(svc.events);
    };
    const run = await runRequirement(req, deps);
    expect(run.passed).toBe(false);
    expect(run.errors).toEqual(["No CallbackAction matches callback 'mine'"]);
    expect(svc.sent).toEqual([]);
  });

  it("gives up after 30 s without new events and stops the execution", async () => {
    const { svc, deps, time } = setup();
    const req = requirement(`
AsyncInvoke: true
ExpectedResult:
  ExecutionStatus: SUCCEEDED
ExpectedExecutionHistory:
  - EventId: 1
    EventType: ExecutionStarted
`);
    const run = await runRequirement(req, deps);
    expect(run.passed).toBe(false);
    expect(run.errors).toEqual([
      "No new events for 30 s (1 events)",
      "ExecutionStatus: expected 'SUCCEEDED', got 'RUNNING'",
    ]);
    expect(time.nowMs).toBe(32_000); // progress seen at the first poll (2 s), then 30 s without any
    expect(svc.stopped).toEqual([ARN]);
  });

  it("passes a history-only requirement at the first matching poll, then stops the execution", async () => {
    const { svc, deps, time } = setup();
    const req = requirement(`
AsyncInvoke: true
ExpectedExecutionHistory:
  - EventId: 2
    EventType: WaitStarted
`);
    let polls = 0;
    svc.history = async () => {
      if (++polls === 3) svc.add({ EventType: "WaitStarted" });
      return structuredClone(svc.events);
    };
    const run = await runRequirement(req, deps);
    expect(run.errors).toEqual([]);
    expect(run.passed).toBe(true);
    expect(time.nowMs).toBe(6000);
    expect(svc.stopped).toEqual([ARN]);
  });
});

describe("sync invocation", () => {
  it("fails an empty ExpectedExecutionHistory and a missing ARN", async () => {
    const { svc, deps } = setup();
    svc.finish('"x"');
    const empty = await runRequirement(requirement("Input: null\nExpectedExecutionHistory: []\n"), deps);
    expect(empty.errors[0]).toMatch(/ExpectedExecutionHistory is empty/);
    expect(svc.invoked[0]).toEqual({ fn: "4-1", payload: "null", type: "RequestResponse" });
    svc.invoke = async () => ({ arn: undefined, statusCode: 200, functionError: undefined, payload: "" });
    const noArn = await runRequirement(requirement("ExpectedExecutionHistory: [{EventId: 1}]\n"), deps);
    expect(noArn.errors[0]).toMatch(/no DurableExecutionArn/);
  });

  it("checks the result with json.loads and Python equality, then the logs", async () => {
    const { svc, deps, logs } = setup();
    svc.finish('{"greeting": "Hello, World!", "n": 1.0}');
    const yaml = (result: string) => `
Input: {a: 1.0, b: "é"}
ExpectedResult:
  ExecutionStatus: SUCCEEDED
  Result: ${result}
ExpectedExecutionHistory:
  - EventId: 1
    EventType: ExecutionStarted
ExpectedLogs:
  - match: {message: hi}
`;
    logs.push({ timeMs: 1, stream: "stdout", line: JSON.stringify({ executionArn: ARN, message: "hi" }) });
    const ok = await runRequirement(requirement(yaml("{greeting: 'Hello, World!', n: 1}")), deps);
    expect(ok.errors).toEqual([]);
    expect(svc.invoked[0]?.payload).toBe('{"a": 1.0, "b": "\\u00e9"}');
    const bad = await runRequirement(requirement(yaml("{greeting: 'Hi', n: 1}")), deps);
    expect(bad.errors).toEqual([
      "Result: expected {'greeting': 'Hi', 'n': 1}, got {'greeting': 'Hello, World!', 'n': 1.0}",
    ]);
    logs.length = 0;
    const noLogs = await runRequirement(requirement(yaml("{greeting: 'Hello, World!', n: 1}")), deps);
    expect(noLogs.errors[0]).toMatch(/ExpectedLogs\[0\].*expected at least 1 match/);
  });

  it("compares a plain-string result to the decoded JSON string", async () => {
    const { svc, deps } = setup();
    svc.finish('"Hello, World!"');
    const run = await runRequirement(
      requirement(
        "ExpectedResult:\n  ExecutionStatus: SUCCEEDED\n  Result: Hello, World!\nExpectedExecutionHistory: [{EventId: 1}]\n",
      ),
      deps,
    );
    expect(run.errors).toEqual([]);
  });
});
