import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { InvokeCommand } from "@aws-sdk/client-lambda";
import type { LocalService } from "@durable-lambda/local";
import {
  chainedInvokeCaller,
  chainedInvokeDetails,
  history,
  lambdaClient,
  scripted,
  startService,
  until,
} from "./helpers.js";

const dirs: string[] = [];
let svc: LocalService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "durable-crash-"));
  dirs.push(dir);
  return join(dir, "nested", "durable.db");
}

/** Starts an execution of `name` asynchronously (InvocationType Event) and returns its ARN. */
async function startAsync(url: string, name: string, payload = "{}"): Promise<string> {
  const started = await lambdaClient(url).send(
    new InvokeCommand({
      FunctionName: `${name}:$LATEST`,
      InvocationType: "Event",
      Payload: Buffer.from(payload),
    }),
  );
  return started.DurableExecutionArn ?? "";
}

/** Registers `name` to start wait "w" of `seconds` and suspend, starts it, and waits for that suspension. */
async function startSuspendedOnWait(service: LocalService, name: string, seconds: number): Promise<string> {
  service.registerFunction({
    name,
    handler: scripted(
      () => service,
      async (s) => {
        await s.checkpoint([
          { Id: "w", Type: "WAIT", SubType: "Wait", Action: "START", WaitOptions: { WaitSeconds: seconds } },
        ]);
        return { Status: "PENDING" };
      },
    ),
  });
  const arn = await startAsync(service.url, name);
  await until(
    () => service.engine.getExecution(arn).invocation === "idle",
    "the first invocation to suspend",
  );
  return arn;
}

/** Completes step "s" (whatever state it is in) once wait "w" is over. */
const finisher = () =>
  scripted(
    () => svc!,
    async (s) => {
      if (s.status("w") !== "SUCCEEDED") return { Status: "PENDING" };
      if (s.status("s") !== "SUCCEEDED")
        await s.checkpoint([
          { Id: "s", Type: "STEP", SubType: "Step", Action: "SUCCEED", Payload: '"recovered"' },
        ]);
      return { Status: "SUCCEEDED", Result: '"recovered"' };
    },
  );

describe("crash safety of the SQLite store", () => {
  it("fires persisted timers after a restart on the same file", async () => {
    const database = tempDb();
    svc = await startService({ database, clock: "real" });
    const arn = await startSuspendedOnWait(svc, "crashy", 1);
    await svc.close();
    svc = await startService({
      database,
      clock: "virtual",
      functions: [{ name: "crashy", handler: finisher() }],
    });
    const done = await svc.engine.waitForCompletion(arn);
    expect(done.status).toBe("SUCCEEDED");
    const { types } = await history(lambdaClient(svc.url), arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 WaitStarted",
      "3 InvocationCompleted",
      "4 WaitSucceeded",
      "5 StepSucceeded",
      "6 InvocationCompleted",
      "7 ExecutionSucceeded",
    ]);
  });

  it("re-invokes an invocation interrupted by SIGKILL, losing and duplicating nothing", async () => {
    const database = tempDb();
    const child = spawn(
      process.execPath,
      [
        "--conditions=source",
        "--import",
        "tsx",
        fileURLToPath(new URL("./fixtures/crash-child.ts", import.meta.url)),
        database,
      ],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /URL (\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`child exited early (${code}): ${output}`)));
    });
    const arn = await startAsync(url, "crashy", '{"n":1}');
    await new Promise<void>((resolve) => {
      const check = (): void => (output.includes("CHECKPOINTED") ? resolve() : void setTimeout(check, 5));
      check();
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;

    svc = await startService({
      database,
      clock: "virtual",
      functions: [{ name: "crashy", handler: finisher() }],
    });
    const done = await svc.engine.waitForCompletion(arn);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.input).toBe('{"n":1}');
    const { types, events } = await history(lambdaClient(svc.url), arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 StepStarted",
      "3 WaitStarted",
      "4 InvocationCompleted",
      // The interrupted invocation runs again at once and suspends: the 60 s wait is still ahead.
      "5 InvocationCompleted",
      "6 WaitSucceeded",
      "7 StepSucceeded",
      "8 InvocationCompleted",
      "9 ExecutionSucceeded",
    ]);
    expect(events[3]).toMatchObject({
      InvocationCompletedDetails: { Error: { Payload: { ErrorType: "Runtime.ExitError" } } },
    });
  }, 30_000);

  it("runs a plain chained-invoke target again when a restart interrupted it", async () => {
    const database = tempDb();
    const caller = () =>
      chainedInvokeCaller(
        () => svc!,
        "double",
        (inv) => ({ Status: "SUCCEEDED", Result: chainedInvokeDetails(inv).Result }),
        "21",
      );
    let targetStarted = false;
    svc = await startService({ database, clock: "real" });
    svc.registerFunction({ name: "caller", handler: caller() });
    svc.registerFunction({
      name: "double",
      durable: false,
      handler: () => {
        targetStarted = true;
        return new Promise(() => {});
      },
    });
    const arn = await startAsync(svc.url, "caller");
    await until(
      () => targetStarted && svc!.engine.getExecution(arn).invocation === "idle",
      "the hanging target",
    );
    await svc.close();
    svc = await startService({
      database,
      clock: "virtual",
      functions: [
        { name: "caller", handler: caller() },
        { name: "double", durable: false, handler: async (n) => (n as number) * 2 },
      ],
    });
    const done = await svc.engine.waitForCompletion(arn);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: "42" });
    const { types } = await history(lambdaClient(svc.url), done.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 ChainedInvokeStarted",
      "3 InvocationCompleted",
      "4 ChainedInvokeSucceeded",
      "5 InvocationCompleted",
      "6 ExecutionSucceeded",
    ]);
  });

  it("treats a function missing after a restart as a failed invocation (retried, then the execution fails)", async () => {
    const database = tempDb();
    svc = await startService({ database, clock: "real" });
    const arn = await startSuspendedOnWait(svc, "gone", 5);
    await svc.close();
    svc = await startService({ database, clock: "virtual", engine: { maxConsecutiveInvocationFailures: 2 } });
    const done = await svc.engine.waitForCompletion(arn);
    expect(done.status).toBe("FAILED");
    expect(done.error?.ErrorType).toBe("ResourceNotFoundException");
    const { types } = await history(lambdaClient(svc.url), arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 WaitStarted",
      "3 InvocationCompleted",
      "4 WaitSucceeded",
      "5 InvocationCompleted",
      "6 InvocationCompleted",
      "7 ExecutionFailed",
    ]);
  });
});
