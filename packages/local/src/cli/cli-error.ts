/**
 * Errors the CLI reports as one line on stderr. A `CliUsageError` (bad arguments) exits with 2; anything
 * else — a service error, an unreachable service — exits with 1.
 */

/** Bad command-line input: unknown command or option, missing argument, malformed JSON. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}

/**
 * One line describing `error` for a user of the CLI talking to `endpoint`.
 *
 * @example
 * ```ts
 * describeCliError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }), "http://127.0.0.1:8787");
 * // "cannot reach the durable service at http://127.0.0.1:8787 (ECONNREFUSED); start it with `durable dev <module>` or pass --endpoint"
 * ```
 */
export function describeCliError(error: unknown, endpoint: string): string {
  if (error instanceof CliUsageError) return error.message;
  const code = networkErrorCode(error);
  if (code !== undefined) {
    return `cannot reach the durable service at ${endpoint} (${code}); start it with \`durable dev <module>\` or pass --endpoint`;
  }
  if (error instanceof Error) {
    const message = error.message.split("\n")[0] ?? "";
    // AWS client errors carry the service's error name (ResourceNotFoundException, …).
    return error.name && error.name !== "Error" ? `${error.name}: ${message}` : message;
  }
  return String(error);
}

function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // Network failures may be wrapped (AggregateError, `cause`); look a few levels down.
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth += 1) {
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (
      typeof code === "string" &&
      /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EAI_AGAIN)$/.test(code)
    ) {
      return code;
    }
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return undefined;
}
