import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readRecordedExecution } from "@durable-lambda/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDurable, spawnDurable, waitForOutput, type CliRun } from "./cli-helpers.js";

// Drives the `durable` binary as child processes: `durable dev` hosts the service (worker processes run the
// fixture with the official SDK, which talks back over HTTP); every other command is a separate process.
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const greeter = fileURLToPath(new URL("./fixtures/greeter.ts", import.meta.url));

// Each test runs several CLI processes; allow for a loaded CI machine.
describe("durable CLI against `durable dev`", { timeout: 90_000 }, () => {
  let dev: ChildProcess;
  let devExit: Promise<number | null>;
  let devOutput = "";
  let endpoint: string;
  let workDir: string;
  let db: string;
  const durable = (...args: string[]): Promise<CliRun> => runDurable(args, { DURABLE_ENDPOINT: endpoint });

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "durable-cli-"));
    db = join(workDir, "state", "durable.db");
    dev = spawnDurable(["dev", greeter, "--port", "0", "--db", db]);
    dev.stdout?.setEncoding("utf8").on("data", (chunk: string) => (devOutput += chunk));
    devExit = new Promise((resolve) => dev.on("exit", (code) => resolve(code)));
    const match = await waitForOutput(
      dev.stdout,
      /Durable service listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*AWS_ENDPOINT_URL_LAMBDA=\S+\)\n/,
    );
    endpoint = match[1] ?? "";
  }, 30_000);

  afterAll(async () => {
    if (dev.exitCode === null) dev.kill("SIGKILL");
    rmSync(workDir, { recursive: true, force: true });
  });

  it("dev prints the URL, the registered function and how to invoke it, and creates the database", () => {
    expect(devOutput).toContain(`function: greeter  ${greeter}#handler`);
    expect(devOutput).toContain(`durable invoke greeter --payload '{}' --endpoint ${endpoint}`);
    expect(devOutput).toContain(`timeline: ${endpoint}/ui`);
    expect(existsSync(db)).toBe(true);
  });

  let succeededArn = "";

  it("invoke waits for the execution and prints its ARN and result", async () => {
    const run = await durable("invoke", "greeter", "--payload", '{"name":"Ada"}', "--name", "ada-1");
    expect(run.stderr).not.toMatch(/durable:/);
    expect(run.code).toBe(0);
    const arn = run.stdout.match(/^Execution: (arn:aws:lambda:\S+)$/m)?.[1];
    expect(arn).toMatch(/:function:greeter:\$LATEST\/durable-execution\/ada-1\//);
    succeededArn = arn ?? "";
    expect(run.stdout).toContain("Status:    SUCCEEDED\n");
    expect(run.stdout).toContain('Result:    {"greeting":"hello Ada"}\n');
  });

  it("executions lists the function's executions as a table", async () => {
    const run = await durable("executions", "greeter");
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^NAME\s+STATUS\s+STARTED\s+DURATION\s+ARN$/);
    expect(
      rows.some((row) => row.startsWith("ada-1") && row.includes("SUCCEEDED") && row.endsWith(succeededArn)),
    ).toBe(true);
  });

  it("history prints a readable table of events", async () => {
    const run = await durable("history", succeededArn);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+TIME \(UTC\)\s+TYPE\s+NAME\s+DETAILS$/);
    const types = lines.slice(1).map((line) => line.split(/\s{2,}/)[2]);
    expect(types).toEqual([
      "ExecutionStarted",
      "StepStarted",
      "StepSucceeded",
      "WaitStarted",
      "InvocationCompleted",
      "WaitSucceeded",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    expect(run.stdout).toMatch(/StepSucceeded\s+greet\s+result="hello Ada" attempt=1/);
    expect(run.stdout).toMatch(/WaitStarted\s+pause\s+wait=1s until \d{4}-/);
  });

  it("history --json exports the GetDurableExecutionHistory shape that the test kit reads", async () => {
    const run = await durable("history", succeededArn, "--json");
    expect(run.code).toBe(0);
    const exported = JSON.parse(run.stdout) as { Events: Array<Record<string, unknown>> };
    expect(exported.Events.map((event) => event.EventId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const event of exported.Events) expect(typeof event.EventTimestamp).toBe("number");
    expect(exported.Events[0]).toMatchObject({
      EventType: "ExecutionStarted",
      ExecutionStartedDetails: { Input: { Payload: '{"name":"Ada"}', Truncated: false } },
    });
    const recorded = readRecordedExecution(run.stdout);
    expect(recorded.operations.map((op) => [op.Type, op.Name, op.Status])).toEqual(
      expect.arrayContaining([
        ["STEP", "greet", "SUCCEEDED"],
        ["WAIT", "pause", "SUCCEEDED"],
      ]),
    );
  });

  it("invoke shows the callback id while waiting; callback succeed completes the execution", async () => {
    const invoke = spawnDurable(["invoke", "greeter", "--payload", '{"name":"Bo","approval":true}'], {
      DURABLE_ENDPOINT: endpoint,
    });
    let stdout = "";
    invoke.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => invoke.on("exit", (code) => resolve(code)));
    const progress = await waitForOutput(invoke.stderr, /waiting for callback callbackId=(\S+)/);
    const callbackId = progress[1] ?? "";

    const heartbeat = await durable("callback", "heartbeat", callbackId);
    expect(heartbeat).toMatchObject({ code: 0, stdout: `Callback ${callbackId} heartbeat sent.\n` });
    const succeed = await durable("callback", "succeed", callbackId, "--payload", '"approved"');
    expect(succeed).toMatchObject({ code: 0, stdout: `Callback ${callbackId} succeeded.\n` });

    expect(await exited).toBe(0);
    expect(stdout).toContain("Status:    SUCCEEDED\n");
    expect(stdout).toContain('"greeting":"hello Bo"');
    expect(stdout).toContain("approved");

    // durable dev echoes the functions' output, attributed to the function and invocation.
    expect(devOutput).toMatch(
      new RegExp(`^\\[greeter [0-9a-f]{8}\\] \\| callback id: ${escapeRegExp(callbackId)}$`, "m"),
    );

    const again = await durable("callback", "succeed", callbackId);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^durable: CallbackTimeoutException: .+\n$/);
  });

  it("invoke reads --payload @file and reports a failed execution with exit code 1", async () => {
    const eventFile = join(workDir, "event.json");
    writeFileSync(eventFile, '{"name":"Cy","fail":true}');
    const run = await durable("invoke", "greeter", "--payload", `@${eventFile}`);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Status:    FAILED\n");
    expect(run.stdout).toContain("Error:     Error: refusing to greet Cy\n");
  });

  it("invoke --async returns at once; stop ends the execution; stopping it again is refused", async () => {
    const started = await durable(
      "invoke",
      "greeter",
      "--async",
      "--name",
      "to-stop",
      "--payload",
      '{"approval":true}',
    );
    expect(started.code).toBe(0);
    const arn = started.stdout.match(/^Execution: (\S+)$/m)?.[1] ?? "";
    expect(arn).toContain("/durable-execution/to-stop/");
    expect(started.stdout).toContain("Status:    STARTED\n");

    const stopped = await durable(
      "stop",
      arn,
      "--error-type",
      "Operator",
      "--error-message",
      "no longer needed",
    );
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(/^Stopped arn:\S+ at \d{4}-\d{2}-\d{2} [\d:.]+ UTC\.\n$/);

    const listed = await durable("executions", "greeter", "--status", "STOPPED");
    expect(listed.stdout).toMatch(/^to-stop\s+STOPPED\s/m);
    const history = await durable("history", arn);
    expect(history.stdout).toMatch(/ExecutionStopped\s+error=Operator: no longer needed/);

    const again = await durable("stop", arn);
    expect(again.code).toBe(1);
    expect(again.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(again.stderr).toMatch(/^durable: \w+Exception: /);
  });

  it("callback fail delivers the error object to the waiting execution", async () => {
    const started = await durable(
      "invoke",
      "greeter",
      "--async",
      "--name",
      "to-reject",
      "--payload",
      '{"approval":true}',
    );
    const arn = started.stdout.match(/^Execution: (\S+)$/m)?.[1] ?? "";
    // The callback id appears in the history once the first invocations have run.
    let callbackId: string | undefined;
    while (callbackId === undefined) {
      const history = JSON.parse((await durable("history", arn, "--json")).stdout) as {
        Events: Array<{ EventType: string; CallbackStartedDetails?: { CallbackId: string } }>;
      };
      callbackId = history.Events.find((e) => e.EventType === "CallbackStarted")?.CallbackStartedDetails
        ?.CallbackId;
    }
    const failed = await durable(
      "callback",
      "fail",
      callbackId,
      "--error",
      '{"ErrorType":"Rejected","ErrorMessage":"reviewer said no"}',
    );
    expect(failed).toMatchObject({ code: 0, stdout: `Callback ${callbackId} failed.\n` });
    let status = "";
    while (status !== "FAILED") {
      const listed = await durable("executions", "greeter", "--status", "FAILED");
      status = /^to-reject\s+FAILED\s/m.test(listed.stdout) ? "FAILED" : "";
    }
    const history = await durable("history", arn);
    expect(history.stdout).toMatch(/CallbackFailed\s+error=Rejected: reviewer said no/);
  });

  it("reports an unknown execution or function in one line with exit code 1", async () => {
    const history = await durable("history", `${succeededArn.slice(0, -4)}beef`);
    expect(history.code).toBe(1);
    expect(history.stderr).toMatch(/^durable: ResourceNotFoundException: .+\n$/);
    const invoke = await durable("invoke", "nope");
    expect(invoke.code).toBe(1);
    expect(invoke.stderr).toMatch(/^durable: ResourceNotFoundException: .+\n$/);
  });

  it("dev shuts down cleanly on SIGTERM", async () => {
    dev.kill("SIGTERM");
    expect(await devExit).toBe(0);
    expect(devOutput).toContain("Stopping the durable service");
  });
});
