/**
 * The service's error taxonomy (SERVICE.md §3). A `ServiceError` carries the AWS error name, HTTP status and fault
 * and exposes `$metadata.httpStatusCode` — the shape `@aws-sdk/client-lambda` errors have — so the SDK's one
 * classifier handles errors thrown by the in-process client exactly like those coming over HTTP.
 *
 * @example
 * ```ts
 * throw invalidParameter("WaitOptions.WaitSeconds must be an integer in 1..31622400, got 0");
 * ```
 */
export class ServiceError extends Error {
  readonly $fault: "client" | "server";
  readonly $metadata: { httpStatusCode: number };

  constructor(
    name: string,
    readonly httpStatus: number,
    message: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {
    super(message);
    this.name = name;
    this.$fault = httpStatus >= 500 ? "server" : "client";
    this.$metadata = { httpStatusCode: httpStatus };
  }
}

/** The prefix the SDKs test to recognise a retryable token error; its capitalisation matters. */
export const INVALID_TOKEN_PREFIX = "Invalid Checkpoint Token";

export const invalidParameter = (message: string): ServiceError =>
  new ServiceError("InvalidParameterValueException", 400, message);

export const invalidToken = (reason: string): ServiceError =>
  new ServiceError("InvalidParameterValueException", 400, `${INVALID_TOKEN_PREFIX}: ${reason}`);

export const notFound = (message: string): ServiceError =>
  new ServiceError("ResourceNotFoundException", 404, message);

export const callbackTimeout = (message: string): ServiceError =>
  new ServiceError("CallbackTimeoutException", 400, message);

export const alreadyStarted = (message: string): ServiceError =>
  new ServiceError("DurableExecutionAlreadyStartedException", 409, message);

export const conflict = (message: string): ServiceError =>
  new ServiceError("ResourceConflictException", 409, message);

export const requestTooLarge = (message: string): ServiceError =>
  new ServiceError("RequestTooLargeException", 413, message);
