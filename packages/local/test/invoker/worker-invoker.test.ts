import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FunctionDefinition, InvocationLogLine, InvocationResult } from "../../src/invoker/invoker.js";
import { WorkerInvoker } from "../../src/invoker/worker-invoker.js";

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const SERVICE_URL = "http://127.0.0.1:65000";

const behaviours: FunctionDefinition = {
  name: "behaviours",
  module: fixture("behaviours.ts"),
  timeoutSeconds: 20,
  environment: { CUSTOM_SETTING: "from-config", AWS_REGION: "eu-west-3" },
};

interface Run {
  result: InvocationResult;
  logs: InvocationLogLine[];
  requestId: string;
}

function run(
  invoker: WorkerInvoker,
  fn: FunctionDefinition,
  payload: unknown,
  opts: { version?: string; timeoutMs?: number } = {},
): Promise<Run> {
  const logs: InvocationLogLine[] = [];
  const requestId = randomUUID();
  return invoker
    .invoke({
      fn,
      version: opts.version ?? "$LATEST",
      payload,
      requestId,
      serviceUrl: SERVICE_URL,
      deadlineMs: Date.now() + (opts.timeoutMs ?? (fn.timeoutSeconds ?? 900) * 1000),
      onLog: (line) => logs.push(line),
    })
    .then((result) => ({ result, logs, requestId }));
}

function returned(r: Run): Record<string, any> {
  if (r.result.kind !== "returned")
    throw new Error(`expected a returned value, got ${JSON.stringify(r.result)}`);
  return r.result.value as Record<string, any>;
}

describe("WorkerInvoker", () => {
  let invoker: WorkerInvoker;
  beforeAll(() => {
    process.env.HOST_ONLY_SECRET = "must-not-leak";
    invoker = new WorkerInvoker();
  });
  afterAll(async () => {
    delete process.env.HOST_ONLY_SECRET;
    await invoker.close();
  });

  it("returns the handler's value with a Lambda-like context and environment", async () => {
    const r = await run(invoker, behaviours, { action: "return" }, { version: "3" });
    const value = returned(r);
    expect(value.pid).not.toBe(process.pid);
    expect(value.awsRequestId).toBe(r.requestId);
    expect(value.functionName).toBe("behaviours");
    expect(value.functionVersion).toBe("3");
    expect(value.invokedFunctionArn).toBe("arn:aws:lambda:us-east-1:123456789012:function:behaviours:3");
    expect(value.memoryLimitInMB).toBe("128");
    expect(value.logGroupName).toBe("/aws/lambda/behaviours");
    expect(value.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[3\][0-9a-f]{32}$/);
    expect(value.callbackWaitsForEmptyEventLoop).toBe(true);
    expect(value.remainingMs).toBeGreaterThan(0);
    expect(value.remainingMs).toBeLessThanOrEqual(20_000);
    expect(value.env).toEqual({
      endpoint: SERVICE_URL,
      region: "us-east-1", // reserved: the function's configuration cannot override it
      accessKey: expect.any(String),
      secretKey: expect.any(String),
      sessionToken: expect.any(String),
      functionName: "behaviours",
      functionVersion: "3",
      custom: "from-config",
    });
  });

  it("passes the host's AWS_LAMBDA_LOG_LEVEL on to workers", async () => {
    const own = new WorkerInvoker();
    process.env.AWS_LAMBDA_LOG_LEVEL = "DEBUG";
    try {
      const value = returned(await run(own, { ...behaviours, name: "log-level" }, { action: "return" }));
      expect(value.env.logLevel).toBe("DEBUG");
    } finally {
      delete process.env.AWS_LAMBDA_LOG_LEVEL;
      await own.close();
    }
  });

  it("derives invokedFunctionArn from a durable invocation's execution ARN", async () => {
    const arn = "arn:aws:lambda:us-east-1:000000000000:function:behaviours:$LATEST/durable-execution/n1/abc";
    const r = await run(invoker, behaviours, { action: "return", DurableExecutionArn: arn });
    expect(returned(r).invokedFunctionArn).toBe(
      "arn:aws:lambda:us-east-1:000000000000:function:behaviours:$LATEST",
    );
  });

  it("reports a thrown error by its name and message", async () => {
    const r = await run(invoker, behaviours, { action: "throw", tag: "#7" });
    expect(r.result).toEqual({ kind: "failed", errorType: "ValidationError", errorMessage: "bad input #7" });
  });

  it("reports a thrown non-error under its JavaScript type", async () => {
    const r = await run(invoker, behaviours, { action: "throw-string" });
    expect(r.result).toEqual({ kind: "failed", errorType: "string", errorMessage: "plain string failure" });
  });

  it("reports an unserialisable result as Runtime.MarshalError", async () => {
    const r = await run(invoker, behaviours, { action: "unserialisable" });
    expect(r.result).toMatchObject({ kind: "failed", errorType: "Runtime.MarshalError" });
  });

  it("reuses a warm process and replaces one that exited mid-invocation", async () => {
    const fn: FunctionDefinition = { ...behaviours, name: "reuse" };
    const first = returned(await run(invoker, fn, { action: "return" }));
    const second = returned(await run(invoker, fn, { action: "return" }));
    expect(second.pid).toBe(first.pid);
    expect(second.invocationsInThisProcess).toBe(first.invocationsInThisProcess + 1);

    const crash = await run(invoker, fn, { action: "exit" });
    expect(crash.result).toEqual({
      kind: "failed",
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${crash.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(crash.logs.map((l) => l.line)).toEqual(["about to exit"]);

    const after = returned(await run(invoker, fn, { action: "return" }));
    expect(after.pid).not.toBe(first.pid);
    expect(after.invocationsInThisProcess).toBe(1);
  });

  it("kills a handler that runs past its timeout and reports Sandbox.Timedout", async () => {
    const fn: FunctionDefinition = { ...behaviours, name: "slow", timeoutSeconds: 1 };
    const hung = await run(invoker, fn, { action: "hang" });
    expect(hung.result).toEqual({
      kind: "failed",
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${hung.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(hung.logs.map((l) => l.line)).toContain("hanging");
    // The killed process is not reused: the next invocation starts fresh.
    expect(returned(await run(invoker, fn, { action: "return" })).invocationsInThisProcess).toBe(1);
  });

  it("fails an invocation on an unhandled rejection and discards the process", async () => {
    const fn: FunctionDefinition = { ...behaviours, name: "rejects" };
    const before = returned(await run(invoker, fn, { action: "return" }));
    const r = await run(invoker, fn, { action: "reject-later" });
    expect(r.result).toEqual({
      kind: "failed",
      errorType: "Runtime.UnhandledPromiseRejection",
      errorMessage: "TypeError: nobody awaited me",
    });
    expect(returned(await run(invoker, fn, { action: "return" })).pid).not.toBe(before.pid);
  });

  it("attributes stdout and stderr lines to the invocation that wrote them", async () => {
    const fn: FunctionDefinition = { ...behaviours, name: "logger" };
    const a = await run(invoker, fn, { action: "log", tag: "A" });
    const b = await run(invoker, fn, { action: "log", tag: "B" });
    expect(returned(a).pid).toBe(returned(b).pid);
    const view = (r: Run) => r.logs.map((l) => `${l.stream}:${l.line}`).sort();
    expect(view(a)).toEqual(["stderr:err A", "stdout:out A", "stdout:partial A"]);
    expect(view(b)).toEqual(["stderr:err B", "stdout:out B", "stdout:partial B"]);
    for (const line of [...a.logs, ...b.logs]) expect(line.timeMs).toBeGreaterThan(0);
  });

  it("runs concurrent invocations of one function in separate processes", async () => {
    const fn: FunctionDefinition = { ...behaviours, name: "concurrent" };
    const [one, two] = await Promise.all([
      run(invoker, fn, { action: "log", tag: "one" }),
      run(invoker, fn, { action: "log", tag: "two" }),
    ]);
    expect(returned(one).pid).not.toBe(returned(two).pid);
    expect(one.logs.map((l) => l.line)).toContain("out one");
    expect(one.logs.map((l) => l.line)).not.toContain("out two");
    expect(two.logs.map((l) => l.line)).toContain("out two");
  });

  it("queues invocations beyond maxConcurrencyPerFunction for a warm process instead of spawning more", async () => {
    const limited = new WorkerInvoker({ maxConcurrencyPerFunction: 1 });
    try {
      const fn: FunctionDefinition = { ...behaviours, name: "limited" };
      const runs = await Promise.all(["a", "b", "c"].map((tag) => run(limited, fn, { action: "log", tag })));
      const pids = new Set(runs.map((r) => returned(r).pid));
      expect(pids.size).toBe(1); // one process served all three, one after another
      expect(limited.processCount).toBe(1);
      runs.forEach((r, i) => {
        const tag = "abc"[i];
        expect(r.logs.map((l) => l.line).sort()).toEqual([`err ${tag}`, `out ${tag}`, `partial ${tag}`]);
      });
    } finally {
      await limited.close();
    }
  });

  it("runs a TypeScript handler that imports a workspace package", async () => {
    const fn: FunctionDefinition = {
      name: "typed",
      module: fixture("typed-workspace.ts"),
      timeoutSeconds: 20,
    };
    const r = await run(invoker, fn, { side: 4 });
    expect(r.result).toEqual({ kind: "returned", value: { shape: "square", area: 16, sdkLoaded: true } });
  });

  it("runs a callback-style JavaScript handler", async () => {
    const fn: FunctionDefinition = {
      name: "callback",
      module: fixture("callback-style.js"),
      timeoutSeconds: 20,
    };
    const r = await run(invoker, fn, { n: 21 });
    expect(r.result).toEqual({ kind: "returned", value: { doubled: 42, requestId: r.requestId } });
  });

  it("reports a module that cannot be loaded as Runtime.ImportModuleError", async () => {
    const missing = await run(invoker, { name: "missing", module: fixture("does-not-exist.ts") }, {});
    expect(missing.result).toMatchObject({ kind: "failed", errorType: "Runtime.ImportModuleError" });
    const throwing = await run(invoker, { name: "throwing", module: fixture("throws-on-import.ts") }, {});
    expect(throwing.result).toEqual({
      kind: "failed",
      errorType: "Runtime.ImportModuleError",
      errorMessage: "Error: configuration missing at load time",
    });
  });

  it("limits a cold worker's init phase separately from the function timeout", async () => {
    const own = new WorkerInvoker({ initTimeoutMs: 300 });
    try {
      const r = await run(own, { name: "stuck", module: fixture("never-loads.ts"), timeoutSeconds: 60 }, {});
      expect(r.result).toEqual({
        kind: "failed",
        errorType: "Sandbox.Timedout",
        errorMessage: `RequestId: ${r.requestId} Error: Init phase timed out after 0.30 seconds`,
      });
    } finally {
      await own.close();
    }
  });

  it("reports a missing export as Runtime.HandlerNotFound", async () => {
    const r = await run(invoker, { name: "noexport", module: fixture("behaviours.ts"), export: "nope" }, {});
    expect(r.result).toEqual({
      kind: "failed",
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "behaviours.nope is undefined or not exported",
    });
  });

  it("keeps at most maxIdleProcesses idle workers, ending the least recently used", async () => {
    const own = new WorkerInvoker({ maxIdleProcesses: 2 });
    try {
      const pidOf = async (name: string) =>
        returned(await run(own, { ...behaviours, name }, { action: "return" })).pid;
      const a = await pidOf("lru-a");
      const b = await pidOf("lru-b");
      expect(await pidOf("lru-a")).toBe(a); // a is now the most recently used
      await pidOf("lru-c"); // a third idle worker evicts b, the least recently used
      expect(own.idleCount).toBe(2);
      expect(await pidOf("lru-a")).toBe(a);
      expect(await pidOf("lru-b")).not.toBe(b);
    } finally {
      await own.close();
    }
  });

  it("ends every process on close", async () => {
    const own = new WorkerInvoker();
    await run(own, { ...behaviours, name: "closing" }, { action: "return" });
    expect(own.processCount).toBe(1);
    await own.close();
    expect(own.processCount).toBe(0);
    await expect(run(own, behaviours, { action: "return" })).rejects.toThrow(/after close/);
  });
});
