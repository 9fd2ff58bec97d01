/**
 * The timeline web UI, served by the local service's HTTP server under `/ui`.
 *
 * A static page (no build step, no framework) that reads the service's own JSON APIs —
 * ListDurableExecutionsByFunction, GetDurableExecution and GetDurableExecutionHistory — and draws one
 * execution's operations as a timeline. Two endpoints are the UI's own, for what the Lambda API has no call
 * for: `/ui/api/functions` (the registered functions' names) and `/ui/api/logs?arn=…` (the output captured
 * from an execution's invocations).
 *
 * @example
 * ```ts
 * // in the service's request listener, before the API routes:
 * const ui = createUiHandler({ listFunctions: () => registry.names() });
 * if (ui(req, res)) return;
 * ```
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { InvocationLogLine } from "../invoker/invoker.js";
import { readUiAsset, UI_ASSETS } from "./ui-assets.js";

/** Options of {@link createUiHandler}. */
export interface UiHandlerOptions {
  /** Names of the registered functions, for the page's function picker; default: the engine's. */
  listFunctions?: () => Iterable<string>;
  /** Output captured from an execution's invocations; default: the engine's. */
  logs?: (executionArn: string) => readonly InvocationLogLine[];
}

/** The parts of the engine the UI reads when the server passes it (as the service's extra handlers get it). */
export interface UiEngineView {
  functions: { names(): Iterable<string> };
  logs(executionArn: string): readonly InvocationLogLine[];
}

/** Handles the request if it is for the UI (returns true), else leaves it alone (returns false). */
export type UiHandler = (req: IncomingMessage, res: ServerResponse, engine?: UiEngineView) => boolean;

/** The path prefix the UI is served under. */
export const UI_PATH = "/ui";

/**
 * Creates the UI's request handler.
 *
 * @example
 * ```ts
 * const handleUi = createUiHandler({ listFunctions: () => ["orders"] });
 * http.createServer((req, res) => handleUi(req, res) || routeApi(req, res));
 * ```
 */
export function createUiHandler(options: UiHandlerOptions = {}): UiHandler {
  return (req, res, engine) => {
    const [path = "/", query = ""] = (req.url ?? "/").split("?", 2);
    if (path !== UI_PATH && !path.startsWith(`${UI_PATH}/`)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, "text/plain; charset=utf-8", "Method Not Allowed\n", { Allow: "GET, HEAD" });
      return true;
    }
    if (path === UI_PATH) {
      // Relative asset URLs in the page resolve against /ui/.
      send(res, 308, "text/plain; charset=utf-8", "", {
        Location: `${UI_PATH}/${(req.url ?? "").slice(path.length)}`,
      });
      return true;
    }
    const name = path.slice(UI_PATH.length + 1);
    if (name === "api/functions") {
      const names = options.listFunctions?.() ?? engine?.functions.names() ?? [];
      send(res, 200, "application/json", JSON.stringify({ Functions: [...names].sort() }));
      return true;
    }
    if (name === "api/logs") {
      const arn = new URLSearchParams(query).get("arn");
      const logs = options.logs ?? (engine === undefined ? undefined : (a: string) => engine.logs(a));
      if (arn === null || arn === "") {
        send(res, 400, "application/json", JSON.stringify({ message: "query parameter arn is required" }));
      } else if (logs === undefined) {
        send(res, 404, "application/json", JSON.stringify({ message: "this server keeps no logs" }));
      } else {
        send(res, 200, "application/json", JSON.stringify({ Lines: logs(arn) }));
      }
      return true;
    }
    const asset = UI_ASSETS[name === "" ? "index.html" : name];
    if (asset === undefined) {
      send(res, 404, "text/plain; charset=utf-8", `Not found: ${path}\n`);
      return true;
    }
    readUiAsset(asset.file).then(
      (body) => send(res, 200, asset.contentType, body),
      (error: unknown) =>
        send(res, 500, "text/plain; charset=utf-8", `UI asset unavailable: ${String(error)}\n`),
    );
    return true;
  };
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-cache",
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : body);
}
