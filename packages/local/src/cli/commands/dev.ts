/**
 * `durable dev <module...>`: runs the local durable service with each module's handler registered as a
 * function named after its file (`src/order-flow.ts` → `order-flow`), stores executions in SQLite under
 * `.durable/`, and keeps running until interrupted.
 */
import { existsSync, mkdirSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { startLocalService } from "../../index.js";
import type { Invoker } from "../../invoker/invoker.js";
import { WorkerInvoker } from "../../invoker/worker-invoker.js";
import type { CliContext, CliIo } from "../cli-context.js";
import { CliUsageError } from "../cli-error.js";
import { parseCommandArgs } from "../parse-command-args.js";
import { DEV_USAGE } from "./dev-usage.js";

/** Resolves when the process is asked to stop; tests and hosts may pass their own. */
export type StopSignal = Promise<unknown>;

/**
 * Resolves on the first SIGINT or SIGTERM. The listeners stay until the process ends, so a second signal
 * (an impatient second Ctrl-C, or one forwarded by a wrapper) cannot cut the graceful close short.
 */
function processStopSignal(): StopSignal {
  return new Promise((resolveStop) => {
    process.on("SIGINT", resolveStop);
    process.on("SIGTERM", resolveStop);
  });
}

/**
 * Runs `durable dev` until `stop` resolves (default: SIGINT or SIGTERM).
 *
 * @example
 * ```ts
 * await devCommand(["src/order-flow.ts", "--port", "8787"], ctx);
 * ```
 */
export async function devCommand(args: string[], ctx: CliContext, stop?: StopSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      port: { type: "string" },
      host: { type: "string" },
      db: { type: "string" },
      "virtual-time": { type: "boolean" },
      export: { type: "string" },
      timeout: { type: "string" },
      quiet: { type: "boolean" },
    },
    DEV_USAGE,
  );
  if (positionals.length === 0) throw new CliUsageError(`missing handler module (usage: ${DEV_USAGE})`);
  const port = parseInteger(values.port ?? portFromEndpoint(ctx.endpoint), "--port", 0, 65535);
  const timeoutSeconds =
    values.timeout === undefined ? undefined : parseInteger(values.timeout, "--timeout", 1, 900);
  const functions = positionals.map((path) => {
    const module = resolve(path);
    if (!existsSync(module)) throw new CliUsageError(`handler module not found: ${path}`);
    return {
      name: basename(module, extname(module)),
      module,
      export: values.export ?? "handler",
      ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    };
  });
  const seen = new Set<string>();
  for (const fn of functions) {
    if (seen.has(fn.name))
      throw new CliUsageError(`two modules would both be registered as function "${fn.name}"`);
    seen.add(fn.name);
  }
  const database = values.db ?? ".durable/durable.db";
  if (database !== ":memory:") mkdirSync(dirname(resolve(database)), { recursive: true });

  const workers = new WorkerInvoker();
  const service = await startLocalService({
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
    database,
    clock: values["virtual-time"] === true ? "virtual" : "real",
    functions,
    moduleInvoker: values.quiet === true ? workers : echoLogs(workers, ctx.io),
  }).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === "EADDRINUSE") {
      throw new Error(
        `port ${port} is already in use; pass --port 0 for a free port, or stop the other service`,
      );
    }
    throw error;
  });
  const { io } = ctx;
  io.stdout(`Durable service listening on ${service.url}\n`);
  io.stdout(
    `  database: ${database}${values["virtual-time"] === true ? "  (virtual time: waits and timeouts elapse at once)" : ""}\n`,
  );
  for (const fn of functions) io.stdout(`  function: ${fn.name}  ${fn.module}#${fn.export}\n`);
  io.stdout(`  timeline: ${service.url}/ui\n`);
  const example = functions[0]?.name ?? "<function>";
  io.stdout(`Invoke it:\n  durable invoke ${example} --payload '{}' --endpoint ${service.url}\n`);
  io.stdout(
    `  (or export DURABLE_ENDPOINT=${service.url}; AWS SDKs: AWS_ENDPOINT_URL_LAMBDA=${service.url})\n`,
  );

  await (stop ?? processStopSignal());
  io.stdout("Stopping the durable service…\n");
  await service.close();
  return 0;
}

/**
 * Shows the functions' output in the terminal as it is captured, prefixed with the function name and the
 * invocation's request id (the service keeps recording it per execution as well).
 */
function echoLogs(workers: Invoker, io: CliIo): Invoker {
  return {
    invoke: (req) =>
      workers.invoke({
        ...req,
        onLog: (line) => {
          req.onLog(line);
          const marker = line.stream === "stderr" ? "!" : "|";
          io.stdout(`[${req.fn.name} ${req.requestId.slice(0, 8)}] ${marker} ${line.line}\n`);
        },
      }),
    close: () => workers.close(),
  };
}

function portFromEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return url.port === "" ? "8787" : url.port;
  } catch {
    return "8787";
  }
}

function parseInteger(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliUsageError(`${option} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}
