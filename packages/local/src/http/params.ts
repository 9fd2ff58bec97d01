import { invalidParameter } from "../errors.js";

/**
 * Parsers for query parameters and JSON bodies: every malformed value becomes an InvalidParameterValueException
 * naming the parameter, never a crash or a 500.
 *
 * @example
 * ```ts
 * const maxItems = integerParam(query, "MaxItems", 0, 1000);
 * ```
 */
export function integerParam(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  if (!/^-?\d{1,10}$/.test(text))
    throw invalidParameter(`${name} must be an integer, got ${JSON.stringify(text.slice(0, 50))}`);
  const value = Number(text);
  if (value < min || value > max) throw invalidParameter(`${name} must be in ${min}..${max}, got ${value}`);
  return value;
}

export function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  if (text === "true") return true;
  if (text === "false") return false;
  throw invalidParameter(`${name} must be true or false, got ${JSON.stringify(text.slice(0, 50))}`);
}

export function stringParam(query: URLSearchParams, name: string): string | undefined {
  return query.get(name) ?? undefined;
}

/** An ISO-8601 query timestamp, as epoch milliseconds. */
export function timestampParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw invalidParameter(`${name} must be an ISO-8601 timestamp, got ${JSON.stringify(text.slice(0, 50))}`);
  return ms;
}

/** Parses a JSON body; an empty body is `emptyAs`. */
export function jsonBody(body: Buffer, emptyAs: unknown = undefined): unknown {
  if (body.length === 0) return emptyAs;
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    throw invalidParameter(`The request body is not valid JSON`);
  }
}

/** A JSON object body (or `{}` when empty). */
export function jsonObjectBody(body: Buffer): Record<string, unknown> {
  const value = jsonBody(body, {});
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidParameter(`The request body must be a JSON object`);
  }
  return value as Record<string, unknown>;
}
