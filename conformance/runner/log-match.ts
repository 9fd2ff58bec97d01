/**
 * ExpectedLogs assertions over an execution's log records. Each expectation
 * `{match, count? | min_count? | max_count?, before?, after?}` is substituted first; every `match` field must
 * exist in a record and match it:
 *
 * - expected string `/re/` → Python `re.search(re, str(actual).strip())`; other strings →
 *   `str(actual).strip() == expected.strip()`;
 * - expected or actual boolean → identity (`true` needs JSON `true`, not `"true"`);
 * - both numbers → float equality; anything else → `str(expected) == str(actual)`.
 *
 * Counts: `count` exact, else `min_count`/`max_count`, else at least one. Ordering: `after`/`before` take a
 * matcher or a list; an anchor matching nothing is an error; with no own matches ordering is vacuous;
 * records with equal capture times are concurrent and satisfy both directions.
 *
 * @example
 * matchLogs([{ match: { hook: "invocation-end" }, after: { hook: "invocation-start" } }], records, ctx);
 */
import type { LogRecord } from "./log-records.js";
import type { PlaceholderContext } from "./placeholders.js";
import { PY_WHITESPACE, PyRegexError, pySearch } from "./py-regex.js";
import { pyRepr, pyStr } from "./py-str.js";
import { isMapping, isPyNumber, numericValue, type PyMapping, type PyValue } from "./py-value.js";

// Python's str.strip() removes exactly the characters str.isspace() accepts.
const STRIP = new RegExp(`^[${PY_WHITESPACE}]+|[${PY_WHITESPACE}]+$`, "gu");

/** Python `str.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(STRIP, "");
}

/** Whether one expected field value matches an actual record field. */
export function logFieldMatches(expected: PyValue, actual: PyValue): boolean {
  if (typeof expected === "string") {
    const subject = pyStrip(pyStr(actual));
    if (expected.length >= 2 && expected.startsWith("/") && expected.endsWith("/")) {
      return pySearch(expected.slice(1, -1), subject);
    }
    return subject === pyStrip(expected);
  }
  if (typeof expected === "boolean" || typeof actual === "boolean") return expected === actual;
  if (isPyNumber(expected) && isPyNumber(actual)) return numericValue(expected) === numericValue(actual);
  return pyStr(expected) === pyStr(actual);
}

/** Whether a record has every field of `matcher`, each matching. */
export function recordMatches(matcher: PyMapping, record: LogRecord): boolean {
  return Object.entries(matcher).every(
    ([key, expected]) =>
      Object.hasOwn(record.fields, key) && logFieldMatches(expected, record.fields[key] ?? null),
  );
}

/** Checks every ExpectedLogs entry; returns one message per failed assertion (empty = all hold). */
export function matchLogs(
  expectations: PyValue,
  records: readonly LogRecord[],
  ctx: PlaceholderContext,
): string[] {
  if (!Array.isArray(expectations)) return [`ExpectedLogs must be a list, got ${pyRepr(expectations)}`];
  const errors: string[] = [];
  expectations.forEach((raw, i) => {
    const label = `ExpectedLogs[${i}]`;
    try {
      checkExpectation(ctx.substitute(raw), records, label, errors);
    } catch (e) {
      if (!(e instanceof PyRegexError)) throw e;
      errors.push(`${label}: ${e.message}`);
    }
  });
  return errors;
}

function checkExpectation(
  entry: PyValue,
  records: readonly LogRecord[],
  label: string,
  errors: string[],
): void {
  if (!isMapping(entry)) {
    errors.push(`${label}: must be a mapping, got ${pyRepr(entry)}`);
    return;
  }
  const matcher = entry["match"];
  if (!isMapping(matcher) || Object.keys(matcher).length === 0) {
    errors.push(`${label}: match must be a non-empty mapping, got ${pyRepr(matcher ?? null)}`);
    return;
  }
  const own = records.filter((r) => recordMatches(matcher, r));
  const described = `${label} match=${pyRepr(matcher)}`;
  const countError = checkCount(entry, own.length);
  if (countError !== undefined) errors.push(`${described}: ${countError}`);

  for (const direction of ["after", "before"] as const) {
    const anchors = entry[direction];
    if (anchors === undefined || anchors === null) continue;
    for (const anchor of Array.isArray(anchors) ? anchors : [anchors]) {
      const error = checkOrder(direction, anchor, own, records);
      if (error !== undefined) errors.push(`${described}: ${error}`);
    }
  }
}

function checkCount(entry: PyMapping, found: number): string | undefined {
  const count = entry["count"];
  const min = entry["min_count"];
  const max = entry["max_count"];
  for (const [key, v] of [
    ["count", count],
    ["min_count", min],
    ["max_count", max],
  ] as const) {
    if (v !== undefined && v !== null && !isPyNumber(v)) return `${key} must be a number, got ${pyRepr(v)}`;
  }
  if (isPyNumber(count)) {
    return numericValue(count) === found
      ? undefined
      : `expected exactly ${pyStr(count)} match(es), got ${found}`;
  }
  const hasBound = isPyNumber(min) || isPyNumber(max);
  const lower = isPyNumber(min) ? numericValue(min) : hasBound ? undefined : 1;
  if (lower !== undefined && found < lower) return `expected at least ${lower} match(es), got ${found}`;
  if (isPyNumber(max) && found > numericValue(max)) {
    return `expected at most ${pyStr(max)} match(es), got ${found}`;
  }
  return undefined;
}

function checkOrder(
  direction: "after" | "before",
  anchor: PyValue,
  own: readonly LogRecord[],
  records: readonly LogRecord[],
): string | undefined {
  if (!isMapping(anchor) || Object.keys(anchor).length === 0) {
    return `${direction} anchor must be a non-empty mapping, got ${pyRepr(anchor)}`;
  }
  const anchored = records.filter((r) => recordMatches(anchor, r));
  if (anchored.length === 0) return `${direction} anchor ${pyRepr(anchor)} matched no log record`;
  if (own.length === 0) return undefined;
  // Records are sorted, so the first and last entries are the earliest and latest by capture time.
  const ownFirst = (own[0] as LogRecord).timeMs;
  const ownLast = (own[own.length - 1] as LogRecord).timeMs;
  if (direction === "after") {
    const anchorLast = (anchored[anchored.length - 1] as LogRecord).timeMs;
    if (ownFirst < anchorLast)
      return `a match is earlier than anchor ${pyRepr(anchor)} (${ownFirst} < ${anchorLast} ms)`;
  } else {
    const anchorFirst = (anchored[0] as LogRecord).timeMs;
    if (ownLast > anchorFirst)
      return `a match is later than anchor ${pyRepr(anchor)} (${ownLast} > ${anchorFirst} ms)`;
  }
  return undefined;
}
