import { resolve } from "node:path";
import type { Clock } from "./scheduler/clock.js";
import { RealClock, VirtualClock } from "./scheduler/clock.js";
import { DurableEngine, type DurableEngineOptions } from "./engine/engine.js";
import type { FunctionDefinition, InvocationLogLine, Invoker } from "./invoker/invoker.js";
import { InProcessInvoker } from "./invoker/in-process.js";
import { WorkerInvoker } from "./invoker/worker-invoker.js";
import { SqliteStore } from "./store/sqlite.js";
import { MemoryStore } from "./store/memory.js";
import type { Store } from "./store/store.js";
import { startHttpServer, type ExtraHandler } from "./http/server.js";
import { createUiHandler } from "./ui/index.js";

export interface LocalServiceOptions {
  /** 0 (default) = an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A file path, ":memory:" (SQLite in memory), "memory" (the plain in-memory store) or a Store; default .durable/durable.db. */
  database?: string | Store;
  /** "real" (default), "virtual", or a Clock instance. */
  clock?: "real" | "virtual" | Clock;
  functions?: FunctionDefinition[];
  /** Overrides of the engine's tunables (page size, limits, invocation retry policy). */
  engine?: Pick<
    DurableEngineOptions,
    "statePageSize" | "limits" | "maxConsecutiveInvocationFailures" | "invocationRetryDelayMs"
  >;
  /** Invoker for functions with `module` (default: a WorkerInvoker). */
  moduleInvoker?: Invoker;
  /** Extra HTTP handler for non-API paths; default: the timeline UI under /ui. */
  extraHandler?: ExtraHandler;
}

/** A running local durable execution service. */
export interface LocalService {
  url: string;
  engine: DurableEngine;
  clock: Clock;
  registerFunction(def: FunctionDefinition): void;
  logs(executionArn: string): InvocationLogLine[];
  close(): Promise<void>;
}

/**
 * Starts the local durable execution service: engine, store, scheduler and the Lambda REST API on 127.0.0.1.
 *
 * @example
 * ```ts
 * const svc = await startLocalService({ database: ":memory:", clock: "virtual",
 *   functions: [{ name: "echo", module: "/abs/path/handler.ts" }] });
 * const client = new LambdaClient({ endpoint: svc.url, region: "us-east-1",
 *   credentials: { accessKeyId: "x", secretAccessKey: "x" } });
 * await svc.close();
 * ```
 */
export async function startLocalService(options: LocalServiceOptions = {}): Promise<LocalService> {
  const clock: Clock =
    options.clock === "virtual"
      ? new VirtualClock()
      : options.clock === undefined || options.clock === "real"
        ? new RealClock()
        : options.clock;
  const database = options.database ?? resolve(".durable/durable.db");
  const store: Store =
    typeof database !== "string"
      ? database
      : database === "memory"
        ? new MemoryStore()
        : new SqliteStore(database);
  const inProcess = new InProcessInvoker();
  const moduleInvoker = options.moduleInvoker ?? new WorkerInvoker();
  const engine = new DurableEngine({
    ...options.engine,
    store,
    clock,
    invokerFor: (def) => (def.handler !== undefined ? inProcess : moduleInvoker),
  });
  for (const def of options.functions ?? []) engine.registerFunction(def);
  const server = await startHttpServer({
    engine,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    extraHandler: options.extraHandler ?? createUiHandler({ listFunctions: () => engine.functions.names() }),
  });
  engine.serviceUrl = server.url;
  engine.start();
  let closed = false;
  return {
    url: server.url,
    engine,
    clock,
    registerFunction: (def) => engine.registerFunction(def),
    logs: (arn) => engine.logs(arn),
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
      await engine.close();
      await Promise.allSettled([moduleInvoker.close(), inProcess.close()]);
      store.close();
    },
  };
}
