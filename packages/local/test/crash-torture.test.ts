// SIGKILL torture of the local service on one SQLite file: real SDK workflows in worker processes, the service killed
// inside a checkpoint's transaction, mid-invocation and with only wait timers pending, restarted each time; in the
// end every execution must succeed with an intact history. (crash-recovery.test.ts covers the single hand-scripted
// case; this one drives the real SDK through several crashes.)
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { GetDurableExecutionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { SqliteStore, type Store } from "@durable-lambda/local";
import { history, lambdaClient, until } from "./helpers.js";
import { KILLED_IN_CHECKPOINT, type KilledCheckpoint } from "./fixtures/crash-torture-killing-store.js";
import type { TortureInput } from "./fixtures/crash-torture-workflow.js";

const SERVICE_ENTRY = fileURLToPath(new URL("./fixtures/crash-torture-service.ts", import.meta.url));
const INPUTS: TortureInput[] = [
  { id: "a", n: 1 },
  { id: "b", n: 2 },
  { id: "c", n: 3 },
  { id: "d", n: 4 },
];
/** Which checkpoint transaction (counted over all executions) the first service instance dies in. */
const KILL_AT_CHECKPOINT = 6;
/** Polls of 5 ms each (helpers' `until`), plus the time each poll takes: ~60 s or more on a loaded machine. */
const PATIENCE = 12_000;
const STEP_NAMES = ["add-one", "double", "item-1", "item-2", "item-3", "prepare", "summarize"];

/** The workflow's result for `input`, computed independently of the workflow module. */
function expectedResult({ id, n }: TortureInput): unknown {
  const enriched = (n * 10 + 1) * 2;
  return { id, total: 3 * enriched + 1 + 2 + 3 };
}

interface ServiceChild {
  process: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started = new Set<ChildProcess>();
const dirs: string[] = [];

/** SIGKILLs a child's whole process group: the service and the worker processes it forked. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

afterEach(() => {
  // Only children a failed test left behind; groups already killed and reaped were dropped from the set.
  for (const child of started) killGroup(child);
  started.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startServiceChild(
  database: string,
  stepLog: string,
  killAtCheckpoint = 0,
): Promise<ServiceChild> {
  // Its own process group, so one kill takes the service and its workers down together.
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", SERVICE_ENTRY, database, stepLog],
    {
      detached: true,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, CRASH_TORTURE_KILL_AT_CHECKPOINT: String(killAtCheckpoint) },
    },
  );
  started.add(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await Promise.race([
    new Promise<string>((resolve) => {
      const check = (): void => {
        const match = /URL (\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
        else setTimeout(check, 5);
      };
      check();
    }),
    exited.then(({ code, signal }) => {
      throw new Error(`the service child exited early (${code ?? signal}): ${output}`);
    }),
  ]);
  return { process: child, url, output: () => output, exited };
}

async function killService(child: ServiceChild): Promise<void> {
  killGroup(child.process);
  const { signal } = await child.exited;
  started.delete(child.process);
  expect(signal).toBe("SIGKILL");
}

/** Opens the database file with the service's own store (the child is dead or only reading concurrently). */
function withStore<T>(database: string, read: (store: Store) => T): T {
  const store = new SqliteStore(database);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** After a kill: every execution whose invocation was live is owed exactly one Runtime.ExitError on restart. */
function countInterrupted(database: string, owed: Map<string, number>): number {
  return withStore(database, (store) => {
    let interrupted = 0;
    for (const record of store.listRunningExecutions()) {
      if (record.invocation !== "running") continue;
      owed.set(record.arn, (owed.get(record.arn) ?? 0) + 1);
      interrupted++;
    }
    return interrupted;
  });
}

/** Step-log lines written after byte `offset` (the workflow logs "start <id>/<step>" and "end <id>/<step>"). */
function stepLinesAfter(stepLog: string, offset: number): string[] {
  return readFileSync(stepLog, "utf8").slice(offset).split("\n").filter(Boolean);
}

const TERMINAL_EVENT = /^(?!Invocation).*(Succeeded|Failed|TimedOut|Stopped|Cancelled)$/;

describe("the local service survives SIGKILL at any point", () => {
  it("finishes every execution with an intact history after kills in a checkpoint transaction, mid-invocation and with timers pending", async () => {
    const dir = mkdtempSync(join(tmpdir(), "durable-crash-torture-"));
    dirs.push(dir);
    const database = join(dir, "durable.db");
    const stepLog = join(dir, "steps.log");
    writeFileSync(stepLog, "");
    /** Runtime.ExitError InvocationCompleted events each execution is owed (one per interrupted invocation). */
    const owedExitErrors = new Map<string, number>();

    // Round 1: the service kills itself inside the K-th checkpoint transaction, before the commit.
    const first = await startServiceChild(database, stepLog, KILL_AT_CHECKPOINT);
    const client = lambdaClient(first.url);
    const arns = await Promise.all(
      INPUTS.map(async (input) => {
        const response = await client.send(
          new InvokeCommand({
            FunctionName: "torture:$LATEST",
            InvocationType: "Event",
            DurableExecutionName: `torture-${input.id}`,
            Payload: Buffer.from(JSON.stringify(input)),
          }),
        );
        return response.DurableExecutionArn ?? "";
      }),
    );
    client.destroy();
    await until(
      () => first.process.exitCode !== null || first.process.signalCode !== null,
      `the first service to die in checkpoint transaction ${KILL_AT_CHECKPOINT}`,
      PATIENCE,
    );
    const exit = await first.exited;
    killGroup(first.process); // its workers exit on their own when the IPC channel drops; make sure
    started.delete(first.process);
    expect(exit.signal).toBe("SIGKILL");
    const line = first
      .output()
      .split("\n")
      .find((l) => l.startsWith(KILLED_IN_CHECKPOINT));
    expect(line, "the first service must die inside a checkpoint transaction").toBeDefined();
    const killed = JSON.parse((line ?? "").slice(KILLED_IN_CHECKPOINT.length)) as KilledCheckpoint;
    expect(arns).toContain(killed.arn);
    expect(killed.events.length).toBeGreaterThan(0);
    const firstKilledId = Math.min(...killed.events.map((e) => e.EventId));
    withStore(database, (store) => {
      // Nothing of the uncommitted checkpoint reached the file: no event, and the event counter did not move.
      expect(
        store.readEvents(killed.arn, { afterId: firstKilledId - 1, limit: 1000, reverse: false }),
      ).toEqual([]);
      expect(store.getExecution(killed.arn)?.eventCount).toBe(firstKilledId - 1);
      // …and no operation row changed: operations it started do not exist, operations it ended are still open.
      const committedIds = new Set(
        store
          .readEvents(killed.arn, { limit: 10_000, reverse: false })
          .flatMap((e) => (e.Id === undefined ? [] : [e.Id])),
      );
      const rows = new Map(store.listOperations(killed.arn).map((row) => [row.op.Id, row.op]));
      for (const { EventType, Id } of killed.events) {
        if (Id === undefined) continue;
        if (!committedIds.has(Id))
          expect(rows.get(Id), `operation ${Id} of the killed checkpoint`).toBeUndefined();
        else if (TERMINAL_EVENT.test(EventType)) expect(rows.get(Id)?.Status).toBe("STARTED");
      }
    });
    expect(countInterrupted(database, owedExitErrors)).toBeGreaterThan(0);

    // Round 2: killed from outside while a worker is in the middle of a (400 ms) map item step.
    const offset = statSync(stepLog).size;
    const second = await startServiceChild(database, stepLog);
    await until(
      () => stepLinesAfter(stepLog, offset).some((l) => /^start \w+\/item-\d$/.test(l)),
      "a worker running a map item step",
      PATIENCE,
    );
    await killService(second);
    expect(countInterrupted(database, owedExitErrors), "an invocation was live at the kill").toBeGreaterThan(
      0,
    );

    // Round 3: killed while no invocation is live or queued and the only thing pending is a wait timer.
    const third = await startServiceChild(database, stepLog);
    const watcher = new SqliteStore(database);
    try {
      await until(
        () => {
          const running = watcher.listRunningExecutions();
          const timers = watcher.listTimers();
          const waiting = new Set(timers.filter((t) => t.kind === "wait").map((t) => t.arn));
          return (
            running.length > 0 &&
            running.every((r) => r.invocation === "idle" && waiting.has(r.arn)) &&
            !timers.some((t) => t.kind === "invocation")
          );
        },
        "every running execution suspended in its wait",
        PATIENCE,
      );
      await killService(third);
    } finally {
      watcher.close();
    }
    countInterrupted(database, owedExitErrors); // normally none; a timer firing in the last instant is allowed for

    // Final round: a clean service on the same file drives everything to the end.
    const last = await startServiceChild(database, stepLog);
    const finalClient = lambdaClient(last.url);
    try {
      const statuses = new Map<string, { Status?: string; Result?: string }>();
      await until(
        async () => {
          for (const arn of arns) {
            if (statuses.get(arn)?.Status !== undefined && statuses.get(arn)?.Status !== "RUNNING") continue;
            statuses.set(
              arn,
              await finalClient.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn })),
            );
          }
          return [...statuses.values()].every((s) => s.Status !== "RUNNING");
        },
        "every execution terminal",
        PATIENCE,
      );

      for (const [index, input] of INPUTS.entries()) {
        const arn = arns[index] ?? "";
        const status = statuses.get(arn);
        expect(status?.Status, `${input.id} status`).toBe("SUCCEEDED");
        expect(JSON.parse(status?.Result ?? "null"), `${input.id} result`).toEqual(expectedResult(input));

        const { events } = await history(finalClient, arn);
        const types = events.map((e) => e.EventType as string);
        expect(
          events.map((e) => e.EventId),
          `${input.id}: EventIds 1..N`,
        ).toEqual(events.map((_, i) => i + 1));
        expect(types[0]).toBe("ExecutionStarted");
        expect(types.at(-1)).toBe("ExecutionSucceeded");
        expect(types.filter((t) => t === "ExecutionStarted")).toHaveLength(1);
        expect(types.filter((t) => t === "ExecutionSucceeded")).toHaveLength(1);

        const terminalsById = new Map<string, string[]>();
        const startedIds = new Set<string>();
        for (const event of events) {
          const type = event.EventType as string;
          const id = event.Id as string | undefined;
          if (id === undefined) continue;
          if (type.endsWith("Started")) startedIds.add(id);
          if (TERMINAL_EVENT.test(type)) terminalsById.set(id, [...(terminalsById.get(id) ?? []), type]);
        }
        for (const [id, terminals] of terminalsById) {
          expect(terminals, `${input.id}: terminal events of operation ${id}`).toHaveLength(1);
        }
        for (const id of startedIds) {
          expect(terminalsById.has(id), `${input.id}: operation ${id} started but never completed`).toBe(
            true,
          );
        }
        const succeededSteps = events
          .filter((e) => e.EventType === "StepSucceeded")
          .map((e) => e.Name as string)
          .sort();
        expect(succeededSteps, `${input.id}: each step succeeded exactly once`).toEqual(STEP_NAMES);

        const exitErrors = events.filter(
          (e) =>
            e.EventType === "InvocationCompleted" &&
            (e.InvocationCompletedDetails as { Error?: { Payload?: { ErrorType?: string } } } | undefined)
              ?.Error?.Payload?.ErrorType === "Runtime.ExitError",
        );
        expect(exitErrors.length, `${input.id}: Runtime.ExitError only for interrupted invocations`).toBe(
          owedExitErrors.get(arn) ?? 0,
        );

        if (arn === killed.arn) {
          // The checkpoint killed before its commit left no partial trace: all of its events (re-sent by the SDK
          // after the restart) or none of them.
          const keys = new Set(
            events.map((e) => `${e.EventType as string} ${(e.Id as string | undefined) ?? ""}`),
          );
          const present = killed.events.filter((e) => keys.has(`${e.EventType} ${e.Id ?? ""}`));
          expect([0, killed.events.length], `${input.id}: events of the killed checkpoint`).toContain(
            present.length,
          );
        }
      }
    } finally {
      finalClient.destroy();
      await killService(last);
    }
  }, 240_000);
});
