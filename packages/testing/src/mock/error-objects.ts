import {
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  DurableOperationError,
  type ErrorObject,
} from "durable-lambda";

/** The ErrorObject the SDK would checkpoint for a thrown value (SDK.md §9.1). */
export function toErrorObject(error: unknown): ErrorObject {
  if (error instanceof DurableOperationError) return error.toErrorObject();
  if (error instanceof Error) return { ErrorType: error.name, ErrorMessage: error.message };
  return { ErrorMessage: "Unknown error" };
}

/** Rebuilds the error a recorded failure throws, as the SDK does on replay. */
export function fromErrorObject(error: ErrorObject): DurableOperationError {
  return DurableOperationError.fromErrorObject(error);
}

/** What a child context's caller receives for what its function threw. */
export function asChildContextError(error: unknown): DurableOperationError {
  if (error instanceof ChildContextError) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  return new ChildContextError(cause.message, cause);
}

/** What a waitForCallback caller receives (SDK.md §4.5): callback errors pass, a failed submitter is mapped. */
export function asWaitForCallbackError(error: unknown): Error {
  if (error instanceof CallbackExternalError || error instanceof CallbackTimeoutError) return error;
  if (error instanceof DurableOperationError && error.errorType === "StepError") {
    return new CallbackSubmitterError(error.message, error);
  }
  return asChildContextError(error);
}
