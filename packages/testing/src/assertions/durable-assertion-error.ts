/**
 * Thrown by the test kit's assertions. The message is self-contained (a readable diff), so it reads well in any
 * runner; `expected` and `actual` are also attached, which Vitest and Jest render as a structured diff.
 *
 * @example
 * ```ts
 * try { assertEventTypes(run.history, ["ExecutionStarted"]); }
 * catch (e) { if (e instanceof DurableAssertionError) console.log(e.actual); }
 * ```
 */
export class DurableAssertionError extends Error {
  override readonly name = "DurableAssertionError";
  readonly code = "ASSERTION_FAILED";
  readonly expected: unknown;
  readonly actual: unknown;
  /** Lets Vitest/Chai-style reporters render a diff of `expected` and `actual`. */
  readonly showDiff = true;

  constructor(message: string, expected: unknown, actual: unknown) {
    super(message);
    this.expected = expected;
    this.actual = actual;
  }
}
