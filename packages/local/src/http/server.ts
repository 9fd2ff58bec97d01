import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DurableEngine } from "../engine/engine.js";
import { ServiceError, invalidParameter, notFound, requestTooLarge } from "../errors.js";
import type { Route, RouteResponse } from "./http-types.js";
import { checkpointRoute } from "./routes/checkpoint.js";
import { stateRoute } from "./routes/state.js";
import { getExecutionRoute } from "./routes/execution.js";
import { historyRoute } from "./routes/history.js";
import { listExecutionsRoute } from "./routes/list-executions.js";
import { stopRoute } from "./routes/stop.js";
import { callbackFailureRoute, callbackHeartbeatRoute, callbackSuccessRoute } from "./routes/callbacks.js";
import { invokeRoute } from "./routes/invoke.js";

/** Extra handler for paths outside the API (the timeline UI); returns false when it does not handle the path. */
export type ExtraHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  engine: DurableEngine,
) => boolean | Promise<boolean>;

export interface HttpServerOptions {
  engine: DurableEngine;
  host?: string;
  port?: number;
  /** Largest accepted request body (default 7 MiB: the 6 MB sync Invoke limit plus headroom). */
  maxBodyBytes?: number;
  extraHandler?: ExtraHandler;
}

/**
 * One route pattern: method plus raw path segments; `*` marks a label, matched on the raw (still percent-encoded)
 * segment and decoded exactly once afterwards, so an encoded `/` inside an ARN never splits it.
 */
interface RouteEntry {
  method: string;
  pattern: string[];
  route: Route;
}

const ROUTES: RouteEntry[] = [
  {
    method: "POST",
    pattern: ["2025-12-01", "durable-executions", "*", "checkpoint"],
    route: checkpointRoute,
  },
  { method: "GET", pattern: ["2025-12-01", "durable-executions", "*", "state"], route: stateRoute },
  { method: "GET", pattern: ["2025-12-01", "durable-executions", "*", "history"], route: historyRoute },
  { method: "POST", pattern: ["2025-12-01", "durable-executions", "*", "stop"], route: stopRoute },
  { method: "GET", pattern: ["2025-12-01", "durable-executions", "*"], route: getExecutionRoute },
  {
    method: "GET",
    pattern: ["2025-12-01", "functions", "*", "durable-executions"],
    route: listExecutionsRoute,
  },
  {
    method: "POST",
    pattern: ["2025-12-01", "durable-execution-callbacks", "*", "succeed"],
    route: callbackSuccessRoute,
  },
  {
    method: "POST",
    pattern: ["2025-12-01", "durable-execution-callbacks", "*", "fail"],
    route: callbackFailureRoute,
  },
  {
    method: "POST",
    pattern: ["2025-12-01", "durable-execution-callbacks", "*", "heartbeat"],
    route: callbackHeartbeatRoute,
  },
  { method: "POST", pattern: ["2015-03-31", "functions", "*", "invocations"], route: invokeRoute },
  { method: "GET", pattern: ["-", "health"], route: () => ({ status: 200, body: { status: "ok" } }) },
];

function match(method: string, segments: string[]): { route: Route; params: string[] } | undefined {
  for (const entry of ROUTES) {
    if (entry.method !== method || entry.pattern.length !== segments.length) continue;
    const params: string[] = [];
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const expected = entry.pattern[i];
      const actual = segments[i] ?? "";
      if (expected === "*") params.push(actual);
      else ok = expected === actual;
    }
    if (ok) return { route: entry.route, params };
  }
  return undefined;
}

function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalidParameter(`Malformed percent-encoding in path segment ${JSON.stringify(raw.slice(0, 100))}`);
  }
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The service error shape (SERVICE.md §3): `x-amzn-errortype` header plus `Type`, `message` and `Message`. */
function errorResponse(error: ServiceError): RouteResponse {
  const headers: Record<string, string> = { "x-amzn-errortype": error.name, ...error.extraHeaders };
  return {
    status: error.httpStatus,
    headers,
    body: {
      Type: error.$fault === "server" ? "Service" : "User",
      message: error.message,
      Message: error.message,
    },
  };
}

function send(res: ServerResponse, response: RouteResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | Buffer | undefined;
  if (response.body === undefined) payload = undefined;
  else if (typeof response.body === "string" || Buffer.isBuffer(response.body)) payload = response.body;
  else {
    payload = JSON.stringify(response.body);
    headers["content-type"] ??= "application/json";
  }
  headers["content-length"] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

/**
 * The HTTP front of the engine: node:http on 127.0.0.1 by default. Routes only translate HTTP ⇄ engine calls;
 * every failure becomes a service error response, and bad input is never answered with a 500.
 *
 * @example
 * ```ts
 * const server = await startHttpServer({ engine, port: 0 });
 * console.log(server.url); await server.close();
 * ```
 */
export async function startHttpServer(
  options: HttpServerOptions,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const { engine } = options;
  const limit = options.maxBodyBytes ?? 7 * 1024 * 1024;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? "/";
    const queryAt = rawUrl.indexOf("?");
    const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = new URLSearchParams(queryAt < 0 ? "" : rawUrl.slice(queryAt + 1));
    const segments = rawPath.split("/").filter((s) => s.length > 0);
    const method = req.method ?? "GET";
    const found = match(method, segments);
    if (!found && options.extraHandler && (await options.extraHandler(req, res, engine))) return;
    try {
      if (!found) throw notFound(`No API at ${method} ${rawPath.slice(0, 200)}`);
      let body: Buffer;
      try {
        body = await readBody(req, limit);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader("connection", "close");
          throw requestTooLarge(`The request body exceeds ${limit} bytes`);
        }
        throw error;
      }
      const params = found.params.map(decodeLabel);
      send(res, await found.route({ engine, params, query, headers: req.headers, body }));
    } catch (error) {
      if (error instanceof ServiceError) {
        send(res, errorResponse(error));
      } else {
        const message = error instanceof Error ? error.message : String(error);
        send(res, errorResponse(new ServiceError("ServiceException", 500, `Internal error: ${message}`)));
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // A synchronous Invoke waits for the whole execution; never cut it off.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
