/**
 * The log records of one execution, as upstream's CloudWatch filter sees them: captured stdout/stderr lines
 * that parse as a top-level JSON object whose `durableExecutionArn` or `executionArn` equals the execution
 * ARN. Other lines never count.
 *
 * @example
 * const records = executionLogRecords(svc.logs(arn), arn);
 */
import { pyJsonLoads } from "./py-json.js";
import { isMapping, type PyMapping } from "./py-value.js";

/** One captured output line of an invocation (the shape `svc.logs(arn)` returns). */
export interface CapturedLine {
  timeMs: number;
  stream: "stdout" | "stderr";
  line: string;
}

/** A structured log record: its top-level fields and its position in (capture time, emission) order. */
export interface LogRecord {
  fields: PyMapping;
  timeMs: number;
  /** Emission order among all captured lines, the tie-breaker for equal capture times. */
  seq: number;
}

/** Selects and orders the records of `arn` (by capture time, then emission order). */
export function executionLogRecords(lines: readonly CapturedLine[], arn: string): LogRecord[] {
  const records: LogRecord[] = [];
  lines.forEach((captured, seq) => {
    const text = captured.line.trim();
    if (!text.startsWith("{")) return;
    let parsed;
    try {
      parsed = pyJsonLoads(text);
    } catch {
      return;
    }
    if (!isMapping(parsed)) return;
    if (parsed["durableExecutionArn"] !== arn && parsed["executionArn"] !== arn) return;
    records.push({ fields: parsed, timeMs: captured.timeMs, seq });
  });
  return records.sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
}
