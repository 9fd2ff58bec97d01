/**
 * The worker-process invoker: runs functions registered with a `module` in child processes, isolated from
 * the service, the way Lambda runs them in execution environments.
 *
 * Warm reuse: idle processes are pooled per function, version, module, export, environment and service
 * URL; each process runs one invocation at a time, so concurrent invocations get separate processes. A
 * process that crashed, exited, timed out or failed to load its module is discarded, never reused.
 */
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ConcurrencyLimit } from "./concurrency-limit.js";
import type { InvocationRequest, InvocationResult, Invoker } from "./invoker.js";
import {
  logStreamName,
  workerContextFields,
  workerEnvironment,
  type WorkerEnvironmentSettings,
} from "./worker-environment.js";
import { WorkerProcess } from "./worker-process.js";

/** Options of {@link WorkerInvoker}. */
export interface WorkerInvokerOptions {
  /**
   * Invocations of one function configuration running at once; default twice the CPU count (at least 4).
   * Further invocations wait, first come first served, for a warm process; their timeout starts when they run.
   */
  maxConcurrencyPerFunction?: number;
  /** Idle processes kept per function configuration; default the concurrency limit. */
  maxIdlePerFunction?: number;
  /**
   * Idle processes kept in all; default 12. Beyond it the least recently used idle process ends, so a
   * service with many functions (the conformance suite registers one per requirement) stays small.
   */
  maxIdleProcesses?: number;
  /** Region in the environment and in ARNs; default "us-east-1". */
  region?: string;
  /** Account id for `invokedFunctionArn` when the payload carries no execution ARN; default "123456789012". */
  accountId?: string;
  /** `context.memoryLimitInMB` and AWS_LAMBDA_FUNCTION_MEMORY_SIZE; default 128. */
  memoryLimitInMB?: number;
  /** Working directory of worker processes; default the service's. */
  cwd?: string;
  /**
   * Limit of a cold worker's init phase (starting Node and loading the module), in milliseconds; default
   * 10 000 as in Lambda. Init time does not count against the function's timeout.
   */
  initTimeoutMs?: number;
}

/** Every live worker of every invoker, so none outlives the host process. */
const liveWorkers = new Set<WorkerProcess>();
let exitHookInstalled = false;

function track(worker: WorkerProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const live of liveWorkers) live.killNow();
    });
  }
  liveWorkers.add(worker);
}

let cachedEntry: string | undefined;

/** The worker entry script: beside this file in the sources, or the shipped sources when bundled in dist/. */
function workerEntry(): string {
  if (cachedEntry !== undefined) return cachedEntry;
  // The CommonJS bundle has no import.meta.url but has __dirname; ESM has the opposite.
  const here = typeof __dirname === "string" ? __dirname : dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "worker-entry.ts"), join(here, "..", "src", "invoker", "worker-entry.ts")];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined)
    throw new Error(`worker entry script not found; looked in ${candidates.join(", ")}`);
  cachedEntry = found;
  return found;
}

let cachedExecArgv: string[] | undefined;

/** TypeScript support in workers: tsx's loader, resolved from this package so any cwd works. */
function workerExecArgv(): string[] {
  cachedExecArgv ??= [
    "--conditions=source",
    "--import",
    pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href,
  ];
  return cachedExecArgv;
}

/**
 * Runs invocations in pooled worker processes.
 *
 * @example
 * ```ts
 * const invoker = new WorkerInvoker();
 * const result = await invoker.invoke({
 *   fn: { name: "echo", module: "/abs/echo.ts", timeoutSeconds: 30 }, version: "$LATEST",
 *   payload: { hello: "world" }, requestId: randomUUID(), serviceUrl: svc.url,
 *   deadlineMs: Date.now() + 30_000, onLog: (line) => console.log(line.stream, line.line),
 * });
 * await invoker.close();
 * ```
 */
export class WorkerInvoker implements Invoker {
  private readonly settings: WorkerEnvironmentSettings;
  private readonly maxIdle: number;
  private readonly maxIdleTotal: number;
  private readonly cwd: string;
  private readonly initTimeoutMs: number;
  /** Idle workers per pool key; a Set gives O(1) take, return and removal on exit. */
  private readonly idle = new Map<string, Set<WorkerProcess>>();
  /** Every idle worker with its pool key, least recently used first (Map keeps insertion order). */
  private readonly idleByAge = new Map<WorkerProcess, string>();
  private readonly workers = new Set<WorkerProcess>();
  private readonly concurrency: ConcurrencyLimit;
  private closed = false;

  constructor(options: WorkerInvokerOptions = {}) {
    this.settings = {
      region: options.region ?? "us-east-1",
      accountId: options.accountId ?? "123456789012",
      memoryLimitInMB: options.memoryLimitInMB ?? 128,
    };
    const concurrency = options.maxConcurrencyPerFunction ?? Math.max(4, 2 * availableParallelism());
    this.concurrency = new ConcurrencyLimit(concurrency);
    this.maxIdle = options.maxIdlePerFunction ?? concurrency;
    this.maxIdleTotal = options.maxIdleProcesses ?? 12;
    this.cwd = options.cwd ?? process.cwd();
    this.initTimeoutMs = options.initTimeoutMs ?? 10_000;
  }

  async invoke(req: InvocationRequest): Promise<InvocationResult> {
    if (this.closed) throw new Error("WorkerInvoker.invoke called after close()");
    if (req.fn.module === undefined || req.fn.module === "") {
      return {
        kind: "failed",
        errorType: "Runtime.ImportModuleError",
        errorMessage: `function ${req.fn.name} has no module to run in a worker process`,
      };
    }
    const key = poolKey(req);
    const queuedAt = Date.now();
    const slot = this.concurrency.acquire(key);
    if (slot !== undefined) {
      await slot;
      // Time spent queued is not the function's: its deadline starts when it runs.
      req = { ...req, deadlineMs: req.deadlineMs + (Date.now() - queuedAt) };
    }
    try {
      if (this.closed) throw new Error("WorkerInvoker closed while an invocation waited for a worker");
      const worker = this.acquire(key, req);
      try {
        return await worker.invoke(req, workerContextFields(req, this.settings, worker.logStream));
      } finally {
        this.release(key, worker);
      }
    } finally {
      this.concurrency.release(key);
    }
  }

  /** Number of live worker processes (busy or idle). */
  get processCount(): number {
    return this.workers.size;
  }

  /** Number of idle worker processes kept for reuse. */
  get idleCount(): number {
    return this.idleByAge.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.concurrency.releaseAll();
    this.idle.clear();
    this.idleByAge.clear();
    await Promise.all([...this.workers].map((worker) => worker.kill()));
  }

  private acquire(key: string, req: InvocationRequest): WorkerProcess {
    const pool = this.idle.get(key);
    if (pool !== undefined) {
      for (const worker of pool) {
        pool.delete(worker);
        this.idleByAge.delete(worker);
        if (worker.reusable) return worker;
      }
    }
    return this.spawn(key, req);
  }

  private spawn(key: string, req: InvocationRequest): WorkerProcess {
    const logStream = logStreamName(req.version, randomBytes(16).toString("hex"));
    const worker = new WorkerProcess(
      {
        entry: workerEntry(),
        execArgv: workerExecArgv(),
        env: workerEnvironment(req, this.settings, logStream),
        cwd: this.cwd,
        module: resolve(this.cwd, req.fn.module ?? ""),
        exportName: req.fn.export ?? "handler",
        logStream,
        initTimeoutMs: this.initTimeoutMs,
      },
      (exited) => {
        this.workers.delete(exited);
        liveWorkers.delete(exited);
        this.idle.get(key)?.delete(exited);
        this.idleByAge.delete(exited);
      },
    );
    this.workers.add(worker);
    track(worker);
    return worker;
  }

  private release(key: string, worker: WorkerProcess): void {
    if (this.closed || !worker.reusable) {
      void worker.kill();
      return;
    }
    let pool = this.idle.get(key);
    if (pool === undefined) {
      pool = new Set();
      this.idle.set(key, pool);
    }
    if (pool.size >= this.maxIdle) {
      void worker.kill();
      return;
    }
    pool.add(worker);
    this.idleByAge.set(worker, key);
    if (this.idleByAge.size > this.maxIdleTotal) this.evictLeastRecentlyUsed();
  }

  private evictLeastRecentlyUsed(): void {
    const oldest = this.idleByAge.entries().next();
    if (oldest.done === true) return;
    const [worker, key] = oldest.value;
    this.idleByAge.delete(worker);
    this.idle.get(key)?.delete(worker);
    void worker.kill();
  }
}

/** Workers are interchangeable only for the same code, version, configuration and service. */
function poolKey(req: InvocationRequest): string {
  const environment = Object.entries(req.fn.environment ?? {}).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return JSON.stringify([
    req.fn.name,
    req.version,
    req.fn.module,
    req.fn.export ?? "handler",
    req.serviceUrl,
    environment,
  ]);
}
