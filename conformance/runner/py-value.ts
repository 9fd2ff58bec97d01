/**
 * The value model the matcher works on: JSON-like values with the distinctions Python makes and JavaScript
 * does not. Upstream runs the requirements with PyYAML, `json` and `re`; porting their semantics needs to
 * know whether a number was written as a float (`str(1.0)` is `1.0`, `str(1)` is `1`), so floats parsed from
 * text are wrapped in {@link PyFloat}. A plain JS number is a Python `int` when it is an integer and a
 * `float` otherwise. `Date` stands for a `datetime` (AWS timestamps).
 *
 * @example
 * const v: PyValue = { a: [1, new PyFloat(2), "x", null, true] };
 */
export type PyValue = null | boolean | number | PyFloat | string | Date | PyValue[] | PyMapping;

/** A Python `dict` with string keys (YAML and JSON keys are strings in every requirement). */
export interface PyMapping {
  [key: string]: PyValue;
}

/** A Python `float` whose value may be integral (`1.0`), kept apart from the `int` 1. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Whether `v` is a Python `dict`. */
export function isMapping(v: unknown): v is PyMapping {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof PyFloat) &&
    !(v instanceof Date)
  );
}

/** Whether `v` is a Python number (`int` or `float`, not `bool`). */
export function isPyNumber(v: unknown): v is number | PyFloat {
  return typeof v === "number" || v instanceof PyFloat;
}

/** The numeric value of a Python number or bool (`True` is 1). */
export function numericValue(v: number | PyFloat | boolean): number {
  if (typeof v === "boolean") return v ? 1 : 0;
  return v instanceof PyFloat ? v.value : v;
}

/** Whether `v` is a Python `float` (a wrapped float, or a non-integral JS number). */
export function isPyFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === "number" && !Number.isInteger(v));
}

/**
 * Converts a value from a JavaScript API (the AWS SDK's parsed responses) into a {@link PyValue}: keys whose
 * value is `undefined` are dropped, as absent members are in a boto3 response; other non-JSON values become
 * their string form.
 */
export function fromJs(value: unknown): PyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "number") return value;
  if (value instanceof PyFloat || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(fromJs);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8");
  if (typeof value === "object") {
    const out: PyMapping = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = fromJs(v);
    return out;
  }
  return String(value);
}

/**
 * Converts a {@link PyValue} into plain JSON-compatible JavaScript (floats unwrapped, dates as ISO strings),
 * for saving histories and for `JSON.stringify`.
 */
export function toPlainJson(value: PyValue): unknown {
  if (value instanceof PyFloat) return value.value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (isMapping(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlainJson(v);
    return out;
  }
  return value;
}
