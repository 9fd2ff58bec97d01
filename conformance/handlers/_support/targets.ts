// Invoke targets are registered by the conformance runner, which tells handlers their function names
// through environment variables (configuration, never the requirement's input).

/** The invoke targets the runner registers, keyed by role. */
const TARGET_ENV_VARS = {
  echo: "CONFORMANCE_ECHO_FUNCTION",
  failing: "CONFORMANCE_FAILING_FUNCTION",
  largePayload: "CONFORMANCE_LARGE_PAYLOAD_FUNCTION",
  second: "CONFORMANCE_SECOND_FUNCTION",
} as const;

/** A role of an invoke target registered by the conformance runner. */
export type InvokeTarget = keyof typeof TARGET_ENV_VARS;

/** Thrown when the runner did not configure the function name of an invoke target. */
export class MissingInvokeTargetError extends Error {
  constructor(target: InvokeTarget) {
    super(
      `Invoke target "${target}" is not configured: expected its function name in the environment variable ` +
        `${TARGET_ENV_VARS[target]}, received nothing`,
    );
    this.name = "MissingInvokeTargetError";
  }
}

/**
 * The function name (or ARN) of an invoke target, read from the environment at call time.
 *
 * @example
 * const result = await context.invoke(invokeTargetName("echo"), event);
 */
export function invokeTargetName(target: InvokeTarget): string {
  const name = process.env[TARGET_ENV_VARS[target]];
  if (name === undefined || name === "") throw new MissingInvokeTargetError(target);
  return name;
}
