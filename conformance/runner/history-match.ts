/**
 * History matching: expected events (partial, from the YAML) against the actual history, keyed by EventId.
 * Each expected value is matched by the first applicable rule:
 *
 * 1. `{}` — don't care;
 * 2. `'*'` — anything, null included;
 * 3. a whole-string `${NAME}` — bound: Python-equal to the binding; unbound: binds NAME to the actual value;
 * 4. a whole-string `${/re/}` — Python `re.search(re, str(actual))`;
 * 5. mapping vs mapping — every expected key must exist in actual (extra actual keys are ignored);
 * 6. list vs list — same length, element by element;
 * 7. otherwise a literal — strings substituted first, then Python `==`.
 *
 * The placeholder pattern is greedy like upstream's `^\$\{(.+)\}$`: `"${A}-${B}"` is one placeholder named
 * `A}-${B`.
 *
 * @example
 * const ctx = new PlaceholderContext();
 * matchHistory([{ EventId: 2, Id: "${ID1}" }], [{ EventId: 2, Id: "abc" }], ctx); // [] and ID1 = "abc"
 */
import type { PlaceholderContext } from "./placeholders.js";
import { pyEquals } from "./py-equal.js";
import { PyRegexError, pySearch } from "./py-regex.js";
import { pyRepr, pyStr } from "./py-str.js";
import { isMapping, isPyNumber, numericValue, type PyMapping, type PyValue } from "./py-value.js";

/** One failed expectation, located by a Python-style path (`Event[EventId=3].StepSucceededDetails`). */
export interface Mismatch {
  /** The expected event's EventId when the failure is inside one event. */
  eventId?: PyValue;
  path: string;
  message: string;
}

// Python's `.` stops at a newline and `$` also matches before a final newline; these mirror that.
const PLACEHOLDER = /^\$\{([^\n]+)\}\n?$/;
const REGEX_MARKER = /^\$\{\/([^\n]+)\/\}\n?$/;

/** The placeholder name of a whole-string `${NAME}` (rule 3), or undefined (also for `${/re/}`). */
export function placeholderName(value: PyValue): string | undefined {
  if (typeof value !== "string" || REGEX_MARKER.test(value)) return undefined;
  return PLACEHOLDER.exec(value)?.[1];
}

/** The pattern of a whole-string `${/re/}` (rule 4), or undefined. */
export function regexMarker(value: PyValue): string | undefined {
  return typeof value === "string" ? REGEX_MARKER.exec(value)?.[1] : undefined;
}

/** Whether `value` is a rule-1 or rule-2 don't-care (`{}` or `'*'`). */
export function isDontCare(value: PyValue): boolean {
  return value === "*" || (isMapping(value) && Object.keys(value).length === 0);
}

/** A dict key as Python hashes it: `2`, `2.0` and `True` are the same key. */
export function eventKey(id: PyValue | undefined): string | undefined {
  if (typeof id === "boolean" || isPyNumber(id)) return `n:${numericValue(id)}`;
  if (typeof id === "string") return `s:${id}`;
  return undefined;
}

/** Indexes actual events by EventId; a later duplicate replaces an earlier one. */
export function indexEvents(actual: readonly PyMapping[]): Map<string, PyMapping> {
  const byId = new Map<string, PyMapping>();
  for (const event of actual) {
    const key = eventKey(event["EventId"]);
    if (key !== undefined) byId.set(key, event);
  }
  return byId;
}

/**
 * Matches expected events against the actual history, binding placeholders in `ctx` as it goes.
 * Returns every mismatch, in expected-event order; an empty list means the history matches.
 */
export function matchHistory(
  expectedEvents: readonly PyValue[],
  actualEvents: readonly PyMapping[],
  ctx: PlaceholderContext,
): Mismatch[] {
  const byId = indexEvents(actualEvents);
  const mismatches: Mismatch[] = [];
  for (const expected of expectedEvents) {
    const eventId = isMapping(expected) ? expected["EventId"] : undefined;
    if (eventId === undefined || eventId === null) {
      mismatches.push({ path: "Event", message: `Expected event missing EventId: ${pyRepr(expected)}` });
      continue;
    }
    const actual = byId.get(eventKey(eventId) ?? "");
    const path = `Event[EventId=${pyStr(eventId)}]`;
    if (actual === undefined) {
      mismatches.push({ eventId, path, message: `No actual event found for EventId=${pyStr(eventId)}` });
      continue;
    }
    for (const m of matchValue(expected, actual, ctx, path)) mismatches.push({ ...m, eventId });
  }
  return mismatches;
}

/** Matches one expected value against an actual value by rules 1–7 (see the module comment). */
export function matchValue(
  expected: PyValue,
  actual: PyValue,
  ctx: PlaceholderContext,
  path: string,
): Mismatch[] {
  const out: Mismatch[] = [];
  matchInto(expected, actual, ctx, path, out);
  return out;
}

function matchInto(
  expected: PyValue,
  actual: PyValue,
  ctx: PlaceholderContext,
  path: string,
  out: Mismatch[],
): void {
  if (isDontCare(expected)) return;

  const name = placeholderName(expected);
  if (name !== undefined) {
    const bound = ctx.get(name);
    if (bound === undefined) ctx.bind(name, actual);
    else if (!pyEquals(bound, actual)) {
      const message = `placeholder \${${name}} was previously bound to ${pyRepr(bound)}, but got ${pyRepr(actual)}`;
      out.push({ path, message: `${path}: ${message}` });
    }
    return;
  }

  const pattern = regexMarker(expected);
  if (pattern !== undefined) {
    let matched: boolean;
    try {
      matched = pySearch(pattern, pyStr(actual));
    } catch (e) {
      if (!(e instanceof PyRegexError)) throw e;
      out.push({ path, message: `${path}: ${e.message}` });
      return;
    }
    if (!matched) {
      out.push({
        path,
        message: `${path}: value ${pyRepr(actual)} does not match regex pattern ${pyRepr(pattern)}`,
      });
    }
    return;
  }

  if (isMapping(expected) && isMapping(actual)) {
    for (const [key, child] of Object.entries(expected)) {
      const childPath = `${path}.${key}`;
      if (!Object.hasOwn(actual, key))
        out.push({ path: childPath, message: `${childPath}: key missing in actual event` });
      else matchInto(child, actual[key] ?? null, ctx, childPath, out);
    }
    return;
  }

  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      const message = `list length mismatch (expected ${expected.length}, got ${actual.length})`;
      out.push({ path, message: `${path}: ${message}` });
      return;
    }
    expected.forEach((item, i) => matchInto(item, actual[i] ?? null, ctx, `${path}[${i}]`, out));
    return;
  }

  const literal = typeof expected === "string" ? ctx.substituteString(expected) : expected;
  if (!pyEquals(literal, actual)) {
    out.push({ path, message: `${path}: expected ${pyRepr(literal)}, got ${pyRepr(actual)}` });
  }
}
