/**
 * A whole conformance run: discover requirements and handlers, start the local service (ephemeral port,
 * in-memory store, the chosen clock) with one function per requirement plus the invoke targets, run the
 * requirements a few at a time through a real `LambdaClient`, save each actual history and report.
 *
 * @example
 * const result = await runConformance({ requirementsDir, handlersDir, targetsDir, time: "virtual", concurrency: 4 });
 * if (result.kind === "ran") console.log(summaryLine(result.outcomes));
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { startLocalService, type FunctionDefinition, type LocalService } from "@durable-lambda/local";
import { findRequirementFiles, handlerFile, type RequirementFile } from "./discover.js";
import { lambdaApi, localLambdaClient, type ConformanceApi } from "./lambda-api.js";
import { toPlainJson } from "./py-value.js";
import { failureDetails, type Outcome } from "./report.js";
import { loadRequirement, type Requirement } from "./requirement.js";
import { runRequirement, type RequirementRun } from "./run-requirement.js";
import { realTime, virtualTime, type RunnerTime } from "./runner-time.js";

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  requirementsDir: string;
  handlersDir: string;
  targetsDir: string;
  /** Only these suites (folder names); all when empty or absent. */
  suites?: readonly string[];
  /** Only these ids; all when empty or absent. */
  ids?: readonly string[];
  time: "virtual" | "real";
  concurrency: number;
  /** Where to save each actual history as `<id>.json`; nothing is saved when absent. */
  resultsDir?: string;
  /** Wall-clock guard per requirement (default 5 minutes): a hung service call fails the requirement. */
  requirementTimeoutMs?: number;
  /** Called as each requirement finishes (for streaming output). */
  onOutcome?: (outcome: Outcome) => void;
}

/** The result of a run: the requirements folder may be absent, which is not a failure. */
export type ConformanceResult =
  { kind: "absent"; requirementsDir: string } | { kind: "ran"; outcomes: Outcome[] };

/** An invoke target the runner registers and announces to handlers through an environment variable. */
interface InvokeTarget {
  env: string;
  module: string;
  functionName: string;
  /** Plain (non-durable) targets return their value directly; see conformance/handlers/README.md. */
  durable: boolean;
}

const TARGETS: readonly InvokeTarget[] = [
  { env: "CONFORMANCE_ECHO_FUNCTION", module: "echo", functionName: "conformance-echo", durable: true },
  {
    env: "CONFORMANCE_FAILING_FUNCTION",
    module: "always-failing",
    functionName: "conformance-always-failing",
    durable: true,
  },
  {
    env: "CONFORMANCE_LARGE_PAYLOAD_FUNCTION",
    module: "large-payload",
    functionName: "conformance-large-payload",
    durable: false,
  },
  {
    env: "CONFORMANCE_SECOND_FUNCTION",
    module: "second",
    functionName: "conformance-second",
    durable: false,
  },
];

/** A requirement ready to run (its handler exports `handler`). */
interface Runnable {
  req: Requirement;
  module: string;
}

/** Runs the selected requirements; see the module comment. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceResult> {
  const files = findRequirementFiles(options.requirementsDir);
  if (files === undefined) return { kind: "absent", requirementsDir: options.requirementsDir };

  const outcomes: Outcome[] = [];
  const report = (o: Outcome): void => {
    outcomes.push(o);
    options.onOutcome?.(o);
  };
  const runnables: Runnable[] = [];
  for (const file of select(files, options)) {
    const prepared = await prepare(file, options.handlersDir);
    if ("verdict" in prepared) report(prepared);
    else runnables.push(prepared);
  }
  if (runnables.length > 0) await runAll(runnables, options, report);
  return { kind: "ran", outcomes };
}

function select(files: RequirementFile[], options: ConformanceOptions): RequirementFile[] {
  const suites = options.suites ?? [];
  const ids = options.ids ?? [];
  return files.filter(
    (f) => (suites.length === 0 || suites.includes(f.suite)) && (ids.length === 0 || ids.includes(f.id)),
  );
}

async function prepare(file: RequirementFile, handlersDir: string): Promise<Runnable | Outcome> {
  const base = { id: file.id, suite: file.suite, details: [] };
  let req: Requirement;
  try {
    req = loadRequirement(file.file);
  } catch (e) {
    return { ...base, verdict: "FAILED", title: "(unreadable requirement)", reason: (e as Error).message };
  }
  const title = req.description.replace(/\s+/g, " ").trim();
  const module = handlerFile(handlersDir, file.suite, file.id);
  if (module === undefined) {
    const expected = join(relative(process.cwd(), handlersDir) || ".", file.suite, `${file.id}.ts`);
    return { ...base, verdict: "UNCOVERED", title, reason: `no handler module (expected ${expected})` };
  }
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  } catch (e) {
    return { ...base, verdict: "FAILED", title, reason: `cannot load ${module}: ${(e as Error).message}` };
  }
  if (typeof exports["notImplemented"] === "string") {
    return { ...base, verdict: "NOT_IMPLEMENTED", title, reason: exports["notImplemented"] };
  }
  if (typeof exports["handler"] !== "function") {
    return {
      ...base,
      verdict: "FAILED",
      title,
      reason: `${module} exports neither handler nor notImplemented`,
    };
  }
  return { req, module };
}

async function runAll(
  runnables: Runnable[],
  options: ConformanceOptions,
  report: (o: Outcome) => void,
): Promise<void> {
  const environment: Record<string, string> = {};
  const functions: FunctionDefinition[] = [];
  for (const target of TARGETS) {
    const module = handlerFile(options.targetsDir, ".", target.module);
    if (module === undefined) continue;
    environment[target.env] = target.functionName;
    functions.push({
      name: target.functionName,
      module,
      export: "handler",
      environment,
      durable: target.durable,
    });
  }
  for (const { req, module } of runnables)
    functions.push({ name: req.id, module, export: "handler", environment });

  const svc = await startLocalService({
    port: 0,
    database: ":memory:",
    clock: options.time,
    functions,
  });
  const client = localLambdaClient(svc.url);
  try {
    const time = options.time === "virtual" ? virtualTime(svc.clock) : realTime();
    const api = lambdaApi(client);
    if (options.resultsDir !== undefined) mkdirSync(options.resultsDir, { recursive: true });
    await forEachConcurrently(runnables, Math.max(1, options.concurrency), async ({ req }) => {
      const started = Date.now();
      const run = await guarded(req, api, time, svc, options.requirementTimeoutMs ?? 300_000);
      if (options.resultsDir !== undefined) saveRun(options.resultsDir, req, run);
      report(outcomeOf(req, run, Date.now() - started));
    });
  } finally {
    client.destroy();
    await closeKeepingProcessAlive(svc);
  }
}

/**
 * Closes the service while holding the event loop open: the worker invoker unrefs idle worker processes, so
 * without this the process could exit while `close()` waits for them (and skip the report's last lines).
 */
async function closeKeepingProcessAlive(svc: LocalService): Promise<void> {
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    await svc.close();
  } finally {
    clearInterval(keepAlive);
  }
}

async function guarded(
  req: Requirement,
  api: ConformanceApi,
  time: RunnerTime,
  svc: LocalService,
  timeoutMs: number,
): Promise<RequirementRun> {
  let timer: NodeJS.Timeout | undefined;
  const abandon = new AbortController();
  const timeout = new Promise<RequirementRun>((resolve) => {
    timer = setTimeout(() => {
      abandon.abort();
      const message = `runner guard: no verdict after ${timeoutMs / 1000} s of wall-clock time`;
      resolve({
        passed: false,
        errors: [message],
        diff: [],
        arn: undefined,
        events: undefined,
        bindings: [],
        logRecords: undefined,
        historyOutline: undefined,
      });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      runRequirement(req, { api, time, logs: (arn) => svc.logs(arn), functionName: req.id }, abandon.signal),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function outcomeOf(req: Requirement, run: RequirementRun, durationMs: number): Outcome {
  const base = {
    id: req.id,
    suite: req.suite,
    title: req.description.replace(/\s+/g, " ").trim(),
    durationMs,
  };
  if (run.passed) return { ...base, verdict: "PASSED", details: [], arn: run.arn };
  return {
    ...base,
    verdict: req.optional ? "OPTIONAL_FAILED" : "FAILED",
    reason: run.errors[0] ?? "failed",
    details: failureDetails(run),
    arn: run.arn,
  };
}

function saveRun(dir: string, req: Requirement, run: RequirementRun): void {
  const saved = {
    id: req.id,
    suite: req.suite,
    passed: run.passed,
    errors: run.errors,
    DurableExecutionArn: run.arn ?? null,
    placeholders: Object.fromEntries(run.bindings.map(([k, v]) => [k, toPlainJson(v)])),
    Events: run.events?.map((e) => toPlainJson(e)) ?? null,
    LogRecords:
      run.logRecords?.map((r) => ({ timeMs: r.timeMs, ...(toPlainJson(r.fields) as object) })) ?? null,
  };
  writeFileSync(join(dir, `${req.id}.json`), `${JSON.stringify(saved, null, 2)}\n`);
}

async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
