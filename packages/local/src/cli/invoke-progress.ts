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
import { formatDuration, summariseEventDetails } from "./format.js";

/** How often the progress line refreshes (a display cadence, not part of any protocol). */
const REFRESH_MS = 1000;

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
      const latest = await this.latestEvent(this.arn);
      if (this.stopped) return;
      this.show(this.describe(latest));
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

  private async latestEvent(arn: string): Promise<HistoryEvent | undefined> {
    const history = await this.ctx
      .client()
      .send(
        new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, ReverseOrder: true, MaxItems: 1 }),
      );
    return history.Events?.[0];
  }

  private describe(event: HistoryEvent | undefined): string {
    const age = this.startedMs === undefined ? "" : ` ${formatDuration(Date.now() - this.startedMs)}`;
    if (event === undefined) return `… running${age}`;
    const name = event.Name === undefined ? "" : ` "${event.Name}"`;
    const details = summariseEventDetails(event);
    return `… running${age}, ${event.EventId ?? "?"} events, last: ${event.EventType ?? "?"}${name}${details === "" ? "" : ` ${details}`}`;
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
