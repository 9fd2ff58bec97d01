// Errors answered by the Lambda service, in the shape @aws-sdk/client-lambda gives them (`name` =
// the service's error code, `$metadata.httpStatusCode`, `$fault`, body members copied over), so
// the one classifier in error-classification.ts treats both transports alike.

/** Response metadata, as on AWS SDK errors. */
export interface LambdaResponseMetadata {
  httpStatusCode: number;
  requestId?: string | undefined;
  attempts?: number | undefined;
  totalRetryDelay?: number | undefined;
}

/**
 * A non-2xx answer from the service. `name` is the service's error code (for example
 * `InvalidParameterValueException`), or `"Unknown"` when the response names none.
 *
 * @example
 * if (e instanceof LambdaServiceError && e.$metadata.httpStatusCode === 429) console.log("throttled");
 */
export class LambdaServiceError extends Error {
  readonly $fault: "client" | "server";
  readonly $metadata: LambdaResponseMetadata;
  /** Seconds from a `Retry-After` header (throttling), when present. */
  readonly retryAfterSeconds?: number;
  /** Other members of the error body (`Type`, `Reason`, …), as the AWS SDK copies them. */
  readonly [member: string]: unknown;

  constructor(
    name: string,
    message: string,
    metadata: LambdaResponseMetadata,
    options: { retryAfterSeconds?: number | undefined; members?: Record<string, unknown> } = {},
  ) {
    super(message);
    // Body members first, so they can never overwrite the fields that classification reads.
    if (options.members) Object.assign(this, options.members);
    this.name = name;
    this.message = message;
    this.$fault = metadata.httpStatusCode >= 500 ? "server" : "client";
    this.$metadata = metadata;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

// Members the error's own fields take precedence over.
const RESERVED_MEMBERS = new Set([
  "name",
  "message",
  "stack",
  "cause",
  "$fault",
  "$metadata",
  "retryAfterSeconds",
]);

// "ns#Code:extra" / "Code,extra" → "Code", as the AWS restJson1 error-code rules read it.
function sanitizeErrorCode(raw: unknown): string | undefined {
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  let code = String(raw);
  code = code.split(",")[0] ?? code;
  code = code.split(":")[0] ?? code;
  if (code.includes("#")) code = code.split("#")[1] ?? code;
  return code === "" ? undefined : code;
}

function findKeyIgnoringCase(record: Record<string, unknown>, wanted: string): string | undefined {
  return Object.keys(record).find((key) => key.toLowerCase() === wanted);
}

function parseBody(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Builds the error for a non-2xx response. The name comes from header `x-amzn-errortype` (text
 * before `:`), else body `code` / `__type` (text after `#`); the message from body `message` or
 * `Message`. `headers` must have lower-case names.
 *
 * @example
 * parseLambdaServiceError(400, { "x-amzn-errortype": "InvalidParameterValueException" },
 *   '{"Type":"User","message":"Invalid Checkpoint Token: stale"}');
 */
export function parseLambdaServiceError(
  statusCode: number,
  headers: Readonly<Record<string, string | undefined>>,
  bodyText: string,
): LambdaServiceError {
  const body = parseBody(bodyText);
  const codeKey = body && findKeyIgnoringCase(body, "code");
  const name =
    sanitizeErrorCode(headers["x-amzn-errortype"]) ??
    (codeKey !== undefined ? sanitizeErrorCode(body?.[codeKey]) : undefined) ??
    sanitizeErrorCode(body?.["__type"]) ??
    "Unknown";
  const bodyMessage = body?.["message"] ?? body?.["Message"];
  const message =
    typeof bodyMessage === "string"
      ? bodyMessage
      : body === undefined && bodyText.trim() !== ""
        ? `HTTP ${statusCode} with a non-JSON body: ${bodyText.slice(0, 200)}`
        : `HTTP ${statusCode} ${name} without a message`;
  const members: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body ?? {})) if (!RESERVED_MEMBERS.has(key)) members[key] = value;
  return new LambdaServiceError(
    name,
    message,
    { httpStatusCode: statusCode, requestId: headers["x-amzn-requestid"] },
    { retryAfterSeconds: parseRetryAfter(headers["retry-after"]), members },
  );
}
