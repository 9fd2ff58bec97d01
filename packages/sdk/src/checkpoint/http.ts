// The minimal HTTP(S) client the Lambda transport needs: one request, whole body in and out,
// keep-alive connections, and the official SDK's default timeouts. node:http/https load in a few
// milliseconds (fetch's first call pays ~20 ms to load undici); an injected fetch is supported too.
import type { Agent as HttpAgent, IncomingHttpHeaders } from "node:http";
import type * as Http from "node:http";
import type * as Https from "node:https";

// node:http and node:https are loaded on the first request of their protocol (https with tls, ~3 ms, is not needed
// for the local service), through process.getBuiltinModule where Node has it: an ES module import of a built-in
// reads every export, which for node:http on Node 24 loads far more than the module itself (~20 ms vs ~3 ms).
let httpModule: Promise<typeof Http> | undefined;
let httpsModule: Promise<typeof Https> | undefined;
const loadHttp = (): Promise<typeof Http> => (httpModule ??= builtin("node:http", () => import("node:http")));
const loadHttps = (): Promise<typeof Https> =>
  (httpsModule ??= builtin("node:https", () => import("node:https")));

function builtin<M>(id: string, viaImport: () => Promise<M>): Promise<M> {
  const module = process.getBuiltinModule?.(id) as M | undefined;
  return module === undefined ? viaImport() : Promise.resolve(module);
}

/** One HTTP request; `path` includes the query string. */
export interface HttpRequest {
  method: string;
  protocol: "http:" | "https:";
  hostname: string;
  port?: number | undefined;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
}

/** A complete response; header names are lower case. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body: string;
}

/** Sends one request and resolves with the complete response (any status). */
export type HttpSender = (request: HttpRequest) => Promise<HttpResponse>;

/** Timeouts in milliseconds. */
export interface HttpTimeouts {
  /** Time to establish the TCP connection. */
  connectMs: number;
  /** Longest silence on the socket while the request is active. */
  socketMs: number;
  /** Whole request, from sending to the last byte of the response. */
  requestMs: number;
}

/** The official SDK's defaults for its own Lambda client: 5 s connect, 50 s socket, 55 s request. */
export const DEFAULT_HTTP_TIMEOUTS: Readonly<HttpTimeouts> = Object.freeze({
  connectMs: 5_000,
  socketMs: 50_000,
  requestMs: 55_000,
});

/** A request did not complete in time. Has no HTTP status, so it is retried and then ends the invocation. */
export class HttpTimeoutError extends Error {
  readonly code = "ETIMEDOUT";
  constructor(
    readonly phase: "connect" | "socket" | "request",
    readonly timeoutMs: number,
  ) {
    super(`HTTP ${phase} timeout after ${timeoutMs} ms`);
    // Same name as the AWS SDK's timeout errors.
    this.name = "TimeoutError";
  }
}

/** The connection closed before the whole response arrived (a network error: retried, then INVOCATION). */
export class HttpResponseIncompleteError extends Error {
  readonly code = "ECONNRESET";
  constructor(readonly statusCode: number) {
    super(`connection closed before the complete HTTP ${statusCode} response was received`);
    this.name = "HttpResponseIncompleteError";
  }
}

/** The parts of `fetch` the transport uses (the global `fetch` satisfies it). */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: Uint8Array | undefined;
    signal?: AbortSignal;
  },
) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
}>;

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers))
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

/**
 * An {@link HttpSender} over node:http / node:https with keep-alive agents (one per sender, so
 * connections are reused across invocations of a warm function).
 *
 * @example
 * const send = createNodeHttpSender();
 * const res = await send({ method: "GET", protocol: "http:", hostname: "127.0.0.1", port: 9014, path: "/", headers: {} });
 */
export function createNodeHttpSender(
  timeouts: HttpTimeouts = DEFAULT_HTTP_TIMEOUTS,
  /** Connection pools to use instead of fresh keep-alive agents (tests, custom TLS). */
  agents: { "http:"?: HttpAgent; "https:"?: Https.Agent } = {},
): HttpSender {
  return (request) =>
    request.protocol === "https:"
      ? loadHttps().then((https) =>
          sendOne(https, (agents["https:"] ??= new https.Agent({ keepAlive: true })), request, timeouts),
        )
      : loadHttp().then((http) =>
          sendOne(http, (agents["http:"] ??= new http.Agent({ keepAlive: true })), request, timeouts),
        );
}

/** One request over `transport` (node:http or node:https) through `agent`. */
function sendOne(
  transport: Pick<typeof Http, "request">,
  agent: HttpAgent,
  request: HttpRequest,
  timeouts: HttpTimeouts,
): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      outcome();
    };
    const req = transport.request({
      method: request.method,
      hostname: request.hostname,
      port: request.port,
      path: request.path,
      headers: request.headers,
      agent,
    });
    const fail = (error: Error): void => {
      finish(() => reject(error));
      req.destroy();
    };
    timers.push(
      setTimeout(() => fail(new HttpTimeoutError("request", timeouts.requestMs)), timeouts.requestMs),
    );
    req.on("socket", (socket) => {
      // A reused keep-alive socket is already connected: only fresh sockets get a connect timer.
      if (!socket.connecting) return;
      const connectTimer = setTimeout(
        () => fail(new HttpTimeoutError("connect", timeouts.connectMs)),
        timeouts.connectMs,
      );
      timers.push(connectTimer);
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.setTimeout(timeouts.socketMs, () => fail(new HttpTimeoutError("socket", timeouts.socketMs)));
    req.on("error", (error) => finish(() => reject(error)));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", (error) => finish(() => reject(error)));
      res.on("end", () =>
        finish(() =>
          resolve({
            statusCode: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        ),
      );
      // A connection cut mid-body may end without 'error' or 'end'; without this the call would
      // hang until the request timeout.
      res.on("close", () => {
        if (!res.complete) finish(() => reject(new HttpResponseIncompleteError(res.statusCode ?? 0)));
      });
    });
    req.end(
      request.body === undefined
        ? undefined
        : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength),
    );
  });
}

/**
 * An {@link HttpSender} over a `fetch` implementation. Only the request timeout applies (fetch
 * exposes no connect or socket timeouts). `host` and `content-length` are left to fetch, which
 * derives the same values from the URL and body.
 *
 * @example
 * const send = createFetchHttpSender(globalThis.fetch);
 */
export function createFetchHttpSender(
  fetchImpl: FetchLike,
  timeouts: HttpTimeouts = DEFAULT_HTTP_TIMEOUTS,
): HttpSender {
  return async (request) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (name !== "host" && name !== "content-length") headers[name] = value;
    }
    const port = request.port === undefined ? "" : `:${request.port}`;
    const url = `${request.protocol}//${request.hostname}${port}${request.path}`;
    let response;
    try {
      response = await fetchImpl(url, {
        method: request.method,
        headers,
        ...(request.body !== undefined && { body: request.body }),
        signal: AbortSignal.timeout(timeouts.requestMs),
      });
    } catch (error) {
      if (error instanceof Error && error.name === "TimeoutError")
        throw new HttpTimeoutError("request", timeouts.requestMs);
      throw error;
    }
    const responseHeaders: Record<string, string | undefined> = {};
    response.headers.forEach((value, key) => (responseHeaders[key.toLowerCase()] = value));
    return { statusCode: response.status, headers: responseHeaders, body: await response.text() };
  };
}
