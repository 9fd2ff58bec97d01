import type { IncomingHttpHeaders } from "node:http";
import type { DurableEngine } from "../engine/engine.js";

/** What a route receives: the engine, decoded path labels, query, headers and the raw body. */
export interface RouteRequest {
  engine: DurableEngine;
  /** Path labels, each percent-decoded exactly once. */
  params: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What a route returns; an object body is sent as JSON. */
export interface RouteResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

export type Route = (req: RouteRequest) => RouteResponse | Promise<RouteResponse>;
