// The restJson1 encoding of the two durable-execution APIs the SDK calls, reproducing what
// @aws-sdk/client-lambda 3.1164 puts on the wire (SERVICE.md §1–§2): percent-encoded path labels,
// query keys in model order, JSON bodies with members in model order, unknown members and nulls
// dropped; responses with epoch-second timestamps turned into Dates.
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  WireOperation,
} from "../types/wire.js";

/** Method, path, query and body of one API call, before endpoint, headers and signing. */
export interface LambdaRestRequest {
  method: "GET" | "POST";
  /** Path with labels already percent-encoded. */
  path: string;
  /** Query parameters in wire order, values unencoded. */
  query: Array<[string, string]>;
  /** UTF-8 JSON body, absent for GET. */
  body?: string | undefined;
}

/** Thrown when a request cannot be encoded (a required member is missing or not a string). */
export class LambdaRequestEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LambdaRequestEncodingError";
  }
}

/** Thrown when a 2xx response body is not the JSON object the API promises. */
export class LambdaResponseDecodingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LambdaResponseDecodingError";
  }
}

/**
 * Percent-encodes a URI component as the AWS SDK does (RFC 3986 unreserved characters kept, and
 * `!'()*` encoded too, which `encodeURIComponent` leaves alone).
 *
 * @example
 * percentEncode("arn:aws:lambda:…:$LATEST/durable-execution/n/i"); // "arn%3Aaws%3Alambda%3A…%3A%24LATEST%2F…"
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `a=1&b=2` from query pairs, encoded with {@link percentEncode}; "" when empty. */
export function buildQueryString(query: ReadonlyArray<readonly [string, string]>): string {
  return query.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join("&");
}

// Body shapes: member names in the order the service model declares them (the client writes them
// in that order, whatever order the caller used). "value" members are copied as they are.
type BodyShape =
  "value" | { readonly listOf: BodyShape } | { readonly members: Readonly<Record<string, BodyShape>> };

const ERROR_OBJECT: BodyShape = {
  members: { ErrorMessage: "value", ErrorType: "value", ErrorData: "value", StackTrace: { listOf: "value" } },
};
const OPERATION_UPDATE: BodyShape = {
  members: {
    Id: "value",
    Type: "value",
    Action: "value",
    ParentId: "value",
    Name: "value",
    SubType: "value",
    Payload: "value",
    Error: ERROR_OBJECT,
    ContextOptions: { members: { ReplayChildren: "value" } },
    StepOptions: { members: { NextAttemptDelaySeconds: "value" } },
    WaitOptions: { members: { WaitSeconds: "value" } },
    CallbackOptions: { members: { TimeoutSeconds: "value", HeartbeatTimeoutSeconds: "value" } },
    ChainedInvokeOptions: { members: { FunctionName: "value", TenantId: "value", XAmznTraceId: "value" } },
  },
};
const CHECKPOINT_BODY: BodyShape = {
  members: { CheckpointToken: "value", Updates: { listOf: OPERATION_UPDATE }, ClientToken: "value" },
};

function shapeValue(value: unknown, shape: BodyShape): unknown {
  if (shape === "value") return value;
  if ("listOf" in shape) {
    if (!Array.isArray(value)) return value;
    return value.map((item: unknown) =>
      item === null || item === undefined ? item : shapeValue(item, shape.listOf),
    );
  }
  if (typeof value !== "object" || value === null) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const member in shape.members) {
    const memberValue = source[member];
    // Invariant: `shape.members` is a plain literal, so every key enumerated here is its own.
    if (memberValue !== undefined && memberValue !== null)
      out[member] = shapeValue(memberValue, shape.members[member]!);
  }
  return out;
}

function requireString(value: unknown, member: string, api: string): string {
  if (typeof value !== "string") {
    throw new LambdaRequestEncodingError(`${api}: ${member} must be a string, received ${typeof value}`);
  }
  return value;
}

function executionPath(arn: unknown, api: string, suffix: string): string {
  const label = requireString(arn, "DurableExecutionArn", api);
  if (label === "") throw new LambdaRequestEncodingError(`${api}: DurableExecutionArn must not be empty`);
  return `/2025-12-01/durable-executions/${percentEncode(label)}/${suffix}`;
}

/**
 * Encodes CheckpointDurableExecution. `clientToken` is the idempotency token to send when the
 * caller gave none (the AWS client fills a UUIDv4 the same way); the same token must be reused on
 * every retry of this request.
 *
 * @example
 * encodeCheckpointRequest({ DurableExecutionArn: arn, CheckpointToken: token, Updates: [] }, randomUUID());
 */
export function encodeCheckpointRequest(
  request: CheckpointDurableExecutionRequest,
  clientToken: string,
): LambdaRestRequest {
  const api = "CheckpointDurableExecution";
  const path = executionPath(request.DurableExecutionArn, api, "checkpoint");
  requireString(request.CheckpointToken, "CheckpointToken", api);
  const withToken = { ...request, ClientToken: request.ClientToken ?? clientToken };
  return { method: "POST", path, query: [], body: JSON.stringify(shapeValue(withToken, CHECKPOINT_BODY)) };
}

/**
 * Encodes GetDurableExecutionState (query `CheckpointToken`, `Marker`, `MaxItems`, in that order).
 *
 * @example
 * encodeGetStateRequest({ DurableExecutionArn: arn, CheckpointToken: token, Marker: next });
 */
export function encodeGetStateRequest(request: GetDurableExecutionStateRequest): LambdaRestRequest {
  const api = "GetDurableExecutionState";
  const path = executionPath(request.DurableExecutionArn, api, "state");
  const query: Array<[string, string]> = [
    ["CheckpointToken", requireString(request.CheckpointToken, "CheckpointToken", api)],
  ];
  if (request.Marker !== undefined && request.Marker !== null) query.push(["Marker", String(request.Marker)]);
  if (request.MaxItems !== undefined && request.MaxItems !== null)
    query.push(["MaxItems", String(request.MaxItems)]);
  return { method: "GET", path, query };
}

// Epoch seconds (fractions allowed) → Date, rounded to the millisecond like the AWS client.
function toDate(value: unknown): unknown {
  return typeof value === "number" && Number.isFinite(value) ? new Date(Math.round(value * 1000)) : value;
}

function withDates(operation: WireOperation): WireOperation {
  const op = operation as WireOperation & Record<string, unknown>;
  const out: WireOperation = {
    ...op,
    StartTimestamp: toDate(op.StartTimestamp) as WireOperation["StartTimestamp"],
  };
  if (op.EndTimestamp !== undefined)
    out.EndTimestamp = toDate(op.EndTimestamp) as WireOperation["EndTimestamp"];
  if (op.StepDetails?.NextAttemptTimestamp !== undefined) {
    out.StepDetails = {
      ...op.StepDetails,
      NextAttemptTimestamp: toDate(op.StepDetails.NextAttemptTimestamp) as Date | string,
    };
  }
  if (op.WaitDetails?.ScheduledEndTimestamp !== undefined) {
    out.WaitDetails = {
      ...op.WaitDetails,
      ScheduledEndTimestamp: toDate(op.WaitDetails.ScheduledEndTimestamp) as Date | string,
    };
  }
  return out;
}

function parseObject(text: string, api: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new LambdaResponseDecodingError(`${api}: response body is not JSON: ${text.slice(0, 200)}`, {
      cause,
    });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new LambdaResponseDecodingError(`${api}: expected a JSON object, received ${text.slice(0, 200)}`);
  }
  return parsed as Record<string, unknown>;
}

function decodeOperations(value: unknown, api: string): WireOperation[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new LambdaResponseDecodingError(`${api}: Operations must be a list`);
  return value.map((op: unknown) => {
    if (typeof op !== "object" || op === null)
      throw new LambdaResponseDecodingError(`${api}: an operation is not an object`);
    return withDates(op as WireOperation);
  });
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * Decodes a CheckpointDurableExecution 200 body.
 *
 * @example
 * decodeCheckpointResponse('{"CheckpointToken":"t2","NewExecutionState":{"Operations":[]}}');
 */
export function decodeCheckpointResponse(text: string): CheckpointDurableExecutionResponse {
  const api = "CheckpointDurableExecution";
  const body = parseObject(text, api);
  const state = body["NewExecutionState"];
  const out: CheckpointDurableExecutionResponse = { NewExecutionState: undefined };
  const token = optionalString(body["CheckpointToken"]);
  if (token !== undefined) out.CheckpointToken = token;
  if (typeof state === "object" && state !== null) {
    const record = state as Record<string, unknown>;
    const operations = decodeOperations(record["Operations"], api);
    const nextMarker = optionalString(record["NextMarker"]);
    out.NewExecutionState = {
      ...(operations !== undefined && { Operations: operations }),
      ...(nextMarker !== undefined && { NextMarker: nextMarker }),
    };
  }
  return out;
}

/**
 * Decodes a GetDurableExecutionState 200 body.
 *
 * @example
 * decodeGetStateResponse('{"Operations":[],"NextMarker":"m2"}');
 */
export function decodeGetStateResponse(text: string): GetDurableExecutionStateResponse {
  const api = "GetDurableExecutionState";
  const body = parseObject(text, api);
  const out: GetDurableExecutionStateResponse = { Operations: decodeOperations(body["Operations"], api) };
  const nextMarker = optionalString(body["NextMarker"]);
  if (nextMarker !== undefined) out.NextMarker = nextMarker;
  return out;
}
