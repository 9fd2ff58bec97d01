/** Where an actual value departs from an expected partial value. */
export interface Mismatch {
  /** Dotted path from the compared root, `""` for the root itself. */
  path: string;
  expected: unknown;
  actual: unknown;
}

/**
 * Finds the first place where `actual` does not contain `expected`: objects match when every expected key
 * matches (extra actual keys are ignored), arrays element by element with equal length, everything else by
 * `Object.is`. A `RegExp` expected value matches strings it tests true on; a function is a predicate.
 *
 * @example
 * ```ts
 * subsetMismatch({ a: { b: 1 } }, { a: { b: 2, c: 3 } }); // { path: "a.b", expected: 1, actual: 2 }
 * ```
 */
export function subsetMismatch(expected: unknown, actual: unknown, path = ""): Mismatch | undefined {
  if (expected instanceof RegExp) {
    return typeof actual === "string" && expected.test(actual) ? undefined : { path, expected, actual };
  }
  if (typeof expected === "function") {
    return (expected as (v: unknown) => boolean)(actual) ? undefined : { path, expected, actual };
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return { path, expected, actual };
    for (let i = 0; i < expected.length; i++) {
      const inner = subsetMismatch(expected[i], actual[i], join(path, String(i)));
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return { path, expected, actual };
    for (const [key, value] of Object.entries(expected)) {
      const inner = subsetMismatch(value, (actual as Record<string, unknown>)[key], join(path, key));
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : { path, expected, actual };
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** Renders a value for an assertion message: JSON where possible, compact, cut at `max` characters. */
export function show(value: unknown, max = 200): string {
  let text: string;
  if (value === undefined) text = "undefined";
  else if (value instanceof RegExp) text = String(value);
  else if (typeof value === "function") text = `<predicate ${value.name || "anonymous"}>`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
