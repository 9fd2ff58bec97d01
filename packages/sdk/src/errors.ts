// The SDK's error taxonomy (SDK.md §9): user-facing operation errors that round-trip through ErrorObject by an
// explicit type tag, internal unrecoverable errors that end the invocation, and one normaliser.
import type { CompletionReason } from "./types/batch.js";
import type { ErrorObject } from "./types/wire.js";

/** How deep `toErrorObject` looks up a cause chain for `errorData`. */
const MAX_CAUSE_DEPTH = 10;

/**
 * Base of every error a durable operation throws to user code. Serializes to an {@link ErrorObject} tagged by
 * `errorType` (never `constructor.name`, which minifiers rename).
 *
 * @example
 * try { await ctx.step(fn); } catch (e) { if (e instanceof DurableOperationError) console.log(e.errorType, e.code); }
 */
export abstract class DurableOperationError extends Error {
  abstract readonly errorType: string;
  /** Stable machine-readable code. */
  abstract readonly code: string;
  override cause?: Error;
  errorData?: string;
  stackTrace?: string[];

  constructor(message: string, cause?: Error, errorData?: string) {
    super(message);
    this.cause = cause;
    this.errorData = errorData;
  }

  /**
   * Rebuild the error class named by `ErrorType`; any other type becomes a {@link StepError} whose `cause` carries
   * the original type as its `name`.
   *
   * @example
   * const e = DurableOperationError.fromErrorObject({ ErrorType: "InvokeError", ErrorMessage: "x" }); // InvokeError
   */
  static fromErrorObject(errorObject: ErrorObject): DurableOperationError {
    const cause = plainErrorFrom(errorObject);
    const factory =
      errorObject.ErrorType === undefined ? undefined : errorFactories.get(errorObject.ErrorType);
    if (factory) return factory(errorObject.ErrorMessage, cause, errorObject.ErrorData);
    return new StepError(errorObject.ErrorMessage || "Unknown error", cause, errorObject.ErrorData);
  }

  /**
   * Serialize for a checkpoint. `ErrorData` comes from this error or the first one found up its cause chain.
   *
   * @example
   * new StepError("boom").toErrorObject(); // { ErrorType: "StepError", ErrorMessage: "boom" }
   */
  toErrorObject(): ErrorObject {
    const out: ErrorObject = { ErrorType: this.errorType, ErrorMessage: this.message };
    const data = findErrorData(this);
    if (data !== undefined) out.ErrorData = data;
    return out;
  }
}

function findErrorData(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && current instanceof Error; depth++) {
    const data = (current as { errorData?: unknown }).errorData;
    if (typeof data === "string") return data;
    current = current.cause;
  }
  return undefined;
}

/**
 * A step failed: the function threw (after the retry strategy gave up). `cause.name` is the original type.
 *
 * @example
 * catch (e) { if (e instanceof StepError) console.log(e.cause?.name); }
 */
export class StepError extends DurableOperationError {
  readonly errorType = "StepError";
  readonly code = "STEP_FAILED";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Step failed", cause, errorData);
    this.name = "StepError";
  }
}

/** Base of the callback errors; also thrown when the service returns no callback id. */
export class CallbackError extends DurableOperationError {
  readonly errorType: string = "CallbackError";
  readonly code: string = "CALLBACK_ERROR";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Callback failed", cause, errorData);
    this.name = "CallbackError";
  }
}

/** The callback was completed with a failure by the external system. */
export class CallbackExternalError extends CallbackError {
  override readonly errorType = "CallbackExternalError";
  override readonly code = "CALLBACK_FAILED";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Callback failed", cause, errorData);
    this.name = "CallbackExternalError";
  }
}

/** The callback timed out (overall or heartbeat timeout). */
export class CallbackTimeoutError extends CallbackError {
  override readonly errorType = "CallbackTimeoutError";
  override readonly code = "CALLBACK_TIMED_OUT";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Callback timed out", cause, errorData);
    this.name = "CallbackTimeoutError";
  }
}

/** The waitForCallback submitter failed. */
export class CallbackSubmitterError extends CallbackError {
  override readonly errorType = "CallbackSubmitterError";
  override readonly code = "CALLBACK_SUBMITTER_FAILED";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Callback submitter failed", cause, errorData);
    this.name = "CallbackSubmitterError";
  }
}

/** A chained invoke failed, timed out or was stopped. */
export class InvokeError extends DurableOperationError {
  readonly errorType = "InvokeError";
  readonly code = "INVOKE_FAILED";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Invoke failed", cause, errorData);
    this.name = "InvokeError";
  }
}

/** A child context (or a batch item) failed; `cause` is what its function threw. */
export class ChildContextError extends DurableOperationError {
  readonly errorType = "ChildContextError";
  readonly code = "CHILD_CONTEXT_FAILED";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Child context failed", cause, errorData);
    this.name = "ChildContextError";
  }
}

/** A waitForCondition failed without a stored error. */
export class WaitForConditionError extends DurableOperationError {
  readonly errorType = "WaitForConditionError";
  readonly code = "WAIT_FOR_CONDITION_FAILED";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Wait for condition failed", cause, errorData);
    this.name = "WaitForConditionError";
  }
}

/** A durable promise combinator failed. */
export class PromiseCombinatorError extends DurableOperationError {
  readonly errorType = "PromiseCombinatorError";
  readonly code = "PROMISE_COMBINATOR_FAILED";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Promise combinator failed", cause, errorData);
    this.name = "PromiseCombinatorError";
  }
}

/**
 * `throwIfError()` on a batch that a custom completion rule ended as FAILED.
 *
 * @example
 * catch (e) { if (e instanceof BatchCompletionError) console.log(e.completionReason); }
 */
export class BatchCompletionError extends DurableOperationError {
  readonly errorType = "BatchCompletionError";
  readonly code = "BATCH_COMPLETION_FAILED";
  constructor(
    readonly completionReason: CompletionReason,
    message?: string,
    cause?: Error,
    errorData?: string,
  ) {
    super(message || `Batch completed with failure (${completionReason})`, cause, errorData);
    this.name = "BatchCompletionError";
  }
}

/**
 * A compensation of `runCompensations` failed (saga pattern).
 *
 * @example
 * throw new CompensationError("refund failed");
 */
export class CompensationError extends DurableOperationError {
  readonly errorType = "CompensationError";
  readonly code = "COMPENSATION_FAILED";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Compensation failed", cause, errorData);
    this.name = "CompensationError";
  }
}

type ErrorFactory = (
  message: string | undefined,
  cause: Error,
  errorData: string | undefined,
) => DurableOperationError;

// Explicit type tag → class. BatchCompletionError is absent on purpose: its reason is not on the wire.
const errorFactories = new Map<string, ErrorFactory>([
  ["StepError", (m, c, d) => new StepError(m, c, d)],
  ["CallbackError", (m, c, d) => new CallbackError(m, c, d)],
  ["CallbackExternalError", (m, c, d) => new CallbackExternalError(m, c, d)],
  ["CallbackTimeoutError", (m, c, d) => new CallbackTimeoutError(m, c, d)],
  ["CallbackSubmitterError", (m, c, d) => new CallbackSubmitterError(m, c, d)],
  ["InvokeError", (m, c, d) => new InvokeError(m, c, d)],
  ["ChildContextError", (m, c, d) => new ChildContextError(m, c, d)],
  ["WaitForConditionError", (m, c, d) => new WaitForConditionError(m, c, d)],
  ["PromiseCombinatorError", (m, c, d) => new PromiseCombinatorError(m, c, d)],
  ["CompensationError", (m, c, d) => new CompensationError(m, c, d)],
]);

/**
 * An at-most-once step found its previous attempt STARTED (the invocation died mid-attempt). Goes through the
 * retry strategy like a thrown error.
 *
 * @example
 * createRetryStrategy({ retryableErrorTypes: [StepInterruptedError] });
 */
export class StepInterruptedError extends Error {
  readonly code = "STEP_INTERRUPTED";
  constructor(stepId?: string, stepName?: string) {
    super(
      `The step ${stepName ? `"${stepName}" ` : ""}(${stepId ?? "?"}) was interrupted during a previous attempt ` +
        "and is not re-run automatically because it uses at-most-once semantics",
    );
    this.name = "StepInterruptedError";
  }
}

/**
 * An attempt exceeded the step's `timeoutSeconds`. Goes through the retry strategy like a thrown error.
 *
 * @example
 * await ctx.step("slow", fn, { timeoutSeconds: 10, retryStrategy: createRetryStrategy({ retryableErrorTypes: [StepTimeoutError] }) });
 */
export class StepTimeoutError extends Error {
  readonly code = "STEP_TIMEOUT";
  constructor(
    readonly timeoutSeconds: number = 0,
    stepName?: string,
  ) {
    super(`Step ${stepName ? `"${stepName}" ` : ""}timed out after ${timeoutSeconds} seconds`);
    this.name = "StepTimeoutError";
  }
}

/**
 * Who must recover from a transport error: the invocation (Lambda retries it) or the execution (it fails).
 *
 * @example
 * throw new DurableExecutionClientError("bad request", { scope: DurableExecutionClientErrorScope.EXECUTION });
 */
export const DurableExecutionClientErrorScope = {
  INVOCATION: "INVOCATION",
  EXECUTION: "EXECUTION",
} as const;
export type DurableExecutionClientErrorScope =
  (typeof DurableExecutionClientErrorScope)[keyof typeof DurableExecutionClientErrorScope];

/** Options of {@link DurableExecutionClientError}. */
export interface DurableExecutionClientErrorOptions {
  scope?: DurableExecutionClientErrorScope;
  cause?: unknown;
}

/**
 * Thrown by a custom {@link DurableExecutionClient} to choose how the failure is classified.
 *
 * @example
 * throw new DurableExecutionClientError("throttled", { scope: "INVOCATION" });
 */
export class DurableExecutionClientError extends Error {
  readonly isDurableExecutionClientError = true;
  readonly code = "DURABLE_EXECUTION_CLIENT_ERROR";
  readonly scope: DurableExecutionClientErrorScope;
  constructor(message: string, options?: DurableExecutionClientErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DurableExecutionClientError";
    this.scope = options?.scope ?? DurableExecutionClientErrorScope.INVOCATION;
  }
}

/**
 * True for a {@link DurableExecutionClientError}, also one from another copy of the SDK.
 *
 * @example
 * if (isDurableExecutionClientError(e)) console.log(e.scope);
 */
export function isDurableExecutionClientError(error: unknown): error is DurableExecutionClientError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { isDurableExecutionClientError?: unknown }).isDurableExecutionClientError === true
  );
}

/**
 * A plugin provider named in `DURABLE_EXECUTION_PLUGINS` could not be loaded; the execution fails.
 *
 * @example
 * throw new PluginLoadError("package x has no durableExecutionPluginProvider export");
 */
export class PluginLoadError extends Error {
  readonly code = "PLUGIN_LOAD_FAILED";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PluginLoadError";
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Unrecoverable errors: they end the invocation instead of reaching user code as operation results.

/** Whether an unrecoverable error fails the execution or makes Lambda retry the invocation. */
export type UnrecoverableScope = "EXECUTION" | "INVOCATION";

/**
 * Base of errors that terminate the invocation: EXECUTION scope → the invocation returns FAILED;
 * INVOCATION scope → the handler throws and Lambda retries.
 */
export abstract class UnrecoverableError extends Error {
  abstract readonly scope: UnrecoverableScope;
  abstract readonly code: string;
  readonly isUnrecoverable = true;
  constructor(scope: UnrecoverableScope, message: string, cause?: unknown) {
    super(
      `[Unrecoverable ${scope === "EXECUTION" ? "Execution" : "Invocation"}] ${message}`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/**
 * Replayed code asked for a different operation than the history holds at that id.
 *
 * @example
 * // the first run named the step "first", the replay calls it "renamed" → execution FAILED with this error
 */
export class NonDeterministicExecutionError extends UnrecoverableError {
  readonly scope = "EXECUTION";
  readonly code = "NON_DETERMINISTIC_EXECUTION";
  constructor(message: string) {
    super("EXECUTION", message);
    this.name = "NonDeterministicExecutionError";
  }
}

/** A checkpoint call failed in a way the execution cannot survive (4xx other than 429, KMS). */
export class CheckpointUnrecoverableExecutionError extends UnrecoverableError {
  readonly scope = "EXECUTION";
  readonly code = "CHECKPOINT_FAILED_EXECUTION";
  constructor(message: string, cause?: unknown) {
    super("EXECUTION", message, cause);
    this.name = "CheckpointUnrecoverableExecutionError";
  }
}

/** A checkpoint call failed transiently (throttling, 5xx, network, stale token): Lambda retries the invocation. */
export class CheckpointUnrecoverableInvocationError extends UnrecoverableError {
  readonly scope = "INVOCATION";
  readonly code = "CHECKPOINT_FAILED_INVOCATION";
  constructor(message: string, cause?: unknown) {
    super("INVOCATION", message, cause);
    this.name = "CheckpointUnrecoverableInvocationError";
  }
}

/**
 * A value could not be serialized or deserialized (BigInt, circular structure, function, symbol, or a failing
 * custom serdes). Invocation scope.
 *
 * @example
 * await ctx.step("bad", async () => 10n); // → SerdesFailedError naming step "bad"
 */
export class SerdesFailedError extends UnrecoverableError {
  readonly scope = "INVOCATION";
  readonly code = "SERDES_FAILED";
  constructor(message: string, cause?: unknown) {
    super("INVOCATION", message, cause);
    this.name = "SerdesFailedError";
  }
}

/**
 * A serialized payload exceeds its per-type limit; checked before checkpointing so the failure names the
 * operation instead of surfacing as a service 4xx. Execution scope.
 *
 * @example
 * withDurableExecution(fn, { payloadLimits: { STEP: 262_144 } });
 */
export class PayloadTooLargeError extends UnrecoverableError {
  readonly scope = "EXECUTION";
  readonly code = "PAYLOAD_TOO_LARGE";
  constructor(
    message: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super("EXECUTION", message);
    this.name = "PayloadTooLargeError";
  }
}

/**
 * An operation was called with an invalid configuration (bad duration, bad concurrency, …). Execution scope:
 * the invocation returns FAILED before the operation sends anything.
 *
 * @example
 * await ctx.wait({ seconds: 0.5 }); // → InvalidOperationConfigError
 */
export class InvalidOperationConfigError extends UnrecoverableError {
  readonly scope = "EXECUTION";
  readonly code = "INVALID_OPERATION_CONFIG";
  constructor(message: string) {
    super("EXECUTION", message);
    this.name = "InvalidOperationConfigError";
  }
}

/**
 * A durable operation was used where it cannot be (inside a step function, on a finished context).
 * Execution scope.
 */
export class ContextMisuseError extends UnrecoverableError {
  readonly scope = "EXECUTION";
  readonly code = "CONTEXT_MISUSE";
  constructor(message: string) {
    super("EXECUTION", message);
    this.name = "ContextMisuseError";
  }
}

/**
 * The Lambda event is not a durable execution envelope (missing `DurableExecutionArn`/`CheckpointToken`, …).
 * Thrown from the handler: there is no execution to report to.
 *
 * @example
 * await handler({} as never, lambdaContext); // rejects with InvalidInvocationInputError
 */
export class InvalidInvocationInputError extends Error {
  readonly code = "INVALID_INVOCATION_INPUT";
  constructor(message: string) {
    super(message);
    this.name = "InvalidInvocationInputError";
  }
}

/** True for an error that must terminate the invocation. */
export function isUnrecoverableError(error: unknown): error is UnrecoverableError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { isUnrecoverable?: unknown }).isUnrecoverable === true
  );
}

/**
 * The one normaliser: anything thrown becomes an Error (non-Error values keep their text in the message).
 *
 * @example
 * toError("oops").message; // "oops"
 */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  const error = new Error(typeof value === "string" ? value : "Unknown error");
  (error as { thrownValue?: unknown }).thrownValue = value;
  return error;
}

/**
 * A plain Error standing for a stored ErrorObject: `name` = ErrorType, `message` = ErrorMessage (used as the
 * `cause` of reconstructed errors and for plugin infos).
 *
 * @example
 * plainErrorFrom({ ErrorType: "TypeError", ErrorMessage: "x" }).name; // "TypeError"
 */
export function plainErrorFrom(errorObject: ErrorObject): Error {
  const error = new Error(errorObject.ErrorMessage);
  error.name = errorObject.ErrorType || "Error";
  if (errorObject.StackTrace) error.stack = errorObject.StackTrace.join("\n");
  return error;
}

/**
 * Serialize any thrown value for a checkpoint (SDK.md §9.1). `StackTrace` is never sent.
 *
 * @example
 * toErrorObject(new RangeError("x")); // { ErrorType: "RangeError", ErrorMessage: "x" }
 */
export function toErrorObject(value: unknown): ErrorObject {
  if (value instanceof DurableOperationError) return value.toErrorObject();
  if (value instanceof Error) return { ErrorType: value.name, ErrorMessage: value.message };
  return { ErrorMessage: "Unknown error" };
}
