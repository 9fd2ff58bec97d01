// The single classifier for errors thrown by any DurableExecutionClient (SDK.md §9.3). It reads the
// AWS SDK error shape (`name`, `message`, `$metadata.httpStatusCode`), which both our transports and
// `@aws-sdk/client-lambda` produce, plus the explicit scope a custom transport may state.
import { isDurableExecutionClientError } from "../errors.js";

/**
 * How far a transport failure reaches: `"INVOCATION"` ends this invocation and lets Lambda retry
 * it; `"EXECUTION"` fails the durable execution.
 */
export type TransportErrorScope = "INVOCATION" | "EXECUTION";

/** Message prefix the service uses for a stale or unknown checkpoint token (exact capitalisation). */
export const INVALID_CHECKPOINT_TOKEN_PREFIX = "Invalid Checkpoint Token";

// KMS misconfiguration is the customer's to fix: the service answers 502 but retrying cannot help.
const KMS_CUSTOMER_ERROR_NAMES: ReadonlySet<string> = new Set([
  "KMSAccessDeniedException",
  "KMSDisabledException",
  "KMSInvalidStateException",
  "KMSNotFoundException",
]);

interface AwsShapedError {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function asRecord(error: unknown): AwsShapedError | undefined {
  return typeof error === "object" && error !== null ? (error as AwsShapedError) : undefined;
}

/**
 * The HTTP status an error carries in `$metadata.httpStatusCode`, or `undefined` (network errors,
 * timeouts, anything not from an HTTP response).
 *
 * @example
 * httpStatusOf({ $metadata: { httpStatusCode: 429 } }); // 429
 */
export function httpStatusOf(error: unknown): number | undefined {
  const status = asRecord(error)?.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

/**
 * The scope a `DurableExecutionClientError` states (recognised by its marker, so also one from
 * another copy of the SDK), or `undefined`.
 */
export function explicitScopeOf(error: unknown): TransportErrorScope | undefined {
  if (!isDurableExecutionClientError(error)) return undefined;
  const scope: unknown = error.scope;
  return scope === "INVOCATION" || scope === "EXECUTION" ? scope : undefined;
}

/**
 * True for the service's invalid-checkpoint-token answer: a 4xx `InvalidParameterValueException`
 * whose message starts with `Invalid Checkpoint Token`.
 *
 * @example
 * isInvalidCheckpointTokenError(err) && console.log("stale token: end the invocation");
 */
export function isInvalidCheckpointTokenError(error: unknown): boolean {
  const record = asRecord(error);
  const status = httpStatusOf(error);
  return (
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    record?.name === "InvalidParameterValueException" &&
    typeof record.message === "string" &&
    record.message.startsWith(INVALID_CHECKPOINT_TOKEN_PREFIX)
  );
}

/**
 * True for a KMS key misconfiguration reported by the service (502, non-retryable).
 */
export function isKmsCustomerError(error: unknown): boolean {
  const name = asRecord(error)?.name;
  return typeof name === "string" && KMS_CUSTOMER_ERROR_NAMES.has(name);
}

/**
 * Classifies an error thrown by a checkpoint or get-state call (SDK.md §9.3):
 * 1. an explicit `DurableExecutionClientError` scope wins;
 * 2. 4xx `InvalidParameterValueException` "Invalid Checkpoint Token…" → `"INVOCATION"`;
 * 3. any other 4xx except 429 → `"EXECUTION"`;
 * 4. KMS errors (502) → `"EXECUTION"`;
 * 5. everything else (429, 5xx, network, timeouts, non-Error values) → `"INVOCATION"`.
 *
 * @example
 * try { await client.checkpoint(req); }
 * catch (e) { if (classifyTransportError(e) === "EXECUTION") failExecution(e); else throw e; }
 */
export function classifyTransportError(error: unknown): TransportErrorScope {
  const explicit = explicitScopeOf(error);
  if (explicit !== undefined) return explicit;
  if (isInvalidCheckpointTokenError(error)) return "INVOCATION";
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) return "EXECUTION";
  if (isKmsCustomerError(error)) return "EXECUTION";
  return "INVOCATION";
}
