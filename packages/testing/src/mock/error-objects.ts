import {
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  DurableOperationError,
  type ErrorObject,
} from "durable-lambda";
import { asChildContextError } from "durable-lambda/internal";

/** Rebuilds the error a recorded failure throws, as the SDK does on replay. */
export function fromErrorObject(error: ErrorObject): DurableOperationError {
  return DurableOperationError.fromErrorObject(error);
}

/** What a waitForCallback caller receives (SDK.md §4.5): callback errors pass, a failed submitter is mapped. */
export function asWaitForCallbackError(error: unknown): Error {
  if (error instanceof CallbackExternalError || error instanceof CallbackTimeoutError) return error;
  if (error instanceof DurableOperationError && error.errorType === "StepError") {
    return new CallbackSubmitterError(error.message, error);
  }
  return asChildContextError(error);
}
