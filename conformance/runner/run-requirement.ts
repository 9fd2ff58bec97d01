/**
 * Runs one requirement against the service: fresh placeholders, Invoke (sync, or `Event` plus the polling
 * loop of the conformance README §4), history matching, ExpectedResult and ExpectedLogs.
 *
 * @example
 * const run = await runRequirement(req, { api, time, logs: (arn) => svc.logs(arn), functionName: req.id });
 * if (!run.passed) console.log(run.errors[0], run.diff.join("\n"));
 */
import { CallbackResponder, inheritWaitForCallbackNames } from "./callback-actions.js";
import { eventKey, indexEvents, matchHistory, type Mismatch } from "./history-match.js";
import type { ConformanceApi } from "./lambda-api.js";
import { matchLogs } from "./log-match.js";
import { executionLogRecords, type CapturedLine, type LogRecord } from "./log-records.js";
import { explainMismatch, outlineHistory } from "./mismatch-diff.js";
import { PlaceholderContext } from "./placeholders.js";
import { pyJsonDumps } from "./py-json.js";
import { isMapping, type PyMapping, type PyValue } from "./py-value.js";
import type { Requirement } from "./requirement.js";
import { checkExpectedResult } from "./result-check.js";
import { Busy, type RunnerTime } from "./runner-time.js";

/** What a requirement run needs from its surroundings. */
export interface RequirementDeps {
  api: ConformanceApi;
  time: RunnerTime;
  /** Captured output lines of an execution's invocations (`svc.logs`). */
  logs(arn: string): readonly CapturedLine[];
  functionName: string;
}

/** The outcome of one run. */
export interface RequirementRun {
  passed: boolean;
  /** Every failure, first one first. */
  errors: string[];
  /** Expected-vs-actual diff lines of the first mismatching event (empty when not a history mismatch). */
  diff: string[];
  arn: string | undefined;
  /** The last history fetched. */
  events: PyMapping[] | undefined;
  /** Placeholder bindings at the end, for the report. */
  bindings: Array<[string, PyValue]>;
  /** The execution's log records, when ExpectedLogs were checked (saved for diagnosis). */
  logRecords: LogRecord[] | undefined;
  /** One-line outline of the actual history when it did not match (see {@link outlineHistory}). */
  historyOutline: string | undefined;
}

const TERMINAL_EVENTS = new Set([
  "ExecutionSucceeded",
  "ExecutionFailed",
  "ExecutionTimedOut",
  "ExecutionCancelled",
]);

/**
 * Runs one requirement; never throws for a failing requirement. Aborting `signal` gives the run up: it stops
 * holding the clock (it may still finish in the background, but its verdict is no longer wanted).
 */
export async function runRequirement(
  req: Requirement,
  deps: RequirementDeps,
  signal?: AbortSignal,
): Promise<RequirementRun> {
  const run = new Run(req, deps);
  signal?.addEventListener("abort", () => run.busy.abandon(), { once: true });
  try {
    await run.execute();
  } catch (e) {
    run.errors.push(`${(e as Error).name}: ${(e as Error).message}`);
  } finally {
    run.busy.release();
  }
  return run.result();
}

class Run {
  readonly ctx = new PlaceholderContext();
  readonly busy: Busy;
  readonly errors: string[] = [];
  diff: string[] = [];
  arn: string | undefined;
  events: PyMapping[] | undefined;
  logRecords: LogRecord[] | undefined;
  historyOutline: string | undefined;

  constructor(
    private readonly req: Requirement,
    private readonly deps: RequirementDeps,
  ) {
    this.busy = new Busy(deps.time);
  }

  result(): RequirementRun {
    return {
      passed: this.errors.length === 0,
      errors: this.errors,
      diff: this.diff,
      arn: this.arn,
      events: this.events,
      bindings: this.ctx.entries(),
      logRecords: this.logRecords,
      historyOutline: this.historyOutline,
    };
  }

  async execute(): Promise<void> {
    this.ctx.bindVariables(this.req.variables);
    const payload = pyJsonDumps(this.ctx.substitute(this.req.input));
    const type = this.req.asyncInvoke ? "Event" : "RequestResponse";
    // A sync Invoke returns only when the whole execution is terminal, which may need virtual time to pass.
    const invoke = () => this.deps.api.invoke(this.deps.functionName, payload, type);
    const outcome = this.req.asyncInvoke ? await invoke() : await this.busy.idle(invoke);
    if (outcome.arn === undefined || outcome.arn === "") {
      this.errors.push(
        `Invoke returned no DurableExecutionArn (status ${outcome.statusCode}, body ${outcome.payload})`,
      );
      return;
    }
    this.arn = outcome.arn;
    if (this.req.asyncInvoke) await this.executeAsync(outcome.arn);
    else await this.executeSync(outcome.arn);
  }

  private async executeSync(arn: string): Promise<void> {
    try {
      this.events = await this.deps.api.history(arn);
    } catch (e) {
      this.errors.push(`Failed to get execution history: ${(e as Error).message}`);
      return;
    }
    if (this.req.expectedHistory.length === 0) {
      this.errors.push(
        "ExpectedExecutionHistory is empty: a synchronous requirement must assert its history",
      );
      return;
    }
    if (!this.historyMatches(this.events)) return;
    if (!(await this.resultMatches(arn))) return;
    this.logsMatch(arn);
  }

  private async executeAsync(arn: string): Promise<void> {
    const pollErrors: string[] = [];
    const responder = new CallbackResponder(
      this.req.callbackActions,
      this.ctx,
      this.deps.api,
      this.busy,
      pollErrors,
    );
    const historyOnly = this.req.expectedResult === undefined;
    const time = this.deps.time;
    let lastCount = 0;
    let lastProgress = time.now();
    let terminal = false;
    for (;;) {
      await this.busy.sleep(this.req.pollIntervalMs);
      let events: PyMapping[];
      try {
        events = await this.deps.api.history(arn);
      } catch (e) {
        this.errors.push(`Failed to get execution history: ${(e as Error).message}`);
        return;
      }
      this.events = events;
      inheritWaitForCallbackNames(events);
      terminal = isTerminal(events);
      if (terminal) break;
      if (events.length > lastCount) {
        lastCount = events.length;
        lastProgress = time.now();
      } else if (time.now() - lastProgress >= this.req.noProgressTimeoutMs) {
        pollErrors.push(
          `No new events for ${this.req.noProgressTimeoutMs / 1000} s (${events.length} events)`,
        );
        break;
      }
      await responder.respond(events);
      if (historyOnly && matchHistory(this.req.expectedHistory, events, this.ctx).length === 0) {
        // History-only requirements pass on the first matching poll; stop the execution so no timers linger.
        await this.stopQuietly(arn);
        return;
      }
    }
    if (!terminal) await this.stopQuietly(arn);
    const historyOk = this.historyMatches(this.events ?? []);
    this.errors.push(...pollErrors);
    if (!historyOk) return;
    if (this.req.expectedResult !== undefined && !(await this.resultMatches(arn))) return;
    this.logsMatch(arn);
  }

  private async stopQuietly(arn: string): Promise<void> {
    try {
      await this.deps.api.stop(arn);
    } catch {
      // Already closed, or the service cannot stop it: nothing lingers that matters to the verdict.
    }
  }

  private historyMatches(events: PyMapping[]): boolean {
    const mismatches = matchHistory(this.req.expectedHistory, events, this.ctx);
    if (mismatches.length === 0) return true;
    this.errors.push(...mismatches.map((m) => m.message));
    this.diff = this.diffFor(mismatches[0] as Mismatch, events);
    this.historyOutline = outlineHistory(events);
    return false;
  }

  private diffFor(first: Mismatch, events: PyMapping[]): string[] {
    const key = eventKey(first.eventId ?? undefined);
    if (key === undefined) return [];
    const expected = this.req.expectedHistory.find((e) => isMapping(e) && eventKey(e["EventId"]) === key);
    if (expected === undefined) return [];
    return explainMismatch(expected, indexEvents(events).get(key), this.ctx);
  }

  private async resultMatches(arn: string): Promise<boolean> {
    if (this.req.expectedResult === undefined) return true;
    const errors = await checkExpectedResult(this.req.expectedResult, arn, this.deps.api, this.ctx);
    this.errors.push(...errors);
    return errors.length === 0;
  }

  private logsMatch(arn: string): void {
    if (this.req.expectedLogs === undefined) return;
    const records = executionLogRecords(this.deps.logs(arn), arn);
    this.logRecords = records;
    this.errors.push(...matchLogs(this.req.expectedLogs, records, this.ctx));
  }
}

function isTerminal(events: readonly PyMapping[]): boolean {
  for (let i = events.length - 1; i >= 0; i--) {
    const type = events[i]?.["EventType"];
    if (typeof type === "string" && TERMINAL_EVENTS.has(type)) return true;
  }
  return false;
}
