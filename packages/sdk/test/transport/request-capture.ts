// Test helpers: run the same API call through @aws-sdk/client-lambda and through LambdaTransport,
// capturing the signed request each produces, so tests can compare them field by field.
import { Readable } from "node:stream";
import {
  CheckpointDurableExecutionCommand,
  GetDurableExecutionStateCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { LambdaTransport } from "../../src/checkpoint/lambda-transport.js";
import type { HttpRequest, HttpResponse } from "../../src/checkpoint/http.js";
import type { AwsCredentials } from "../../src/checkpoint/lambda-environment.js";
import type {
  CheckpointDurableExecutionRequest,
  GetDurableExecutionStateRequest,
} from "../../src/types/wire.js";

/** A request as both sides see it just before it leaves: URL parts, headers, body bytes. */
export interface CapturedRequest {
  method: string;
  protocol: string;
  hostname: string;
  port: number | undefined;
  path: string;
  /** Query pairs in wire order, unencoded. */
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body: Buffer;
}

export type ApiCall =
  | { api: "checkpoint"; input: CheckpointDurableExecutionRequest }
  | { api: "getState"; input: GetDurableExecutionStateRequest };

export interface ClientSetup {
  region: string;
  credentials: AwsCredentials;
  endpoint?: string;
}

/** A 200 body valid for either API. */
export const OK_BODY = JSON.stringify({
  CheckpointToken: "next",
  NewExecutionState: { Operations: [] },
  Operations: [],
});

function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error(`unexpected body type ${typeof body}`);
}

/**
 * Sends `call` with a real LambdaClient whose request handler records each (signed) attempt and
 * answers with `responses` in turn (the last one repeats).
 */
export async function captureAwsClient(
  setup: ClientSetup,
  call: ApiCall,
  responses: Array<{ status: number; body: string; headers?: Record<string, string> }> = [
    { status: 200, body: OK_BODY },
  ],
): Promise<{ requests: CapturedRequest[]; result: unknown; error: unknown }> {
  const requests: CapturedRequest[] = [];
  const client = new LambdaClient({
    region: setup.region,
    credentials: setup.credentials,
    ...(setup.endpoint !== undefined && { endpoint: setup.endpoint }),
    requestHandler: {
      handle: async (request: any) => {
        requests.push({
          method: request.method,
          protocol: request.protocol,
          hostname: request.hostname,
          port: request.port,
          path: request.path,
          query: Object.entries(request.query ?? {}).map(([k, v]) => [k, String(v)]),
          headers: { ...request.headers },
          body: bodyBytes(request.body),
        });
        const answer = responses[Math.min(requests.length - 1, responses.length - 1)]!;
        return {
          response: {
            statusCode: answer.status,
            headers: { "content-type": "application/json", ...answer.headers },
            body: Readable.from([Buffer.from(answer.body)]),
          },
        };
      },
    } as any,
  });
  const command =
    call.api === "checkpoint"
      ? new CheckpointDurableExecutionCommand(call.input as any)
      : new GetDurableExecutionStateCommand(call.input as any);
  try {
    const result = await client.send(command as any);
    return { requests, result, error: undefined };
  } catch (error) {
    return { requests, result: undefined, error };
  } finally {
    client.destroy();
  }
}

/** Splits our wire path (`/p?a=1&b=2`) into path and decoded query pairs. */
function splitPath(pathWithQuery: string): { path: string; query: Array<[string, string]> } {
  const at = pathWithQuery.indexOf("?");
  if (at < 0) return { path: pathWithQuery, query: [] };
  return { path: pathWithQuery.slice(0, at), query: [...new URLSearchParams(pathWithQuery.slice(at + 1))] };
}

/**
 * Sends `call` through LambdaTransport with a recording HTTP sender. `uuids` feed
 * `amz-sdk-invocation-id` and then a missing ClientToken; `userAgent` the signed `x-amz-user-agent`.
 */
export async function captureLambdaTransport(
  setup: ClientSetup,
  call: ApiCall,
  options: {
    uuids: string[];
    userAgent: string;
    responses?: HttpResponse[];
    env?: Record<string, string | undefined>;
  },
): Promise<{ requests: CapturedRequest[]; wirePaths: string[]; result: unknown; error: unknown }> {
  const requests: CapturedRequest[] = [];
  const wirePaths: string[] = [];
  const responses = options.responses ?? [{ statusCode: 200, headers: {}, body: OK_BODY }];
  const uuids = [...options.uuids];
  const transport = new LambdaTransport(
    {
      region: setup.region,
      credentials: setup.credentials,
      ...(setup.endpoint !== undefined && { endpoint: setup.endpoint }),
    },
    {
      env: options.env ?? {},
      userAgent: options.userAgent,
      randomUUID: () => {
        const next = uuids.shift();
        if (next === undefined) throw new Error("test supplied too few UUIDs");
        return next;
      },
      retry: { sleep: async () => {}, random: () => 0.5 },
      send: async (request: HttpRequest) => {
        const { path, query } = splitPath(request.path);
        wirePaths.push(request.path);
        requests.push({
          method: request.method,
          protocol: request.protocol,
          hostname: request.hostname,
          port: request.port,
          path,
          query,
          headers: { ...request.headers },
          body: bodyBytes(request.body),
        });
        return responses[Math.min(requests.length - 1, responses.length - 1)]!;
      },
    },
  );
  try {
    const result =
      call.api === "checkpoint"
        ? await transport.checkpoint(call.input)
        : await transport.getExecutionState(call.input);
    return { requests, wirePaths, result, error: undefined };
  } catch (error) {
    return { requests, wirePaths, result: undefined, error };
  }
}

/** Headers minus `user-agent`, which each client chooses freely (it is not signed). */
export function withoutUserAgent(headers: Record<string, string>): Record<string, string> {
  const { ["user-agent"]: _ignored, ...rest } = headers;
  return rest;
}

/** A DurableLogger that records `error` calls (other levels are dropped). */
export function recordingLogger(): {
  logged: unknown[][];
  logger: { error(...args: unknown[]): void; warn(): void; info(): void; debug(): void };
} {
  const logged: unknown[][] = [];
  return { logged, logger: { error: (...args) => void logged.push(args), warn() {}, info() {}, debug() {} } };
}
