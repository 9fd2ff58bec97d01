/**
 * A readable expected-vs-actual diff of one event for FAILED reports. Both sides are rendered as YAML after
 * reconciling what matched: wherever the expected value accepted the actual one (`'*'`, `{}`, a placeholder,
 * a regex, an equal literal) both sides show the actual value, so only real differences become `-`/`+` lines.
 *
 * @example
 * explainMismatch({ EventType: "StepSucceeded", Id: "${ID1}" }, { EventType: "StepFailed", Id: "x" }, ctx);
 * // ["- EventType: StepSucceeded", "+ EventType: StepFailed", "  Id: x"]
 */
import { stringify } from "yaml";
import { isDontCare, placeholderName, regexMarker } from "./history-match.js";
import type { PlaceholderContext } from "./placeholders.js";
import { pyEquals } from "./py-equal.js";
import { pySearch } from "./py-regex.js";
import { pyRepr, pyStr } from "./py-str.js";
import { isMapping, toPlainJson, type PyMapping, type PyValue } from "./py-value.js";

/** Diff lines (`"- "` expected only, `"+ "` actual only, `"  "` both) for an expected/actual event pair. */
export function explainMismatch(
  expected: PyValue,
  actual: PyValue | undefined,
  ctx: PlaceholderContext,
): string[] {
  if (actual === undefined) return render(toPlainJson(ctx.substitute(expected))).map((l) => `- ${l}`);
  const [expectedView, actualView] = views(expected, actual, ctx);
  // Details blocks the expectation does not mention still explain a mismatch (a StepFailedDetails where
  // StepSucceededDetails was expected), so the actual side shows them; other unlisted keys are noise.
  if (isMapping(expected) && isMapping(actual) && isRecord(actualView)) {
    for (const [k, v] of Object.entries(actual)) {
      if (k.endsWith("Details") && !(k in actualView)) actualView[k] = toPlainJson(v);
    }
  }
  return lineDiff(render(expectedView), render(actualView));
}

/**
 * A one-line outline of an actual history (`1 ExecutionStarted · 2 StepStarted(Step) · …`), so a report shows
 * which events exist when an expected one is missing or out of place.
 */
export function outlineHistory(events: readonly PyMapping[]): string {
  return events
    .map((e) => {
      const sub = typeof e["SubType"] === "string" ? `(${e["SubType"]})` : "";
      return `${pyStr(e["EventId"] ?? null)} ${pyStr(e["EventType"] ?? null)}${sub}`;
    })
    .join(" · ");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function views(expected: PyValue, actual: PyValue, ctx: PlaceholderContext): [unknown, unknown] {
  const plainActual = toPlainJson(actual);
  const same: [unknown, unknown] = [plainActual, plainActual];
  if (isDontCare(expected)) return same;
  const name = placeholderName(expected);
  if (name !== undefined) {
    const bound = ctx.get(name);
    return bound === undefined || pyEquals(bound, actual)
      ? same
      : [`\${${name}} = ${pyRepr(bound)}`, plainActual];
  }
  const pattern = regexMarker(expected);
  if (pattern !== undefined) {
    let matched = false;
    try {
      matched = pySearch(pattern, pyStr(actual));
    } catch {
      // An invalid pattern is reported by the matcher; here it simply does not match.
    }
    return matched ? same : [expected, plainActual];
  }
  if (isMapping(expected) && isMapping(actual)) {
    const e: Record<string, unknown> = {};
    const a: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(expected)) {
      const actualChild = actual[key];
      if (actualChild === undefined) {
        e[key] = toPlainJson(ctx.substitute(child));
        continue;
      }
      [e[key], a[key]] = views(child, actualChild, ctx);
    }
    return [e, a];
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    const pairs = expected.map((item, i) => views(item, actual[i] ?? null, ctx));
    return [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
  }
  const literal = ctx.substitute(expected);
  return pyEquals(literal, actual) ? same : [toPlainJson(literal), plainActual];
}

function render(value: unknown): string[] {
  return stringify(value, { lineWidth: 0 }).trimEnd().split("\n");
}

/** A longest-common-subsequence line diff; events are a few dozen lines, so O(n·m) is fine. */
export function lineDiff(before: readonly string[], after: readonly string[]): string[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const below = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j--) {
      row[j] = before[i] === after[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push(`  ${before[i++]}`);
      j++;
    } else if (j < m && (i >= n || (lcs[i + 1]?.[j] ?? 0) < (lcs[i]?.[j + 1] ?? 0))) {
      out.push(`+ ${after[j++]}`);
    } else {
      out.push(`- ${before[i++]}`);
    }
  }
  return out;
}
