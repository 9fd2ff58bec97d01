import type { InvocationLogLine } from "../invoker/invoker.js";

/** Limits of what `CapturedLogs` keeps; the defaults suit a long-running local service. */
export interface CapturedLogLimits {
  /** Lines kept per execution; older lines are dropped first (default 10,000). */
  linesPerExecution: number;
  /** Executions whose lines are kept; the execution least recently written to is dropped first (default 1,000). */
  executions: number;
}

const DEFAULT_LIMITS: CapturedLogLimits = { linesPerExecution: 10_000, executions: 1_000 };

/**
 * Output lines captured from invocations, per execution, within fixed bounds so a service that runs for days
 * does not grow without limit. Trimming happens when a buffer reaches twice its limit, so appending stays
 * amortised O(1).
 *
 * @example
 * ```ts
 * const logs = new CapturedLogs({ linesPerExecution: 100 });
 * logs.append(arn, line);
 * logs.lines(arn); // at most the last 100 lines
 * ```
 */
export class CapturedLogs {
  private readonly limits: CapturedLogLimits;
  /** In least-recently-written order (oldest first). */
  private readonly byExecution = new Map<string, InvocationLogLine[]>();

  constructor(limits: Partial<CapturedLogLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  append(arn: string, line: InvocationLogLine): void {
    let lines = this.byExecution.get(arn);
    if (lines) {
      this.byExecution.delete(arn);
    } else {
      lines = [];
      if (this.byExecution.size >= this.limits.executions) {
        const oldest = this.byExecution.keys().next();
        if (oldest.done !== true) this.byExecution.delete(oldest.value);
      }
    }
    this.byExecution.set(arn, lines);
    lines.push(line);
    if (lines.length >= 2 * this.limits.linesPerExecution)
      lines.splice(0, lines.length - this.limits.linesPerExecution);
  }

  /** The execution's most recent lines (at most `linesPerExecution`), oldest first; a copy. */
  lines(arn: string): InvocationLogLine[] {
    const lines = this.byExecution.get(arn) ?? [];
    return lines.slice(Math.max(0, lines.length - this.limits.linesPerExecution));
  }

  delete(arn: string): void {
    this.byExecution.delete(arn);
  }
}
