/**
 * The runner's text report: one line per requirement (with indented detail for failures) and the closing
 * `N passed, N failed` line (NOT_IMPLEMENTED and UNCOVERED count as failed; `, N skipped` counts
 * OPTIONAL_FAILED and appears only when there are some).
 *
 * @example
 * formatOutcome({ id: "1-1", suite: "step", verdict: "PASSED", title: "Step basic", details: [] });
 * // ["PASSED 1-1 step: Step basic"] (with ` [1.2 s]` appended when durationMs is set)
 */

/** Report verdicts, as upstream names them. */
export type Verdict = "PASSED" | "FAILED" | "OPTIONAL_FAILED" | "NOT_IMPLEMENTED" | "UNCOVERED";

/** The reportable result of one requirement. */
export interface Outcome {
  id: string;
  suite: string;
  verdict: Verdict;
  title: string;
  /** For non-passing verdicts: the reason (first failure, or the not-implemented reason). */
  reason?: string;
  /** Further lines: the expected-vs-actual diff, then any further failures. */
  details: string[];
  arn?: string;
  /** Wall-clock time the requirement took (shown as `[1.2 s]`); absent for requirements that did not run. */
  durationMs?: number;
}

const MAX_EXTRA_ERRORS = 5;

/** The report lines of one outcome. */
export function formatOutcome(o: Outcome): string[] {
  const took = o.durationMs === undefined ? "" : ` [${(o.durationMs / 1000).toFixed(1)} s]`;
  const head = `${o.verdict} ${o.id} ${o.suite}: ${o.title}${took}`;
  if (o.verdict === "PASSED") return [head];
  const lines = [o.reason === undefined ? head : `${head} — ${o.reason}`];
  for (const d of o.details) lines.push(`    ${d}`);
  return lines;
}

/** What a failed run tells the report. */
export interface FailureFacts {
  errors: readonly string[];
  /** Expected-vs-actual diff lines of the first mismatching event. */
  diff: readonly string[];
  historyOutline: string | undefined;
  arn: string | undefined;
}

/**
 * Detail lines for a failed run: the diff of the first mismatching event, an outline of the actual history,
 * up to 5 further failures and the execution ARN.
 */
export function failureDetails({ errors, diff, historyOutline, arn }: FailureFacts): string[] {
  const lines: string[] = [];
  if (diff.length > 0)
    lines.push("first mismatching event (- expected, + actual):", ...diff.map((l) => `  ${l}`));
  if (historyOutline !== undefined) lines.push(`actual history: ${historyOutline}`);
  const more = errors.slice(1);
  if (more.length > 0) lines.push(...more.slice(0, MAX_EXTRA_ERRORS).map((e) => `also: ${e}`));
  if (more.length > MAX_EXTRA_ERRORS) lines.push(`… and ${more.length - MAX_EXTRA_ERRORS} more`);
  if (arn !== undefined) lines.push(`execution: ${arn}`);
  return lines;
}

/** The closing line. */
export function summaryLine(outcomes: readonly Outcome[]): string {
  const passed = outcomes.filter((o) => o.verdict === "PASSED").length;
  const skipped = outcomes.filter((o) => o.verdict === "OPTIONAL_FAILED").length;
  const failed = outcomes.length - passed - skipped;
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
}

/** Whether the run as a whole failed (any FAILED, NOT_IMPLEMENTED or UNCOVERED). */
export function anyFailed(outcomes: readonly Outcome[]): boolean {
  return outcomes.some(
    (o) => o.verdict === "FAILED" || o.verdict === "NOT_IMPLEMENTED" || o.verdict === "UNCOVERED",
  );
}
