// Bad arguments to map, parallel, waitForCallback, stepWithCompensation, the promise combinators
// and withRetry are reported exactly like core reports them for step, wait or invoke: an
// InvalidOperationConfigError that fails the execution at the call, awaited or not.
import { DurablePromise } from "../durable-promise.js";
import { InvalidOperationConfigError } from "../errors.js";

/**
 * The member of core's context implementation (context/durable-context.ts) used here. Read
 * structurally rather than imported, because that module imports the operations.
 */
interface StartingContext {
  /** Runs an operation's synchronous part; an unrecoverable error thrown there ends the invocation at once. */
  start?<T>(begin: () => () => Promise<T>): DurablePromise<T>;
}

/**
 * The error for an argument that is not what an operation needs; the message says what was
 * expected and what was received.
 *
 * @example
 * throw invalidArgument("map items", "an array", "nope");
 * // InvalidOperationConfigError: Invalid map items: expected an array, received "nope".
 */
export function invalidArgument(
  what: string,
  expected: string,
  received: unknown,
): InvalidOperationConfigError {
  return new InvalidOperationConfigError(
    `Invalid ${what}: expected ${expected}, received ${describeReceived(received)}.`,
  );
}

/**
 * Ends a call whose arguments failed validation through core's `start`, as step.ts does: the
 * execution fails with the InvalidOperationConfigError right away — before the operation takes an
 * id or sends anything, and even when the returned promise is never awaited — and the promise
 * never settles. A context without core's internals (a hand-written stand-in) gets a rejected
 * promise instead.
 *
 * @example
 * if (!Array.isArray(items)) return rejectInvalidCall(ctx, invalidArgument("map items", "an array", items));
 */
export function rejectInvalidCall<T>(ctx: unknown, error: unknown): DurablePromise<T> {
  const start = (ctx as StartingContext | null | undefined)?.start;
  if (typeof start === "function") {
    return start.call(ctx, () => {
      throw error;
    }) as DurablePromise<T>;
  }
  return new DurablePromise<T>(() => Promise.reject(error));
}

/**
 * A short description of a received value for error messages: strings quoted, objects and arrays by
 * kind (their contents may be large or sensitive), everything else as `String(value)`.
 *
 * @example
 * describeReceived("nope"); // '"nope"'
 * describeReceived([1]);    // "an array"
 */
export function describeReceived(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (value === null) return "null";
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  if (typeof value === "symbol") return value.toString();
  return String(value);
}
