import type { ErrorObject } from "../wire.js";

/** The outcome a durable handler reported (SERVICE.md §6.2). */
export type InvocationOutput =
  | { status: "SUCCEEDED"; result?: string }
  | { status: "FAILED"; error: ErrorObject }
  | { status: "PENDING" }
  | { status: "INVALID"; description: string };

const describe = (value: unknown): string => {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.slice(0, 200);
  } catch {
    return String(value);
  }
};

/**
 * Reads a handler's return value: `{Status: SUCCEEDED, Result?}`, `{Status: FAILED, Error}` or `{Status: PENDING}`.
 * Anything else is INVALID with a description, because retrying cannot make it valid.
 *
 * @example
 * ```ts
 * parseInvocationOutput({ Status: "SUCCEEDED", Result: "42" }); // { status: "SUCCEEDED", result: "42" }
 * ```
 */
export function parseInvocationOutput(value: unknown): InvocationOutput {
  const invalid = (why: string): InvocationOutput => ({
    status: "INVALID",
    description: `Invalid durable execution output (${why}): expected {"Status":"SUCCEEDED"|"FAILED"|"PENDING"}, got ${describe(value)}`,
  });
  if (typeof value !== "object" || value === null || Array.isArray(value)) return invalid("not an object");
  const output = value as Record<string, unknown>;
  switch (output.Status) {
    case "SUCCEEDED":
      if (output.Result === undefined || output.Result === null) return { status: "SUCCEEDED" };
      if (typeof output.Result !== "string") return invalid("Result must be a string");
      return { status: "SUCCEEDED", result: output.Result };
    case "FAILED": {
      const error = output.Error;
      if (error === undefined || error === null) return { status: "FAILED", error: {} };
      if (typeof error !== "object" || Array.isArray(error)) return invalid("Error must be an object");
      const e = error as Record<string, unknown>;
      const out: ErrorObject = {};
      if (typeof e.ErrorType === "string") out.ErrorType = e.ErrorType;
      if (typeof e.ErrorMessage === "string") out.ErrorMessage = e.ErrorMessage;
      if (typeof e.ErrorData === "string") out.ErrorData = e.ErrorData;
      if (Array.isArray(e.StackTrace))
        out.StackTrace = e.StackTrace.filter((l): l is string => typeof l === "string");
      return { status: "FAILED", error: out };
    }
    case "PENDING":
      return { status: "PENDING" };
    default:
      return invalid("unknown Status");
  }
}
