/**
 * The progress line `durable invoke` shows while a synchronous invoke is open: the execution's status, age
 * and latest history event (a wait's end time, a callback id to complete, a retry). It first appears after
 * a second, so quick invocations print nothing extra, and is best effort: a failed lookup is skipped.
 */
import {
  GetDurableExecutionHistoryCommand,
  ListDurableExecutionsByFunctionCommand,
  type Event as HistoryEvent,
} from "@aws-sdk/client-lambda";
import type { CliContext } from "./cli-context.js";
import { formatDuration, formatTime } from "./format.js";

/** How often the progress line refreshes (a display cadence, not part of any protocol). */
const REFRESH_MS = 1000;
/** How many of the newest events the progress line looks at to find what the execution waits for. */
const RECENT_EVENTS = 200;

/** Which execution to watch. */
export interface InvokeProgressTarget {
  functionName: string;
  qualifier: string | undefined;
  executionName: string;
}

/**
 * Watches one execution while its invoke is in flight.
 *
 * @example
 * ```ts
 * const progress = new InvokeProgress(ctx, { functionName: "orders", qualifier: "$LATEST", executionName });
 * progress.start();
 * try { await client.send(invoke); } finally { progress.stop(); }
 * ```
 */
export class InvokeProgress {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private arn: string | undefined;
  private startedMs: number | undefined;
  private lastShown = "";

  constructor(
    private readonly ctx: CliContext,
    private readonly target: InvokeProgressTarget,
  ) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.ctx.io.interactive && this.lastShown !== "") this.ctx.io.stderr("\r\u001b[K");
  }

  private schedule(): void {
    this.timer = setTimeout(
      () => void this.refresh().finally(() => this.stopped || this.schedule()),
      REFRESH_MS,
    );
    // The invoke request keeps the process alive; the display must not.
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    try {
      if (this.arn === undefined) await this.findExecution();
      if (this.arn === undefined || this.stopped) return;
      const recent = await this.recentEvents(this.arn);
      if (this.stopped) return;
      this.show(this.describe(recent));
    } catch {
      // Progress is advisory; the invoke itself reports real errors.
    }
  }

  private async findExecution(): Promise<void> {
    const listed = await this.ctx.client().send(
      new ListDurableExecutionsByFunctionCommand({
        FunctionName: this.target.functionName,
        Qualifier: this.target.qualifier,
        DurableExecutionName: this.target.executionName,
        MaxItems: 1,
      }),
    );
    const execution = listed.DurableExecutions?.[0];
    if (execution?.DurableExecutionArn === undefined) return;
    this.arn = execution.DurableExecutionArn;
    this.startedMs = execution.StartTimestamp?.getTime();
    this.ctx.io.stderr(`Execution: ${this.arn}\n`);
  }

  private async recentEvents(arn: string): Promise<HistoryEvent[]> {
    const history = await this.ctx.client().send(
      new GetDurableExecutionHistoryCommand({
        DurableExecutionArn: arn,
        ReverseOrder: true,
        MaxItems: RECENT_EVENTS,
        IncludeExecutionData: false,
      }),
    );
    return history.Events ?? [];
  }

  private describe(newestFirst: HistoryEvent[]): string {
    const age = this.startedMs === undefined ? "" : ` ${formatDuration(Date.now() - this.startedMs)}`;
    const latest = newestFirst[0];
    if (latest === undefined) return `… running${age}`;
    const waiting = outstandingOperations(newestFirst);
    const tail =
      waiting.length > 0
        ? `waiting for ${waiting.join("; ")}`
        : `last: ${latest.EventType ?? "?"}${quoted(latest.Name)}`;
    return `… running${age}, ${latest.EventId ?? "?"} events, ${tail}`;
  }

  private show(line: string): void {
    const { io } = this.ctx;
    if (io.interactive) {
      io.stderr(`\r\u001b[K${line}`);
    } else if (stripAge(line) !== stripAge(this.lastShown)) {
      // Non-interactive output (a log, a pipe) gets a line only when something other than the age changed.
      io.stderr(`${line}\n`);
    }
    this.lastShown = line;
  }
}

function stripAge(line: string): string {
  return line.replace(/^… running [^,]*/, "… running");
}

function quoted(name: string | undefined): string {
  return name === undefined ? "" : ` "${name}"`;
}

const CLOSES: Record<string, string[]> = {
  CallbackStarted: ["CallbackSucceeded", "CallbackFailed", "CallbackTimedOut"],
  WaitStarted: ["WaitSucceeded", "WaitCancelled"],
  ChainedInvokeStarted: [
    "ChainedInvokeSucceeded",
    "ChainedInvokeFailed",
    "ChainedInvokeTimedOut",
    "ChainedInvokeStopped",
  ],
};

/**
 * What the execution is waiting for, from its newest events: callbacks (with the id to complete them),
 * waits (with their end time), chained invokes and step retries that started and have not finished.
 *
 * @example
 * ```ts
 * outstandingOperations(newestFirst); // ['callback "approval" callbackId=AbC…', 'wait "pause" until 2026-…']
 * ```
 */
export function outstandingOperations(newestFirst: HistoryEvent[]): string[] {
  const closed = new Set<string>();
  const waiting: string[] = [];
  for (const event of newestFirst) {
    const type = event.EventType ?? "";
    const id = event.Id ?? "";
    const key = `${type}:${id}`;
    if (Object.values(CLOSES).some((closers) => closers.includes(type)) || type === "StepStarted") {
      closed.add(key);
      continue;
    }
    const closers = CLOSES[type];
    if (closers !== undefined) {
      if (closers.some((closer) => closed.has(`${closer}:${id}`))) continue;
      if (type === "CallbackStarted") {
        const callbackId = event.CallbackStartedDetails?.CallbackId ?? "?";
        waiting.push(`callback${quoted(event.Name)} callbackId=${callbackId}`);
      } else if (type === "WaitStarted") {
        const until = event.WaitStartedDetails?.ScheduledEndTimestamp;
        waiting.push(`wait${quoted(event.Name)}${until === undefined ? "" : ` until ${formatTime(until)}`}`);
      } else {
        waiting.push(
          `invoke${quoted(event.Name)} of ${event.ChainedInvokeStartedDetails?.FunctionName ?? "?"}`,
        );
      }
      continue;
    }
    const retry = type === "StepFailed" ? event.StepFailedDetails?.RetryDetails : undefined;
    if (retry?.NextAttemptDelaySeconds !== undefined && !closed.has(`StepStarted:${id}`)) {
      closed.add(`StepStarted:${id}`);
      waiting.push(`retry of step${quoted(event.Name)} (attempt ${(retry.CurrentAttempt ?? 0) + 1})`);
    }
  }
  return waiting;
}
